"""The heartbeat interval across reboots (issue 24 item 13), over a real websocket and real
GraphQL, on SQLite and PostgreSQL: a HeartbeatInterval the CSMS set with SetVariables (B05)
is what the station's BootNotificationResponse carries afterwards (B01.FR.04: the station
adopts the answer's interval), and the device model shows the interval a boot gave it."""

from __future__ import annotations

from typing import Any

from tests.conftest import NodeFactory
from tests.integration.device_model.test_reports import all_variables, report_item, send_part
from tests.support.device_model import variable_result
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

SET_VARIABLES = """
mutation($station: ID!, $items: [SetVariableInput!]!) {
  setVariables(stationId: $station, items: $items) { outcome results { attributeStatus } }
}
"""
FLEET_INTERVAL = 300


async def set_heartbeat_interval(
    node: RunningNode, station: ScriptedStation, value: str, status: str
) -> None:
    """setVariables OCPPCommCtrlr.HeartbeatInterval = value, answered `status`."""
    items = [{"component": "OCPPCommCtrlr", "variable": "HeartbeatInterval", "value": value}]
    answer = {"setVariableResult": [variable_result("OCPPCommCtrlr", "HeartbeatInterval", status)]}
    variables = {"station": station.station_id, "items": items}
    _, data = await node.run_answered(station, SET_VARIABLES, variables, "SetVariables", answer)
    assert data["setVariables"]["outcome"] == "RESULT"


async def reboot(node: RunningNode, station: ScriptedStation) -> tuple[ScriptedStation, Any]:
    """Close the station's socket, connect again and boot; the new station and the boot's
    answer payload."""
    await station.close()
    again = await node.station(station.station_id)
    answer = await again.boot()
    assert answer[0] == 3, answer
    return again, answer[2]


async def shown_interval(node: RunningNode, station_id: str) -> str | None:
    """The device model's OCPPCommCtrlr.HeartbeatInterval Actual value."""
    rows = await all_variables(
        node, station_id, component="OCPPCommCtrlr", variable="HeartbeatInterval"
    )
    actual = [row["value"] for row in rows if row["attributeType"] == "Actual"]
    return actual[0] if actual else None


async def test_b05_a_heartbeat_interval_set_through_the_csms_survives_a_reboot(
    make_node: NodeFactory, database_url: str
) -> None:
    """setVariables HeartbeatInterval = 120 Accepted and stored; after a reboot the
    BootNotificationResponse says 120 (not the fleet's 300) and `variables` shows 120."""
    node = await make_node(database_url, heartbeat_interval=FLEET_INTERVAL)
    station = await node.booted_station("CS-HB-1")
    await set_heartbeat_interval(node, station, "120", "Accepted")
    assert await shown_interval(node, "CS-HB-1") == "120"

    station, answer = await reboot(node, station)

    assert (answer["status"], answer["interval"]) == ("Accepted", 120)
    assert await shown_interval(node, "CS-HB-1") == "120"
    _, answer = await reboot(node, station)
    assert answer["interval"] == 120


async def test_b05_reboot_required_counts_a_rejected_value_does_not(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, heartbeat_interval=FLEET_INTERVAL)
    station = await node.booted_station("CS-HB-2")
    await set_heartbeat_interval(node, station, "90", "RebootRequired")
    station, answer = await reboot(node, station)
    assert answer["interval"] == 90

    await set_heartbeat_interval(node, station, "45", "Rejected")
    _, answer = await reboot(node, station)
    assert answer["interval"] == 90


async def test_b01_fr_04_the_device_model_shows_the_interval_a_boot_gave(
    make_node: NodeFactory, database_url: str
) -> None:
    """A station that reported its own HeartbeatInterval (3600) and was never set one by the
    CSMS gets the fleet's 300 at boot and uses it: `variables` says 300."""
    node = await make_node(database_url, heartbeat_interval=FLEET_INTERVAL)
    station = await node.booted_station("CS-HB-3")
    await send_part(
        station, 1, 0, False, [report_item("OCPPCommCtrlr", "HeartbeatInterval", "3600")]
    )
    assert await shown_interval(node, "CS-HB-3") == "3600"

    _, answer = await reboot(node, station)

    assert answer["interval"] == FLEET_INTERVAL
    assert await shown_interval(node, "CS-HB-3") == str(FLEET_INTERVAL)
