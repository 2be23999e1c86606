"""GetVariables / SetVariables over a real websocket and real GraphQL, on SQLite and
PostgreSQL: per-item statuses, write-back into the device model, RebootRequired, paging.

TC_B_06_CSMS / TC_B_07_CSMS (GetVariables), TC_B_09_CSMS / TC_B_10_CSMS (SetVariables).
"""

from __future__ import annotations

from typing import Any

from tests.integration.device_model.test_reports import (
    EVENTS,
    VARIABLES,
    all_variables,
    events_until_status_change,
    report_item,
    send_part,
)
from tests.support.device_model import variable_result
from tests.support.nodes import RunningNode
from tests.support.station import CallError, Frame, ScriptedStation

GET_VARIABLES = """
mutation($station: ID!, $items: [GetVariableInput!]!, $timeout: Float) {
  getVariables(stationId: $station, items: $items, timeoutSeconds: $timeout) {
    outcome errorCode errorDescription
    results {
      component componentInstance evseId connectorId variable variableInstance attributeType
      attributeStatus attributeValue reasonCode additionalInfo
    }
  }
}
"""

SET_VARIABLES = """
mutation($station: ID!, $items: [SetVariableInput!]!) {
  setVariables(stationId: $station, items: $items) {
    outcome errorCode rebootRequired
    results { component variable attributeType attributeStatus reasonCode }
  }
}
"""

DEVICE_STATE = """
query($station: ID!) {
  stationDeviceState(stationId: $station) { stationId rebootRequired rebootRequiredSince }
}
"""


async def _get_variables(
    node: RunningNode,
    station: ScriptedStation,
    items: list[dict[str, Any]],
    results: list[dict[str, Any]],
) -> tuple[Frame, dict[str, Any]]:
    """Run getVariables for `items`; the station answers `results`. Returns the CALL and the
    mutation's result."""
    variables = {"station": station.station_id, "items": items}
    answer = {"getVariableResult": results}
    call, data = await node.run_answered(station, GET_VARIABLES, variables, "GetVariables", answer)
    return call, data["getVariables"]


async def _set_variables(
    node: RunningNode,
    station: ScriptedStation,
    items: list[dict[str, Any]],
    results: list[dict[str, Any]] | CallError,
) -> tuple[Frame, dict[str, Any]]:
    """Run setVariables for `items`; the station answers `results` (or a CallError). Returns
    the CALL and the mutation's result."""
    variables = {"station": station.station_id, "items": items}
    answer = results if isinstance(results, CallError) else {"setVariableResult": results}
    call, data = await node.run_answered(station, SET_VARIABLES, variables, "SetVariables", answer)
    return call, data["setVariables"]


def _value(rows: list[dict[str, Any]], component: str, variable: str, kind: str = "Actual") -> Any:
    matches = [
        row["value"]
        for row in rows
        if (row["component"], row["variable"], row["attributeType"]) == (component, variable, kind)
    ]
    assert len(matches) <= 1
    return matches[0] if matches else None


async def test_get_variables_single_value_tc_b_06(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-GV1")
    call, result = await _get_variables(
        db_node,
        station,
        [{"component": "OCPPCommCtrlr", "variable": "OfflineThreshold"}],
        [variable_result("OCPPCommCtrlr", "OfflineThreshold", "Accepted", "300")],
    )
    assert call[3] == {
        "getVariableData": [
            {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "OfflineThreshold"}}
        ]
    }
    assert result["outcome"] == "RESULT"
    assert result["results"] == [
        {
            "component": "OCPPCommCtrlr",
            "componentInstance": None,
            "evseId": None,
            "connectorId": None,
            "variable": "OfflineThreshold",
            "variableInstance": None,
            "attributeType": "Actual",
            "attributeStatus": "Accepted",
            "attributeValue": "300",
            "reasonCode": None,
            "additionalInfo": None,
        }
    ]
    rows = await all_variables(db_node, "CS-GV1")
    assert [(r["component"], r["variable"], r["attributeType"], r["value"]) for r in rows] == [
        ("OCPPCommCtrlr", "OfflineThreshold", "Actual", "300")
    ]
    await station.close()


async def test_get_variables_multiple_values_per_item_status_tc_b_07(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-GV2")
    call, result = await _get_variables(
        db_node,
        station,
        [
            {
                "component": "OCPPCommCtrlr",
                "variable": "OfflineThreshold",
                "attributeType": "Actual",
            },
            {"component": "AuthCtrlr", "variable": "AuthorizeRemoteStart"},
            {"component": "EVSE", "evseId": 2, "variable": "Power", "attributeType": "MaxSet"},
        ],
        [
            variable_result(
                "AuthCtrlr",
                "AuthorizeRemoteStart",
                "UnknownVariable",
                attributeStatusInfo={"reasonCode": "NotFound", "additionalInfo": "no"},
            ),
            variable_result("OCPPCommCtrlr", "OfflineThreshold", "Accepted", "300", "Actual"),
            variable_result("EVSE", "Power", "Accepted", "11000", "MaxSet", evse_id=2),
        ],
    )
    sent = call[3]["getVariableData"]
    assert sent[0]["attributeType"] == "Actual" and "attributeType" not in sent[1]
    assert sent[2]["component"] == {"name": "EVSE", "evse": {"id": 2}}
    results = result["results"]
    assert [(r["variable"], r["attributeStatus"]) for r in results] == [
        ("AuthorizeRemoteStart", "UnknownVariable"),
        ("OfflineThreshold", "Accepted"),
        ("Power", "Accepted"),
    ]
    assert (results[0]["reasonCode"], results[0]["additionalInfo"]) == ("NotFound", "no")
    assert (results[2]["evseId"], results[2]["attributeType"]) == (2, "MaxSet")
    rows = await all_variables(db_node, "CS-GV2")
    assert _value(rows, "OCPPCommCtrlr", "OfflineThreshold") == "300"
    assert _value(rows, "EVSE", "Power", "MaxSet") == "11000"
    assert await all_variables(db_node, "CS-GV2", component="AuthCtrlr") == []
    await station.close()


async def test_values_read_back_keep_what_the_report_said(db_node: RunningNode) -> None:
    """A GetVariables value updates the reported attribute (names match ignoring case) and
    keeps its mutability and the variable's characteristics."""
    station = await db_node.booted_station("CS-GV3")
    await send_part(
        station, 9, 0, False, [report_item("OCPPCommCtrlr", "OfflineThreshold", "100", unit="s")]
    )
    await _get_variables(
        db_node,
        station,
        [{"component": "ocppcommctrlr", "variable": "offlinethreshold"}],
        [variable_result("ocppcommctrlr", "offlinethreshold", "Accepted", "300")],
    )
    rows = await all_variables(db_node, "CS-GV3")
    assert len(rows) == 1
    row = rows[0]
    assert (row["value"], row["mutability"], row["persistent"]) == ("300", "ReadWrite", True)
    assert (row["unit"], row["dataType"], row["supportsMonitoring"]) == ("s", "integer", True)
    await station.close()


async def test_set_variables_single_value_tc_b_09(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-SV1")
    await send_part(
        station, 3, 0, False, [report_item("OCPPCommCtrlr", "OfflineThreshold", "300", unit="s")]
    )
    call, result = await _set_variables(
        db_node,
        station,
        [{"component": "OCPPCommCtrlr", "variable": "OfflineThreshold", "value": "123"}],
        [variable_result("OCPPCommCtrlr", "OfflineThreshold", "Accepted")],
    )
    assert call[3] == {
        "setVariableData": [
            {
                "attributeValue": "123",
                "component": {"name": "OCPPCommCtrlr"},
                "variable": {"name": "OfflineThreshold"},
            }
        ]
    }
    assert (result["outcome"], result["rebootRequired"]) == ("RESULT", False)
    assert result["results"] == [
        {
            "component": "OCPPCommCtrlr",
            "variable": "OfflineThreshold",
            "attributeType": "Actual",
            "attributeStatus": "Accepted",
            "reasonCode": None,
        }
    ]
    rows = await all_variables(db_node, "CS-SV1")
    assert _value(rows, "OCPPCommCtrlr", "OfflineThreshold") == "123"
    assert rows[0]["unit"] == "s"
    await station.close()


async def test_set_variables_multiple_values_per_item_status_tc_b_10(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-SV2")
    await send_part(
        station,
        3,
        0,
        False,
        [
            report_item("OCPPCommCtrlr", "OfflineThreshold", "300"),
            report_item("AuthCtrlr", "AuthorizeRemoteStart", "true", data_type="boolean"),
        ],
    )
    items = [
        {"component": "OCPPCommCtrlr", "variable": "OfflineThreshold", "value": "123"},
        {"component": "AuthCtrlr", "variable": "AuthorizeRemoteStart", "value": "false"},
        {"component": "Nowhere", "variable": "OfflineThreshold", "value": "1"},
        {"component": "OCPPCommCtrlr", "variable": "Nothing", "value": "1"},
        {
            "component": "OCPPCommCtrlr",
            "variable": "OfflineThreshold",
            "value": "5",
            "attributeType": "Target",
        },
    ]

    _, outcome = await _set_variables(
        db_node,
        station,
        items,
        [
            variable_result("OCPPCommCtrlr", "OfflineThreshold", "Accepted"),
            variable_result(
                "AuthCtrlr",
                "AuthorizeRemoteStart",
                "Rejected",
                attributeStatusInfo={"reasonCode": "ReadOnly"},
            ),
            variable_result("Nowhere", "OfflineThreshold", "UnknownComponent"),
            variable_result("OCPPCommCtrlr", "Nothing", "UnknownVariable"),
            variable_result(
                "OCPPCommCtrlr", "OfflineThreshold", "NotSupportedAttributeType", None, "Target"
            ),
        ],
    )
    assert [
        (r["variable"], r["attributeType"], r["attributeStatus"]) for r in outcome["results"]
    ] == [
        ("OfflineThreshold", "Actual", "Accepted"),
        ("AuthorizeRemoteStart", "Actual", "Rejected"),
        ("OfflineThreshold", "Actual", "UnknownComponent"),
        ("Nothing", "Actual", "UnknownVariable"),
        ("OfflineThreshold", "Target", "NotSupportedAttributeType"),
    ]
    assert outcome["results"][1]["reasonCode"] == "ReadOnly"
    assert outcome["rebootRequired"] is False
    rows = await all_variables(db_node, "CS-SV2")
    assert _value(rows, "OCPPCommCtrlr", "OfflineThreshold") == "123"
    assert _value(rows, "OCPPCommCtrlr", "OfflineThreshold", "Target") is None
    assert _value(rows, "AuthCtrlr", "AuthorizeRemoteStart") == "true"
    assert len(rows) == 2
    await station.close()


async def test_reboot_required_flags_the_station_until_it_boots(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-SV3")
    before = await db_node.graphql.data(DEVICE_STATE, {"station": "CS-SV3"})
    assert before["stationDeviceState"] == {
        "stationId": "CS-SV3",
        "rebootRequired": False,
        "rebootRequiredSince": None,
    }
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-SV3"}) as subscription:
        await db_node.wait_subscribers(1)
        _, result = await _set_variables(
            db_node,
            station,
            [{"component": "SecurityCtrlr", "variable": "SecurityProfile", "value": "2"}],
            [variable_result("SecurityCtrlr", "SecurityProfile", "RebootRequired")],
        )
        events = await events_until_status_change(db_node, station, subscription)
    assert result["rebootRequired"] is True
    assert result["results"][0]["attributeStatus"] == "RebootRequired"
    assert [e for e in events if e["type"] == "VARIABLES_SET"] == [
        {
            "type": "VARIABLES_SET",
            "payload": {
                "results": [
                    {
                        "component": "SecurityCtrlr",
                        "variable": "SecurityProfile",
                        "attributeType": "Actual",
                        "status": "RebootRequired",
                    }
                ],
                "rebootRequired": True,
            },
        }
    ]
    rows = await all_variables(db_node, "CS-SV3")
    assert _value(rows, "SecurityCtrlr", "SecurityProfile") == "2"
    flagged = (await db_node.graphql.data(DEVICE_STATE, {"station": "CS-SV3"}))[
        "stationDeviceState"
    ]
    assert flagged["rebootRequired"] is True and flagged["rebootRequiredSince"] is not None
    await station.boot()
    after = (await db_node.graphql.data(DEVICE_STATE, {"station": "CS-SV3"}))["stationDeviceState"]
    assert (after["rebootRequired"], after["rebootRequiredSince"]) == (False, None)
    assert (await db_node.graphql.data(DEVICE_STATE, {"station": "NOBODY"}))[
        "stationDeviceState"
    ] is None
    await station.close()


async def test_set_variables_call_error_changes_nothing(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-SV4")
    _, result = await _set_variables(
        db_node,
        station,
        [{"component": "OCPPCommCtrlr", "variable": "X", "value": "1"}],
        CallError("InternalError", "oops"),
    )
    assert (result["outcome"], result["errorCode"], result["results"]) == (
        "CALL_ERROR",
        "InternalError",
        [],
    )
    assert await all_variables(db_node, "CS-SV4") == []
    await station.close()


async def test_get_and_set_variables_offline_and_timeout(db_node: RunningNode) -> None:
    item = {"component": "OCPPCommCtrlr", "variable": "OfflineThreshold"}
    offline = await db_node.graphql.data(GET_VARIABLES, {"station": "CS-AWAY", "items": [item]})
    assert offline["getVariables"] == {
        "outcome": "OFFLINE",
        "errorCode": None,
        "errorDescription": None,
        "results": [],
    }
    set_offline = await db_node.graphql.data(
        SET_VARIABLES, {"station": "CS-AWAY", "items": [{**item, "value": "1"}]}
    )
    assert set_offline["setVariables"]["outcome"] == "OFFLINE"
    station = await db_node.booted_station("CS-QUIET")
    quiet = await db_node.graphql.data(
        GET_VARIABLES, {"station": "CS-QUIET", "items": [item], "timeout": 0.3}
    )
    assert quiet["getVariables"]["outcome"] == "TIMEOUT"
    await station.close()


async def test_variables_are_paged_and_filtered(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-PAGE")
    items = [
        report_item(
            f"Comp{n % 3}",
            f"Var{n}",
            str(n),
            more_attributes=({"type": "MaxSet", "value": "100"},) if n % 2 else (),
        )
        for n in range(12)
    ]
    await send_part(station, 1, 0, False, items)
    everything = await all_variables(db_node, "CS-PAGE")
    assert len(everything) == 12 + 6
    keys = [(row["component"], row["variable"], row["attributeType"]) for row in everything]
    assert keys == sorted(keys, key=lambda k: (k[0].lower(), k[1].lower(), k[2]))
    paged: list[dict[str, Any]] = []
    after = None
    while True:
        data = await db_node.graphql.data(
            VARIABLES, {"station": "CS-PAGE", "first": 5, "after": after}
        )
        page = data["variables"]
        paged += page
        if len(page) < 5:
            break
        after = page[-1]["cursor"]
    assert paged == everything
    comp1 = await all_variables(db_node, "CS-PAGE", component="comp1")
    assert {row["variable"] for row in comp1} == {"Var1", "Var4", "Var7", "Var10"}
    var7 = await all_variables(db_node, "CS-PAGE", component="Comp1", variable="VAR7")
    assert [(row["attributeType"], row["value"]) for row in var7] == [
        ("Actual", "7"),
        ("MaxSet", "100"),
    ]
    assert await all_variables(db_node, "NOBODY") == []
    await station.close()


async def test_device_model_needs_authentication_and_valid_input(db_node: RunningNode) -> None:
    anonymous = await db_node.graphql.execute(
        '{ variables(stationId: "CS-X") { value } }', token=None
    )
    assert anonymous["data"] is None and "Authentication required" in str(anonymous["errors"])
    for mutation, variables in [
        (GET_VARIABLES, {"station": "CS-X", "items": [{"component": "C", "variable": "V"}]}),
        (
            SET_VARIABLES,
            {"station": "CS-X", "items": [{"component": "C", "variable": "V", "value": "1"}]},
        ),
    ]:
        body = await db_node.graphql.execute(mutation, variables, token=None)
        assert body["data"] is None and "Authentication required" in str(body["errors"])
    for query in [
        '{ deviceModelReports(stationId: "CS-X") { requestId } }',
        '{ stationDeviceState(stationId: "CS-X") { rebootRequired } }',
        'mutation { getBaseReport(stationId: "CS-X", reportBase: FullInventory) { outcome } }',
        'mutation { getReport(stationId: "CS-X") { outcome } }',
    ]:
        body = await db_node.graphql.execute(query, token=None)
        assert "Authentication required" in str(body["errors"]), query

    no_evse = await db_node.graphql.execute(
        GET_VARIABLES,
        {"station": "CS-X", "items": [{"component": "C", "variable": "V", "connectorId": 1}]},
    )
    assert "connectorId needs evseId" in no_evse["errors"][0]["message"]
    empty = await db_node.graphql.execute(GET_VARIABLES, {"station": "CS-X", "items": []})
    assert "OccurrenceConstraintViolation" in empty["errors"][0]["message"]
    too_long = await db_node.graphql.execute(
        SET_VARIABLES,
        {"station": "CS-X", "items": [{"component": "C" * 51, "variable": "V", "value": "1"}]},
    )
    assert "PropertyConstraintViolation" in too_long["errors"][0]["message"]
    bad_cursor = await db_node.graphql.execute(
        VARIABLES, {"station": "CS-X", "first": 10, "after": "nonsense"}
    )
    assert "after" in bad_cursor["errors"][0]["message"]
    bad_page = await db_node.graphql.execute(VARIABLES, {"station": "CS-X", "first": 0})
    assert "first" in bad_page["errors"][0]["message"]
    bad_timeout = await db_node.graphql.execute(
        GET_VARIABLES,
        {"station": "CS-X", "items": [{"component": "C", "variable": "V"}], "timeout": -1},
    )
    assert "timeoutSeconds" in bad_timeout["errors"][0]["message"]


async def test_get_variables_emits_variables_read(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-GV4")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-GV4"}) as subscription:
        await db_node.wait_subscribers(1)
        await _get_variables(
            db_node,
            station,
            [{"component": "C", "variable": "V"}, {"component": "C", "variable": "W"}],
            [
                variable_result("C", "V", "Accepted", "1"),
                variable_result("C", "W", "Rejected"),
            ],
        )
        events = await events_until_status_change(db_node, station, subscription)
    assert [e for e in events if e["type"] == "VARIABLES_READ"] == [
        {"type": "VARIABLES_READ", "payload": {"requested": 2, "accepted": 1}}
    ]
    await station.close()
