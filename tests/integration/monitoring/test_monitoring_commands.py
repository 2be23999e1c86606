"""Monitoring commands and alerts (N02-N08) over a real websocket and real GraphQL, on SQLite
and PostgreSQL: monitors set, cleared and reset by their answers; a monitoring report under a
CSMS requestId assembled from shuffled and repeated parts; an alert raised and cleared, read
back with `alerts` and delivered by `alertChanged`.

Part 6 has no CSMS test case for N02-N08, so the requirement ids are named instead.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId payload } }"
ALERT_CHANGED = """
subscription($id: ID) {
  alertChanged(stationId: $id) {
    stationId missed component evseId variable active severity trigger actualValue eventId
    variableMonitoringId eventAt
  }
}
"""

SET = """
mutation($station: ID!, $items: [SetMonitoringInput!]!, $timeout: Float) {
  setVariableMonitoring(stationId: $station, items: $items, timeoutSeconds: $timeout) {
    outcome messages errorCode
    results { id status component evseId variable type severity reasonCode additionalInfo }
  }
}
"""
CLEAR = """
mutation($station: ID!, $ids: [Int!]!) {
  clearVariableMonitoring(stationId: $station, ids: $ids) {
    outcome results { id status reasonCode }
  }
}
"""
BASE = """
mutation($station: ID!, $base: MonitoringBase!) {
  setMonitoringBase(stationId: $station, monitoringBase: $base) {
    outcome status reasonCode errorCode
  }
}
"""
LEVEL = """
mutation($station: ID!, $severity: Int!) {
  setMonitoringLevel(stationId: $station, severity: $severity) { outcome status errorCode }
}
"""
GET_REPORT = """
mutation(
  $station: ID!, $criteria: [MonitoringCriterion!],
  $cvs: [MonitoringComponentVariableInput!], $timeout: Float
) {
  getMonitoringReport(
    stationId: $station, monitoringCriteria: $criteria, componentVariables: $cvs,
    timeoutSeconds: $timeout
  ) {
    outcome requestId status reasonCode errorCode
    report { requestId state parts monitors failureReason }
  }
}
"""
MONITORS = """
query($station: ID!) {
  monitors(stationId: $station) {
    id component componentInstance evseId connectorId variable variableInstance variableKey
    type value severity transaction source requestId
  }
}
"""
REPORTS = """
query($station: ID!) {
  monitoringReports(stationId: $station) {
    requestId criteria componentVariables state parts monitors finalSeqNo completedAt
    failureReason status outcome
  }
}
"""
REPORT_ITEMS = """
query($station: ID!, $request: Int) {
  monitoringReport(stationId: $station, requestId: $request) { seqNo id variable }
}
"""
ALERTS = """
query($station: ID, $max: Int, $active: Boolean) {
  alerts(stationId: $station, maxSeverity: $max, activeOnly: $active) {
    stationId component evseId variable active severity trigger actualValue eventId
    variableMonitoringId monitorType eventAt raisedAt clearedAt cursor
    monitor { id type value severity }
  }
}
"""
STATE = """
query($station: ID!) {
  monitoringState(stationId: $station) {
    stationId monitoringBase baseSetAt monitoringLevel levelSetAt
  }
}
"""
FEED = """
query($station: ID) { stationAlerts(stationId: $station) { eventId monitor { id value } } }
"""

POWER = {"component": "EVSE", "evseId": 1, "variable": "Power"}
POWER_LIMIT = {**POWER, "type": "UpperThreshold", "value": 22000, "severity": 2}
TEMPERATURE_PERIOD = {
    "component": "ChargingStation",
    "variable": "Temperature",
    "type": "Periodic",
    "value": 900,
    "severity": 8,
    "transaction": True,
}


def set_result(item: dict[str, Any], status: str, monitor_id: int | None) -> dict[str, Any]:
    """The SetMonitoringResult a station answers for `item` (a SetMonitoringInput)."""
    component: dict[str, Any] = {"name": item["component"]}
    if "evseId" in item:
        component["evse"] = {"id": item["evseId"]}
    result: dict[str, Any] = {
        "status": status,
        "type": item["type"],
        "severity": item["severity"],
        "component": component,
        "variable": {"name": item["variable"]},
    }
    if monitor_id is not None:
        result["id"] = monitor_id
    return result


async def set_monitors(
    node: RunningNode, station: ScriptedStation, items: list[dict[str, Any]], ids: list[int]
) -> dict[str, Any]:
    """setVariableMonitoring of `items`, each answered Accepted with the id of `ids`."""
    answer = {
        "setMonitoringResult": [
            set_result(item, "Accepted", monitor_id)
            for item, monitor_id in zip(items, ids, strict=True)
        ]
    }
    _, data = await node.run_answered(
        station,
        SET,
        {"station": station.station_id, "items": items},
        "SetVariableMonitoring",
        answer,
    )
    result: dict[str, Any] = data["setVariableMonitoring"]
    return result


async def monitor_ids(node: RunningNode, station_id: str) -> list[int]:
    """The ids of the station's stored monitors."""
    data = await node.graphql.data(MONITORS, {"station": station_id})
    return [monitor["id"] for monitor in data["monitors"]]


async def test_set_clear_and_reset_monitors_n03_n04_n05_n06(db_node: RunningNode) -> None:
    """N04.FR.01/08/11: one result per item, Accepted monitors stored under the station's id
    (a Rejected one not); N06.FR.01/02: Accepted and NotFound ids are forgotten; N05: the level
    is sent as given; N03.FR.04: an Accepted FactoryDefault forgets the custom monitors, All
    (N03.FR.03) keeps them."""
    station = await db_node.booted_station("CS-MON-SET")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-MON-SET"}) as subscription:
        await db_node.wait_subscribers(1)
        call, data = await db_node.run_answered(
            station,
            SET,
            {"station": "CS-MON-SET", "items": [POWER_LIMIT, TEMPERATURE_PERIOD]},
            "SetVariableMonitoring",
            {
                "setMonitoringResult": [
                    set_result(POWER_LIMIT, "Accepted", 11),
                    {
                        **set_result(TEMPERATURE_PERIOD, "Rejected", None),
                        "statusInfo": {"reasonCode": "OutOfRange", "additionalInfo": "period"},
                    },
                ]
            },
        )
        assert call[3] == {
            "setMonitoringData": [
                {
                    "value": 22000.0,
                    "type": "UpperThreshold",
                    "severity": 2,
                    "component": {"name": "EVSE", "evse": {"id": 1}},
                    "variable": {"name": "Power"},
                    "transaction": False,
                },
                {
                    "value": 900.0,
                    "type": "Periodic",
                    "severity": 8,
                    "component": {"name": "ChargingStation"},
                    "variable": {"name": "Temperature"},
                    "transaction": True,
                },
            ]
        }
        result = data["setVariableMonitoring"]
        assert result["outcome"] == "RESULT"
        assert result["results"] == [
            {
                "id": 11,
                "status": "Accepted",
                "component": "EVSE",
                "evseId": 1,
                "variable": "Power",
                "type": "UpperThreshold",
                "severity": 2,
                "reasonCode": None,
                "additionalInfo": None,
            },
            {
                "id": None,
                "status": "Rejected",
                "component": "ChargingStation",
                "evseId": None,
                "variable": "Temperature",
                "type": "Periodic",
                "severity": 8,
                "reasonCode": "OutOfRange",
                "additionalInfo": "period",
            },
        ]
        event = await next_station_event(subscription, "MONITORS_SET")
        assert [(r["id"], r["status"]) for r in event["payload"]["results"]] == [
            (11, "Accepted"),
            (None, "Rejected"),
        ]

    (monitor,) = (await db_node.graphql.data(MONITORS, {"station": "CS-MON-SET"}))["monitors"]
    assert monitor == {
        "id": 11,
        "component": "EVSE",
        "componentInstance": None,
        "evseId": 1,
        "connectorId": None,
        "variable": "Power",
        "variableInstance": None,
        "variableKey": "evse\x1f\x1f1\x1f\x1fpower\x1f",
        "type": "UpperThreshold",
        "value": 22000.0,
        "severity": 2,
        "transaction": False,
        "source": "SetVariableMonitoring",
        "requestId": None,
    }

    # N04.FR.12: the same id again replaces the monitor
    replaced = await set_monitors(
        db_node, station, [{**POWER_LIMIT, "id": 11, "value": 11000}], [11]
    )
    assert replaced["results"][0]["status"] == "Accepted"
    await set_monitors(db_node, station, [TEMPERATURE_PERIOD], [12])
    monitors = (await db_node.graphql.data(MONITORS, {"station": "CS-MON-SET"}))["monitors"]
    assert [(m["id"], m["value"]) for m in monitors] == [(11, 11000.0), (12, 900.0)]

    _, cleared = await db_node.run_answered(
        station,
        CLEAR,
        {"station": "CS-MON-SET", "ids": [12, 99]},
        "ClearVariableMonitoring",
        {
            "clearMonitoringResult": [
                {"status": "Accepted", "id": 12},
                {"status": "NotFound", "id": 99, "statusInfo": {"reasonCode": "UnknownId"}},
            ]
        },
    )
    assert cleared["clearVariableMonitoring"] == {
        "outcome": "RESULT",
        "results": [
            {"id": 12, "status": "Accepted", "reasonCode": None},
            {"id": 99, "status": "NotFound", "reasonCode": "UnknownId"},
        ],
    }
    assert await monitor_ids(db_node, "CS-MON-SET") == [11]

    call, level = await db_node.run_answered(
        station,
        LEVEL,
        {"station": "CS-MON-SET", "severity": 4},
        "SetMonitoringLevel",
        {"status": "Accepted"},
    )
    assert call[3] == {"severity": 4}
    assert level["setMonitoringLevel"] == {
        "outcome": "RESULT",
        "status": "Accepted",
        "errorCode": None,
    }

    for base, kept in (("All", [11]), ("FactoryDefault", [])):
        call, answered = await db_node.run_answered(
            station,
            BASE,
            {"station": "CS-MON-SET", "base": base},
            "SetMonitoringBase",
            {"status": "Accepted"},
        )
        assert call[3] == {"monitoringBase": base}
        assert answered["setMonitoringBase"]["status"] == "Accepted"
        assert await monitor_ids(db_node, "CS-MON-SET") == kept
    state = (await db_node.graphql.data(STATE, {"station": "CS-MON-SET"}))["monitoringState"]
    assert (state["monitoringBase"], state["monitoringLevel"]) == ("FactoryDefault", 4)
    assert state["baseSetAt"] and state["levelSetAt"]
    await station.close()


async def test_refusals_timeouts_and_input_errors(db_node: RunningNode) -> None:
    """N05.FR.02 and N04.FR.14 checked before sending (an input error naming the field, no
    CALL); a station that stays silent is a TIMEOUT and one that refuses a CALL_ERROR, with
    nothing stored; a station not connected is OFFLINE."""
    station = await db_node.booted_station("CS-MON-ERR")
    wrong_level = await db_node.graphql.execute(LEVEL, {"station": "CS-MON-ERR", "severity": 10})
    assert "severity: must be between 0 and 9" in wrong_level["errors"][0]["message"]
    negative = {**POWER, "type": "Delta", "value": -1, "severity": 3}
    wrong_delta = await db_node.graphql.execute(
        SET, {"station": "CS-MON-ERR", "items": [POWER_LIMIT, negative]}
    )
    assert "items[1].value" in wrong_delta["errors"][0]["message"]

    timed_out = await db_node.run_timed_out(
        station, SET, {"station": "CS-MON-ERR", "items": [POWER_LIMIT]}, "SetVariableMonitoring"
    )
    assert timed_out["results"] == []
    refused = await db_node.run_refused(
        station, BASE, {"station": "CS-MON-ERR", "base": "HardWiredOnly"}, "SetMonitoringBase"
    )
    assert refused["status"] is None
    assert await monitor_ids(db_node, "CS-MON-ERR") == []
    state = (await db_node.graphql.data(STATE, {"station": "CS-MON-ERR"}))["monitoringState"]
    assert (state["monitoringBase"], state["monitoringLevel"]) == (None, None)

    offline = await db_node.graphql.data(LEVEL, {"station": "NOT-CONNECTED", "severity": 1})
    assert offline["setMonitoringLevel"]["outcome"] == "OFFLINE"
    unknown = await db_node.graphql.data(GET_REPORT, {"station": "NOT-CONNECTED"})
    assert unknown["getMonitoringReport"]["outcome"] == "OFFLINE"
    assert unknown["getMonitoringReport"]["requestId"] is None
    await station.close()


def report_part(request_id: int, seq_no: int, tbc: bool, monitors: list[Any]) -> dict[str, Any]:
    """A NotifyMonitoringReport part."""
    return {
        "requestId": request_id,
        "seqNo": seq_no,
        "tbc": tbc,
        "generatedAt": "2026-12-07T10:00:00Z",
        "monitor": monitors,
    }


def monitored(variable: str, monitor_id: int, severity: int = 5) -> dict[str, Any]:
    """A MonitoringDataType: one Delta monitor on the station's `variable`."""
    return {
        "component": {"name": "ChargingStation"},
        "variable": {"name": variable},
        "variableMonitoring": [
            {
                "id": monitor_id,
                "transaction": False,
                "value": 1,
                "type": "Delta",
                "severity": severity,
            }
        ],
    }


async def send_part(station: ScriptedStation, payload: dict[str, Any]) -> None:
    """Send one NotifyMonitoringReport part; it must be answered with an empty result."""
    answer = await station.call("NotifyMonitoringReport", payload)
    assert answer == [3, answer[1], {}], answer


async def test_a_whole_report_assembles_shuffled_and_repeated_parts_n02(
    db_node: RunningNode,
) -> None:
    """N02.FR.03/04/09/11: a GetMonitoringReport without criteria under a CSMS requestId;
    parts 2, 0, 2 again, 1 are each answered, counted once, listed in seqNo order; the report
    completes with the last missing part (MONITORING_REPORT_COMPLETED once), its monitors
    become the station's, and a stored monitor it did not list is forgotten."""
    station = await db_node.booted_station("CS-MON-REP")
    await set_monitors(db_node, station, [POWER_LIMIT], [50])
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-MON-REP"}) as subscription:
        await db_node.wait_subscribers(1)
        call, data = await db_node.run_answered(
            station,
            GET_REPORT,
            {"station": "CS-MON-REP"},
            "GetMonitoringReport",
            {"status": "Accepted"},
        )
        request_id = call[3]["requestId"]
        assert call[3] == {"requestId": request_id}
        result = data["getMonitoringReport"]
        assert (result["outcome"], result["requestId"], result["status"]) == (
            "RESULT",
            request_id,
            "Accepted",
        )
        assert result["report"] == {
            "requestId": request_id,
            "state": "PENDING",
            "parts": 0,
            "monitors": 0,
            "failureReason": None,
        }

        await send_part(station, report_part(request_id, 2, False, [monitored("Temperature", 3)]))
        await send_part(station, report_part(request_id, 0, True, [monitored("DoorOpen", 1)]))
        await send_part(station, report_part(request_id, 2, False, [monitored("Repeat", 9)]))
        (halfway,) = (await db_node.graphql.data(REPORTS, {"station": "CS-MON-REP"}))[
            "monitoringReports"
        ]
        assert (halfway["state"], halfway["parts"], halfway["finalSeqNo"]) == ("PENDING", 2, 2)
        await send_part(station, report_part(request_id, 1, True, [monitored("Fan", 2)]))
        completed = await next_station_event(subscription, "MONITORING_REPORT_COMPLETED")

    assert completed["payload"] == {
        "requestId": request_id,
        "parts": 3,
        "monitors": 3,
        "pruned": 1,
    }
    (report,) = (await db_node.graphql.data(REPORTS, {"station": "CS-MON-REP"}))[
        "monitoringReports"
    ]
    assert report["state"] == "COMPLETED" and report["completedAt"]
    assert (report["criteria"], report["componentVariables"], report["status"]) == (
        None,
        None,
        "Accepted",
    )
    items = await db_node.graphql.data(
        REPORT_ITEMS, {"station": "CS-MON-REP", "request": request_id}
    )
    assert [(m["seqNo"], m["id"], m["variable"]) for m in items["monitoringReport"]] == [
        (0, 1, "DoorOpen"),
        (1, 2, "Fan"),
        (2, 3, "Temperature"),
    ]
    monitors = (await db_node.graphql.data(MONITORS, {"station": "CS-MON-REP"}))["monitors"]
    assert [(m["id"], m["source"], m["requestId"]) for m in monitors] == [
        (1, "NotifyMonitoringReport", request_id),
        (2, "NotifyMonitoringReport", request_id),
        (3, "NotifyMonitoringReport", request_id),
    ]
    await station.close()


async def test_a_selective_report_and_the_ways_it_fails_n02(db_node: RunningNode) -> None:
    """N02.FR.05/06: criteria and component-variables are sent as given and kept on the
    report, which lists only what they select (no monitor is forgotten); answered
    EmptyResultSet (N02.FR.10) or refused, it is FAILED with the reason."""
    station = await db_node.booted_station("CS-MON-SEL")
    await set_monitors(db_node, station, [POWER_LIMIT], [50])
    call, data = await db_node.run_answered(
        station,
        GET_REPORT,
        {
            "station": "CS-MON-SEL",
            "criteria": ["ThresholdMonitoring", "DeltaMonitoring"],
            "cvs": [{"component": "ChargingStation", "variable": "Temperature"}],
        },
        "GetMonitoringReport",
        {"status": "Accepted"},
    )
    request_id = call[3]["requestId"]
    assert call[3] == {
        "requestId": request_id,
        "componentVariable": [
            {"component": {"name": "ChargingStation"}, "variable": {"name": "Temperature"}}
        ],
        "monitoringCriteria": ["ThresholdMonitoring", "DeltaMonitoring"],
    }
    assert data["getMonitoringReport"]["status"] == "Accepted"
    await send_part(station, report_part(request_id, 0, False, [monitored("Temperature", 3)]))
    assert await monitor_ids(db_node, "CS-MON-SEL") == [3, 50]

    _, empty = await db_node.run_answered(
        station,
        GET_REPORT,
        {"station": "CS-MON-SEL", "criteria": ["PeriodicMonitoring"]},
        "GetMonitoringReport",
        {"status": "EmptyResultSet"},
    )
    assert empty["getMonitoringReport"]["report"]["state"] == "FAILED"
    assert "EmptyResultSet" in empty["getMonitoringReport"]["report"]["failureReason"]
    refused = await db_node.run_refused(
        station, GET_REPORT, {"station": "CS-MON-SEL"}, "GetMonitoringReport"
    )
    assert refused["report"]["state"] == "FAILED"

    reports = (await db_node.graphql.data(REPORTS, {"station": "CS-MON-SEL"}))["monitoringReports"]
    assert [(r["requestId"], r["state"]) for r in reports] == [
        (request_id + 2, "FAILED"),
        (request_id + 1, "FAILED"),
        (request_id, "COMPLETED"),
    ]
    assert reports[2]["criteria"] == ["ThresholdMonitoring", "DeltaMonitoring"]
    assert reports[0]["outcome"] == "CALL_ERROR"
    await station.close()


def event_item(
    event_id: int, timestamp: str, cleared: bool = False, trigger: str = "Alerting"
) -> dict[str, Any]:
    """An eventData item of monitor 7 on EVSE 1's Power."""
    return {
        "eventId": event_id,
        "timestamp": timestamp,
        "trigger": trigger,
        "actualValue": "23000" if not cleared else "21000",
        "cleared": cleared,
        "variableMonitoringId": 7,
        "eventNotificationType": "CustomMonitor",
        "component": {"name": "EVSE", "evse": {"id": 1}},
        "variable": {"name": "Power"},
    }


def notify_event(seq_no: int, tbc: bool, items: list[dict[str, Any]], at: str) -> dict[str, Any]:
    """A NotifyEvent part generated at `at`."""
    return {"generatedAt": at, "seqNo": seq_no, "tbc": tbc, "eventData": items}


async def test_an_alert_is_raised_and_cleared_n07_n08(db_node: RunningNode) -> None:
    """N07.FR.16: an Alerting item raises the alert of its component-variable with its
    monitor's severity; N07.FR.02: a cleared item clears it; an older item arriving late
    changes nothing; a NotifyEvent part that comes twice is stored once (N08.FR.02: every part
    answered empty). Each change is delivered by alertChanged after its commit."""
    station = await db_node.booted_station("CS-MON-ALERT")
    await set_monitors(db_node, station, [POWER_LIMIT], [7])
    async with db_node.graphql.subscribe(ALERT_CHANGED, {"id": "CS-MON-ALERT"}) as live:
        await db_node.wait_subscribers(1)
        raise_part = notify_event(
            0, False, [event_item(1, "2026-12-07T10:00:00Z")], "2026-12-07T10:00:01Z"
        )
        answer = await station.call("NotifyEvent", raise_part)
        assert answer == [3, answer[1], {}]
        raised = (await live.next())["alertChanged"]
        assert raised == {
            "stationId": "CS-MON-ALERT",
            "missed": 0,
            "component": "EVSE",
            "evseId": 1,
            "variable": "Power",
            "active": True,
            "severity": 2,
            "trigger": "Alerting",
            "actualValue": "23000",
            "eventId": 1,
            "variableMonitoringId": 7,
            "eventAt": raised["eventAt"],
        }
        assert raised["eventAt"].startswith("2026-12-07T10:00:00")

        (active,) = (await db_node.graphql.data(ALERTS, {}))["alerts"]
        assert (active["stationId"], active["active"], active["severity"]) == (
            "CS-MON-ALERT",
            True,
            2,
        )
        assert (active["monitorType"], active["clearedAt"]) == ("UpperThreshold", None)
        assert active["monitor"] == {
            "id": 7,
            "type": "UpperThreshold",
            "value": 22000.0,
            "severity": 2,
        }
        assert (await db_node.graphql.data(ALERTS, {"max": 1}))["alerts"] == []
        # the same part again: answered, not stored again, no change delivered (the next
        # change delivered is the clearing one)
        answer = await station.call("NotifyEvent", raise_part)
        assert answer == [3, answer[1], {}]

        clear_part = notify_event(
            0, False, [event_item(2, "2026-12-07T10:05:00Z", cleared=True)], "2026-12-07T10:05:01Z"
        )
        answer = await station.call("NotifyEvent", clear_part)
        assert answer == [3, answer[1], {}]
        cleared = (await live.next())["alertChanged"]
        assert (cleared["active"], cleared["eventId"], cleared["actualValue"]) == (
            False,
            2,
            "21000",
        )

    late = notify_event(0, False, [event_item(3, "2026-12-07T10:01:00Z")], "2026-12-07T10:01:01Z")
    answer = await station.call("NotifyEvent", late)
    assert answer == [3, answer[1], {}]
    assert (await db_node.graphql.data(ALERTS, {"station": "CS-MON-ALERT"}))["alerts"] == []
    (state,) = (await db_node.graphql.data(ALERTS, {"station": "CS-MON-ALERT", "active": False}))[
        "alerts"
    ]
    assert (state["active"], state["eventId"]) == (False, 2)
    assert state["raisedAt"].startswith("2026-12-07T10:00:00")
    assert state["clearedAt"].startswith("2026-12-07T10:05:00")
    feed = (await db_node.graphql.data(FEED, {"station": "CS-MON-ALERT"}))["stationAlerts"]
    assert [row["eventId"] for row in feed] == [3, 2, 1]
    assert [row["monitor"] for row in feed] == [{"id": 7, "value": 22000.0}] * 3
    await station.close()


def limit(name: str, action: str, value: str) -> dict[str, Any]:
    """A reportData entry of the station's MonitoringCtrlr message limits."""
    return {
        "component": {"name": "MonitoringCtrlr"},
        "variable": {"name": name, "instance": action},
        "variableAttribute": [{"type": "Actual", "value": value, "mutability": "ReadOnly"}],
        "variableCharacteristics": {"dataType": "integer", "supportsMonitoring": False},
    }


async def test_set_and_clear_are_split_by_the_stations_limits_n04_fr_09_n06_fr_04(
    db_node: RunningNode,
) -> None:
    """N04.FR.09, N06.FR.04: with ItemsPerMessage[SetVariableMonitoring] 1 and
    ItemsPerMessage[ClearVariableMonitoring] 2 in its device model, two monitors go as two
    requests and three ids as two, each answered in turn, the answers merged in order."""
    station = await db_node.booted_station("CS-MON-SPLIT")
    report = {
        "requestId": 900,
        "generatedAt": "2026-12-07T10:00:00Z",
        "seqNo": 0,
        "reportData": [
            limit("ItemsPerMessage", "SetVariableMonitoring", "1"),
            limit("ItemsPerMessage", "ClearVariableMonitoring", "2"),
        ],
    }
    answer = await station.call("NotifyReport", report)
    assert answer == [3, answer[1], {}]

    pending = asyncio.create_task(
        db_node.graphql.data(
            SET, {"station": "CS-MON-SPLIT", "items": [POWER_LIMIT, TEMPERATURE_PERIOD]}
        )
    )
    sent = []
    for item, monitor_id in ((POWER_LIMIT, 1), (TEMPERATURE_PERIOD, 2)):
        call = await station.expect_call("SetVariableMonitoring")
        sent.append(call[3]["setMonitoringData"])
        result = {"setMonitoringResult": [set_result(item, "Accepted", monitor_id)]}
        await station.reply(call[1], result)
    done = (await pending)["setVariableMonitoring"]
    assert [len(items) for items in sent] == [1, 1]
    assert (done["outcome"], done["messages"]) == ("RESULT", 2)
    assert [(r["id"], r["variable"]) for r in done["results"]] == [(1, "Power"), (2, "Temperature")]
    await set_monitors(db_node, station, [{**POWER_LIMIT, "variable": "Voltage"}], [3])
    assert await monitor_ids(db_node, "CS-MON-SPLIT") == [1, 2, 3]

    pending = asyncio.create_task(
        db_node.graphql.data(CLEAR, {"station": "CS-MON-SPLIT", "ids": [1, 2, 3]})
    )
    asked = []
    for _ in range(2):
        call = await station.expect_call("ClearVariableMonitoring")
        asked.append(call[3]["id"])
        results = [{"status": "Accepted", "id": n} for n in call[3]["id"]]
        await station.reply(call[1], {"clearMonitoringResult": results})
    cleared = (await pending)["clearVariableMonitoring"]
    assert asked == [[1, 2], [3]]
    assert [r["id"] for r in cleared["results"]] == [1, 2, 3]
    assert await monitor_ids(db_node, "CS-MON-SPLIT") == []
    await station.close()
