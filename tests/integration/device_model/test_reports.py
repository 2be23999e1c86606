"""Device-model reports over a real websocket and real GraphQL, on SQLite and PostgreSQL.

TC_B_12_CSMS / TC_B_13_CSMS (GetBaseReport), B08 (GetReport), and NotifyReport parts: out of
order, not starting at 0, repeated; REPORT_COMPLETED once per report.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.device_model import notify_report
from tests.support.graphql import Subscription
from tests.support.nodes import RunningNode
from tests.support.station import CallError, ScriptedStation

GET_BASE_REPORT = """
mutation($station: ID!, $base: ReportBaseEnum!, $timeout: Float) {
  getBaseReport(stationId: $station, reportBase: $base, timeoutSeconds: $timeout) {
    outcome requestId status reasonCode errorCode
    report { requestId kind reportBase outcome status parts completed }
  }
}
"""

GET_REPORT = """
mutation(
  $station: ID!, $cv: [ReportComponentVariableInput!], $criteria: [ComponentCriterionEnum!]
) {
  getReport(stationId: $station, componentVariables: $cv, componentCriteria: $criteria) {
    outcome requestId status reasonCode
    report { requestId kind request status }
  }
}
"""

REPORTS = """
query($station: ID!) {
  deviceModelReports(stationId: $station) {
    requestId kind reportBase outcome status statusReason errorCode parts variables finalSeqNo
    completed completedAt lastPartAt
  }
}
"""

VARIABLES = """
query($station: ID!, $component: String, $variable: String, $first: Int!, $after: String) {
  variables(stationId: $station, component: $component, variable: $variable, first: $first,
            after: $after) {
    cursor component componentInstance evseId connectorId variable variableInstance
    attributeType value mutability persistent constant unit dataType minLimit maxLimit
    valuesList supportsMonitoring
  }
}
"""

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"


def report_item(
    component: str,
    variable: str,
    value: str | None,
    *,
    evse: int | None = None,
    connector: int | None = None,
    component_instance: str | None = None,
    variable_instance: str | None = None,
    data_type: str = "integer",
    unit: str | None = None,
    mutability: str = "ReadWrite",
    more_attributes: tuple[dict[str, Any], ...] = (),
    characteristics: bool = True,
) -> dict[str, Any]:
    """One NotifyReport reportData entry."""
    component_json: dict[str, Any] = {"name": component}
    if component_instance is not None:
        component_json["instance"] = component_instance
    if evse is not None:
        component_json["evse"] = {"id": evse}
        if connector is not None:
            component_json["evse"]["connectorId"] = connector
    variable_json: dict[str, Any] = {"name": variable}
    if variable_instance is not None:
        variable_json["instance"] = variable_instance
    actual: dict[str, Any] = {"type": "Actual", "mutability": mutability, "persistent": True}
    if value is not None:
        actual["value"] = value
    item: dict[str, Any] = {
        "component": component_json,
        "variable": variable_json,
        "variableAttribute": [actual, *more_attributes],
    }
    if characteristics:
        chars: dict[str, Any] = {"dataType": data_type, "supportsMonitoring": True}
        if unit is not None:
            chars["unit"] = unit
        item["variableCharacteristics"] = chars
    return item


async def send_part(
    station: ScriptedStation, request_id: int, seq_no: int, tbc: bool, items: list[dict[str, Any]]
) -> None:
    """Send one NotifyReport part; it must be answered with an empty CALLRESULT."""
    answer = await station.call("NotifyReport", notify_report(request_id, seq_no, tbc, items))
    assert answer == [3, answer[1], {}], answer


async def reports_of(node: RunningNode, station_id: str) -> dict[int, dict[str, Any]]:
    """The station's reports by request id."""
    data = await node.graphql.data(REPORTS, {"station": station_id})
    return {row["requestId"]: row for row in data["deviceModelReports"]}


async def all_variables(node: RunningNode, station_id: str, **filters: Any) -> list[dict[str, Any]]:
    """Every device-model row of the station (one page of up to 1000)."""
    variables = {"station": station_id, "first": 1000, **filters}
    data = await node.graphql.data(VARIABLES, variables)
    rows: list[dict[str, Any]] = data["variables"]
    return rows


async def events_until_status_change(
    node: RunningNode, station: ScriptedStation, subscription: Subscription
) -> list[dict[str, Any]]:
    """Make the station change a connector status, and return every event up to that one:
    whatever was going to be published before it has been."""
    await station.status(1, 1, "Faulted")
    seen: list[dict[str, Any]] = []
    while True:
        event = (await subscription.next())["stationEvents"]
        if event["type"] == "STATUS_CHANGED":
            return seen
        seen.append(event)


async def request_base_report(
    node: RunningNode, station: ScriptedStation, base: str, answer: dict[str, Any] | CallError
) -> tuple[list[Any], dict[str, Any]]:
    """Run getBaseReport; the station answers `answer`. Returns the CALL and the result."""
    variables = {"station": station.station_id, "base": base}
    call, data = await node.run_answered(
        station, GET_BASE_REPORT, variables, "GetBaseReport", answer
    )
    result: dict[str, Any] = data["getBaseReport"]
    return call, result


FULL_INVENTORY = [
    report_item("ChargingStation", "AvailabilityState", "Available", data_type="OptionList"),
    report_item("EVSE", "Power", "22000", evse=1, data_type="decimal", unit="W"),
    report_item("Connector", "ConnectorType", "cType2", evse=1, connector=1, data_type="string"),
    report_item(
        "OCPPCommCtrlr",
        "MessageTimeout",
        "30",
        variable_instance="Default",
        unit="s",
        more_attributes=({"type": "MaxSet", "value": "60", "mutability": "ReadOnly"},),
    ),
    report_item("OCPPCommCtrlr", "OfflineThreshold", "300", unit="s"),
    report_item("AuthCtrlr", "AuthorizeRemoteStart", "true", data_type="boolean"),
    report_item("SecurityCtrlr", "BasicAuthPassword", None, mutability="WriteOnly"),
    report_item("TxCtrlr", "EVConnectionTimeOut", "60", unit="s", component_instance="Main"),
]


async def test_get_base_report_full_inventory_parts_out_of_order_tc_b_13(
    db_node: RunningNode,
) -> None:
    """TC_B_13_CSMS: GetBaseReport FullInventory with a CSMS-allocated requestId; the parts
    arrive 2, 0, 1; the report completes with the last of them, once."""
    station = await db_node.booted_station("CS-DM-FULL")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-DM-FULL"}) as subscription:
        await db_node.wait_subscribers(1)
        call, result = await request_base_report(
            db_node, station, "FullInventory", {"status": "Accepted"}
        )
        request_id = call[3]["requestId"]
        assert call[3] == {"requestId": request_id, "reportBase": "FullInventory"}
        assert isinstance(request_id, int) and request_id >= 0
        assert result["outcome"] == "RESULT"
        assert result["requestId"] == request_id
        assert result["status"] == "Accepted"
        assert result["report"] == {
            "requestId": request_id,
            "kind": "GetBaseReport",
            "reportBase": "FullInventory",
            "outcome": "RESULT",
            "status": "Accepted",
            "parts": 0,
            "completed": False,
        }

        await send_part(station, request_id, 2, False, FULL_INVENTORY[6:])
        await send_part(station, request_id, 0, True, FULL_INVENTORY[:3])
        report = (await reports_of(db_node, "CS-DM-FULL"))[request_id]
        assert (report["parts"], report["finalSeqNo"], report["completed"]) == (2, 2, False)
        # what arrived is readable before the report is complete
        assert len(await all_variables(db_node, "CS-DM-FULL")) == 2 + 3
        await send_part(station, request_id, 1, True, FULL_INVENTORY[3:6])

        report = (await reports_of(db_node, "CS-DM-FULL"))[request_id]
        assert (report["parts"], report["variables"], report["completed"]) == (3, 8, True)
        assert report["completedAt"] is not None
        events = await events_until_status_change(db_node, station, subscription)
    completed = [event for event in events if event["type"] == "REPORT_COMPLETED"]
    assert completed == [
        {
            "type": "REPORT_COMPLETED",
            "payload": {
                "requestId": request_id,
                "parts": 3,
                "variables": 8,
                "kind": "GetBaseReport",
                "reportBase": "FullInventory",
            },
        }
    ]

    rows = await all_variables(db_node, "CS-DM-FULL")
    assert len(rows) == 9  # eight variables, one of them with a MaxSet attribute too
    by_name = {(row["component"], row["variable"], row["attributeType"]): row for row in rows}
    power = by_name[("EVSE", "Power", "Actual")]
    assert (power["evseId"], power["connectorId"], power["value"]) == (1, None, "22000")
    assert (power["unit"], power["dataType"], power["supportsMonitoring"]) == ("W", "decimal", True)
    assert (power["mutability"], power["persistent"], power["constant"]) == (
        "ReadWrite",
        True,
        None,
    )
    connector = by_name[("Connector", "ConnectorType", "Actual")]
    assert (connector["evseId"], connector["connectorId"]) == (1, 1)
    timeout_max = by_name[("OCPPCommCtrlr", "MessageTimeout", "MaxSet")]
    assert (timeout_max["variableInstance"], timeout_max["value"]) == ("Default", "60")
    assert timeout_max["mutability"] == "ReadOnly"
    password = by_name[("SecurityCtrlr", "BasicAuthPassword", "Actual")]
    assert (password["value"], password["mutability"]) == (None, "WriteOnly")
    assert by_name[("TxCtrlr", "EVConnectionTimeOut", "Actual")]["componentInstance"] == "Main"
    await station.close()


async def test_get_base_report_configuration_inventory_tc_b_12(db_node: RunningNode) -> None:
    """TC_B_12_CSMS: a ConfigurationInventory request; every request gets a new requestId;
    the station's status is recorded on the report."""
    station = await db_node.booted_station("CS-DM-CONF")
    first_call, first = await request_base_report(
        db_node, station, "ConfigurationInventory", {"status": "Accepted"}
    )
    assert first_call[3]["reportBase"] == "ConfigurationInventory"
    second_call, second = await request_base_report(
        db_node,
        station,
        "SummaryInventory",
        {"status": "NotSupported", "statusInfo": {"reasonCode": "UnsupportedParam"}},
    )
    assert second_call[3]["requestId"] != first_call[3]["requestId"]
    assert (second["status"], second["reasonCode"]) == ("NotSupported", "UnsupportedParam")
    reports = await reports_of(db_node, "CS-DM-CONF")
    assert reports[first["requestId"]]["status"] == "Accepted"
    assert reports[first["requestId"]]["reportBase"] == "ConfigurationInventory"
    assert reports[second["requestId"]]["status"] == "NotSupported"
    assert reports[second["requestId"]]["statusReason"] == "UnsupportedParam"
    # newest first
    data = await db_node.graphql.data(REPORTS, {"station": "CS-DM-CONF"})
    assert [r["requestId"] for r in data["deviceModelReports"]] == [
        second["requestId"],
        first["requestId"],
    ]
    await station.close()


async def test_report_not_requested_by_this_csms_may_start_at_seq_no_5(
    db_node: RunningNode,
) -> None:
    """A report whose request the CSMS has no record of: it starts at its lowest seqNo."""
    station = await db_node.booted_station("CS-DM-FIVE")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-DM-FIVE"}) as subscription:
        await db_node.wait_subscribers(1)
        await send_part(station, 4242, 5, True, FULL_INVENTORY[:2])
        await send_part(station, 4242, 6, True, FULL_INVENTORY[2:4])
        assert (await reports_of(db_node, "CS-DM-FIVE"))[4242]["completed"] is False
        await send_part(station, 4242, 7, False, FULL_INVENTORY[4:])
        report = (await reports_of(db_node, "CS-DM-FIVE"))[4242]
        assert (report["kind"], report["parts"], report["completed"]) == (None, 3, True)
        events = await events_until_status_change(db_node, station, subscription)
    assert [e["payload"]["requestId"] for e in events if e["type"] == "REPORT_COMPLETED"] == [4242]
    assert len(await all_variables(db_node, "CS-DM-FIVE")) == 9
    await station.close()


async def test_requested_report_waits_for_seq_no_0(db_node: RunningNode) -> None:
    """A report the CSMS requested starts at seqNo 0: parts 1 and 2 alone are not complete."""
    station = await db_node.booted_station("CS-DM-ZERO")
    call, _ = await request_base_report(db_node, station, "FullInventory", {"status": "Accepted"})
    request_id = call[3]["requestId"]
    await send_part(station, request_id, 1, True, FULL_INVENTORY[2:4])
    await send_part(station, request_id, 2, False, FULL_INVENTORY[4:])
    assert (await reports_of(db_node, "CS-DM-ZERO"))[request_id]["completed"] is False
    await send_part(station, request_id, 0, True, FULL_INVENTORY[:2])
    assert (await reports_of(db_node, "CS-DM-ZERO"))[request_id]["completed"] is True
    await station.close()


async def test_repeated_part_is_stored_once(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-DM-DUP")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-DM-DUP"}) as subscription:
        await db_node.wait_subscribers(1)
        call, _ = await request_base_report(
            db_node, station, "FullInventory", {"status": "Accepted"}
        )
        request_id = call[3]["requestId"]
        first = [report_item("OCPPCommCtrlr", "OfflineThreshold", "300")]
        await send_part(station, request_id, 0, True, first)
        again = [report_item("OCPPCommCtrlr", "OfflineThreshold", "999")]
        await send_part(station, request_id, 0, True, again)
        await send_part(station, request_id, 1, False, FULL_INVENTORY[:2])
        await send_part(station, request_id, 1, False, FULL_INVENTORY[:2])
        report = (await reports_of(db_node, "CS-DM-DUP"))[request_id]
        assert (report["parts"], report["variables"], report["completed"]) == (2, 3, True)
        events = await events_until_status_change(db_node, station, subscription)
    assert [e["type"] for e in events].count("REPORT_COMPLETED") == 1
    rows = await all_variables(db_node, "CS-DM-DUP", variable="OfflineThreshold")
    assert [row["value"] for row in rows] == ["300"]
    await station.close()


async def test_get_base_report_sent_through_send_call_is_tracked_from_seq_no_0(
    db_node: RunningNode,
) -> None:
    """The result handler records a GetBaseReport sent with sendCall and its own requestId."""
    station = await db_node.booted_station("CS-DM-RAW")
    pending = asyncio.create_task(
        db_node.graphql.data(
            'mutation($p: JSON!) { sendCall(stationId: "CS-DM-RAW", action: "GetBaseReport",'
            " payload: $p) { outcome } }",
            {"p": {"requestId": 77, "reportBase": "FullInventory"}},
        )
    )
    call = await station.expect_call("GetBaseReport")
    await station.reply(call[1], {"status": "Accepted"})
    assert (await pending)["sendCall"]["outcome"] == "RESULT"
    report = (await reports_of(db_node, "CS-DM-RAW"))[77]
    assert (report["kind"], report["reportBase"], report["status"]) == (
        "GetBaseReport",
        "FullInventory",
        "Accepted",
    )
    await send_part(station, 77, 1, False, FULL_INVENTORY[:1])
    assert (await reports_of(db_node, "CS-DM-RAW"))[77]["completed"] is False
    await send_part(station, 77, 0, True, FULL_INVENTORY[1:2])
    assert (await reports_of(db_node, "CS-DM-RAW"))[77]["completed"] is True
    await station.close()


async def test_get_report_with_component_criteria_reaches_the_station_b08(
    db_node: RunningNode,
) -> None:
    station = await db_node.booted_station("CS-DM-CUSTOM")
    variables = {
        "station": "CS-DM-CUSTOM",
        "cv": [
            {"component": "EVSE", "evseId": 1, "variable": "Power"},
            {"component": "Connector", "evseId": 1, "connectorId": 2},
        ],
        "criteria": ["Available", "Problem"],
    }
    pending = asyncio.create_task(db_node.graphql.data(GET_REPORT, variables))
    call = await station.expect_call("GetReport")
    request_id = call[3]["requestId"]
    expected_criteria = {
        "componentVariable": [
            {"component": {"name": "EVSE", "evse": {"id": 1}}, "variable": {"name": "Power"}},
            {"component": {"name": "Connector", "evse": {"id": 1, "connectorId": 2}}},
        ],
        "componentCriteria": ["Available", "Problem"],
    }
    assert call[3] == {"requestId": request_id, **expected_criteria}
    await station.reply(call[1], {"status": "EmptyResultSet"})
    result = (await pending)["getReport"]
    assert (result["outcome"], result["requestId"], result["status"]) == (
        "RESULT",
        request_id,
        "EmptyResultSet",
    )
    assert result["report"] == {
        "requestId": request_id,
        "kind": "GetReport",
        "request": expected_criteria,
        "status": "EmptyResultSet",
    }
    await station.close()


async def test_report_requests_offline_and_timeout(db_node: RunningNode) -> None:
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-DM-OFF"}) { id } }')
    result = (
        await db_node.graphql.data(
            GET_BASE_REPORT, {"station": "CS-DM-OFF", "base": "FullInventory"}
        )
    )["getBaseReport"]
    assert (result["outcome"], result["status"]) == ("OFFLINE", None)
    assert result["report"]["outcome"] == "OFFLINE"
    unknown = (
        await db_node.graphql.data(GET_BASE_REPORT, {"station": "NOBODY", "base": "FullInventory"})
    )["getBaseReport"]
    assert (unknown["outcome"], unknown["requestId"], unknown["report"]) == ("OFFLINE", None, None)

    station = await db_node.booted_station("CS-DM-SLOW")
    slow = await db_node.graphql.data(
        GET_BASE_REPORT, {"station": "CS-DM-SLOW", "base": "FullInventory", "timeout": 0.3}
    )
    assert slow["getBaseReport"]["outcome"] == "TIMEOUT"
    assert slow["getBaseReport"]["report"]["outcome"] == "TIMEOUT"
    await station.close()


async def test_report_call_error_is_recorded(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-DM-ERR")
    result = (
        await request_base_report(
            db_node, station, "FullInventory", CallError("NotSupported", "no reports here")
        )
    )[1]
    assert (result["outcome"], result["errorCode"]) == ("CALL_ERROR", "NotSupported")
    report = (await reports_of(db_node, "CS-DM-ERR"))[result["requestId"]]
    assert (report["outcome"], report["errorCode"], report["status"]) == (
        "CALL_ERROR",
        "NotSupported",
        None,
    )
    await station.close()


async def test_a_part_resent_on_a_new_connection_is_stored_once(db_node: RunningNode) -> None:
    """B07/B08: requestId and seqNo are a NotifyReport's natural key (a unique index): a part
    resent on the station's next connection, under a new message id, is answered as the first
    time and neither counted nor applied again."""
    station = await db_node.booted_station("CS-DM-RESEND")
    call, _ = await request_base_report(db_node, station, "FullInventory", {"status": "Accepted"})
    request_id = call[3]["requestId"]
    first = notify_report(
        request_id, 0, True, [report_item("OCPPCommCtrlr", "OfflineThreshold", "300")]
    )
    assert await station.call("NotifyReport", first, "nr-0") == [3, "nr-0", {}]
    await station.close()

    station = await db_node.station("CS-DM-RESEND")
    assert await station.call("NotifyReport", first, "nr-0-resent") == [3, "nr-0-resent", {}]
    await send_part(station, request_id, 1, False, FULL_INVENTORY[:2])

    report = (await reports_of(db_node, "CS-DM-RESEND"))[request_id]
    assert (report["parts"], report["variables"], report["completed"]) == (2, 3, True)
    rows = await all_variables(db_node, "CS-DM-RESEND", variable="OfflineThreshold")
    assert [row["value"] for row in rows] == ["300"]
    await station.close()
