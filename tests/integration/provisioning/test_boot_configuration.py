"""Boot configuration (B02 as CitrineOS does it): Pending, then the CSMS sets variables and
fetches a base report, then the next boot is Accepted. Real websocket and real GraphQL, on
SQLite and PostgreSQL (TC_B_02_CSMS with B05 and B07 during the Pending interval)."""

from __future__ import annotations

import asyncio
from typing import Any

from infra.db.models import DeviceModelReport
from tests.conftest import NodeFactory
from tests.support.device_model import notify_report, variable_result
from tests.support.nodes import RunningNode

SET_CONFIGURATION = """
mutation($id: ID!, $variables: [BootVariableInput!]!, $fetch: Boolean!) {
  setBootConfiguration(stationId: $id, variables: $variables, fetchReport: $fetch) {
    stationId fetchReport reportBase appliedAt variables { component variable value attributeType }
  }
}
"""
CONFIGURATION = """
query($id: ID!) { bootConfiguration(stationId: $id) { appliedAt lastAttemptAt lastError } }
"""
HEARTBEAT_INTERVAL = {"component": "OCPPCommCtrlr", "variable": "HeartbeatInterval", "value": "60"}


async def _configure(node: RunningNode, station_id: str, fetch: bool) -> dict[str, Any]:
    await node.graphql.data(
        "mutation($id: ID!) { upsertStation(input: {id: $id}) { id } }", {"id": station_id}
    )
    data = await node.graphql.data(
        SET_CONFIGURATION, {"id": station_id, "variables": [HEARTBEAT_INTERVAL], "fetch": fetch}
    )
    return dict(data["setBootConfiguration"])


async def _configuration(node: RunningNode, station_id: str) -> dict[str, Any]:
    data = await node.graphql.data(CONFIGURATION, {"id": station_id})
    return dict(data["bootConfiguration"])


async def _wait_attempt_ended(node: RunningNode, station_id: str) -> dict[str, Any]:
    for _ in range(1000):
        row = await _configuration(node, station_id)
        if row["appliedAt"] is not None or row["lastError"] is not None:
            return row
        await asyncio.sleep(0.01)
    raise AssertionError("boot configuration never finished")


async def test_pending_until_configured_then_accepted_tc_b_02_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, heartbeat_interval=120)
    stored = await _configure(node, "CS-CONF", fetch=True)
    assert stored["appliedAt"] is None and stored["reportBase"] == "FullInventory"
    assert stored["variables"] == [{**HEARTBEAT_INTERVAL, "attributeType": "Actual"}]
    station = await node.station("CS-CONF")
    first = await station.boot()
    assert (first[2]["status"], first[2]["interval"]) == ("Pending", 120)

    set_call = await station.expect_call("SetVariables")
    assert set_call[3] == {
        "setVariableData": [
            {
                "attributeType": "Actual",
                "attributeValue": "60",
                "component": {"name": "OCPPCommCtrlr"},
                "variable": {"name": "HeartbeatInterval"},
            }
        ]
    }
    await station.reply(
        set_call[1],
        {
            "setVariableResult": [
                variable_result(
                    "OCPPCommCtrlr", "HeartbeatInterval", "Accepted", attribute_type="Actual"
                )
            ]
        },
    )
    report_call = await station.expect_call("GetBaseReport")
    assert report_call[3]["reportBase"] == "FullInventory"
    request_id = report_call[3]["requestId"]
    await station.reply(report_call[1], {"status": "Accepted"})
    heartbeat_interval = {
        "component": {"name": "OCPPCommCtrlr"},
        "variable": {"name": "HeartbeatInterval"},
        "variableAttribute": [{"type": "Actual", "value": "60"}],
    }
    notify = await station.call(
        "NotifyReport", notify_report(request_id, 0, False, [heartbeat_interval])
    )
    assert notify[0] == 3, notify
    row = await _wait_attempt_ended(node, "CS-CONF")
    assert row["lastError"] is None and row["appliedAt"] is not None
    report = await DeviceModelReport.get(station_id="CS-CONF", request_id=request_id)
    assert report.status == "Accepted"

    second = await station.boot()  # the HeartbeatInterval it was set (B05), not the fleet's 120
    assert (second[2]["status"], second[2]["interval"]) == ("Accepted", 60)
    assert (await station.call("Heartbeat", {}))[0] == 3
    history = await node.graphql.data('{ bootHistory(stationId: "CS-CONF", first: 5) { status } }')
    assert [r["status"] for r in history["bootHistory"]] == ["Accepted", "Pending"]
    await station.close()


async def test_a_refused_variable_keeps_the_station_pending_and_is_retried(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, heartbeat_interval=60)
    await _configure(node, "CS-CONF-NO", fetch=False)
    station = await node.station("CS-CONF-NO")
    assert (await station.boot())[2]["status"] == "Pending"
    refused = await station.expect_call("SetVariables")
    await station.reply(
        refused[1],
        {"setVariableResult": [variable_result("OCPPCommCtrlr", "HeartbeatInterval", "Rejected")]},
    )
    row = await _wait_attempt_ended(node, "CS-CONF-NO")
    assert row["appliedAt"] is None
    assert row["lastError"] == "SetVariables: OCPPCommCtrlr.HeartbeatInterval: Rejected"

    assert (await station.boot())[2]["status"] == "Pending"
    retried = await station.expect_call("SetVariables")
    await station.reply(
        retried[1],
        {
            "setVariableResult": [
                variable_result("OCPPCommCtrlr", "HeartbeatInterval", "RebootRequired")
            ]
        },
    )
    for _ in range(1000):
        if (await _configuration(node, "CS-CONF-NO"))["appliedAt"] is not None:
            break
        await asyncio.sleep(0.01)
    assert (await station.boot())[2]["status"] == "Accepted"
    cleared = await node.graphql.data(
        'mutation { clearBootConfiguration(stationId: "CS-CONF-NO") }'
    )
    assert cleared == {"clearBootConfiguration": True}
    await station.close()
