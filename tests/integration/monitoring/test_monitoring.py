"""NotifyEvent (N07) and NotifyMonitoringReport (N02) over a real websocket and real GraphQL,
on SQLite and PostgreSQL: every item stored as its part arrives and answered (N07.FR.03),
ALERT per NotifyEvent part, the alert feed newest first, a report's monitors per requestId.

Part 6 has no CSMS test case for these messages alone, so none is named.
"""

from __future__ import annotations

from typing import Any

from tests.support.graphql import next_station_event
from tests.support.monitoring import (
    CONNECTOR_FAULT,
    EVSE_POWER_MONITORS,
    TEMPERATURE,
    connector_fault_alert,
    notify_event,
)
from tests.support.nodes import RunningNode

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId payload } }"

ALERTS = """
query($station: ID, $first: Int, $after: String) {
  stationAlerts(stationId: $station, first: $first, after: $after) {
    cursor stationId eventId timestamp trigger cause actualValue techCode techInfo cleared
    transactionId variableMonitoringId eventNotificationType component componentInstance
    evseId connectorId variable variableInstance seqNo tbc generatedAt receivedAt
  }
}
"""

SECURITY_EVENTS = "query($station: ID) { securityEvents(stationId: $station) { cursor } }"

MONITORING_REPORT = """
query($station: ID!, $request: Int) {
  monitoringReport(stationId: $station, requestId: $request) {
    requestId seqNo component componentInstance evseId connectorId variable variableInstance
    id transaction type severity value
  }
}
"""


async def test_the_alert_feed_pages_newest_first_with_cursors(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-PAGE")
    await station.call(
        "NotifyEvent", notify_event(0, False, [{**TEMPERATURE, "eventId": n} for n in range(3)])
    )
    await station.call(
        "SecurityEventNotification", {"type": "Tamper", "timestamp": "2026-11-24T10:00:00Z"}
    )

    alerts = (await db_node.graphql.data(ALERTS, {"station": "CS-PAGE", "first": 2}))[
        "stationAlerts"
    ]
    assert [row["eventId"] for row in alerts] == [2, 1]
    rest = await db_node.graphql.data(ALERTS, {"first": 2, "after": alerts[-1]["cursor"]})
    assert [row["eventId"] for row in rest["stationAlerts"]] == [0]

    (security,) = (await db_node.graphql.data(SECURITY_EVENTS, {"station": "CS-PAGE"}))[
        "securityEvents"
    ]
    wrong = await db_node.graphql.execute(ALERTS, {"after": security["cursor"]})
    assert "not a cursor" in wrong["errors"][0]["message"]
    too_many = await db_node.graphql.execute(ALERTS, {"first": 0})
    assert "first must be between" in too_many["errors"][0]["message"]
    await station.close()


async def test_notify_event_items_stored_and_alerted(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-ALERT")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-ALERT"}) as subscription:
        await db_node.wait_subscribers(1)
        answer = await station.call(
            "NotifyEvent", notify_event(0, True, [CONNECTOR_FAULT, TEMPERATURE])
        )
        assert answer == [3, answer[1], {}]
        alert = await next_station_event(subscription, "ALERT")
        # the next part of the same message is stored as it comes
        answer = await station.call(
            "NotifyEvent", notify_event(1, False, [{**TEMPERATURE, "eventId": 13}])
        )
        assert answer == [3, answer[1], {}]
        second_alert = await next_station_event(subscription, "ALERT")
    assert alert["payload"]["seqNo"] == 0 and alert["payload"]["tbc"] is True
    assert alert["payload"]["count"] == 2
    assert [item["eventId"] for item in alert["payload"]["events"]] == [11, 12]
    assert alert["payload"]["events"][0] == {
        "eventId": 11,
        "timestamp": "2026-11-24T10:00:01Z",
        "trigger": "Alerting",
        "component": "Connector",
        "variable": "AvailabilityState",
        "actualValue": "Faulted",
        "cleared": False,
    }
    assert (second_alert["payload"]["seqNo"], second_alert["payload"]["count"]) == (1, 1)

    rows = (await db_node.graphql.data(ALERTS, {"station": "CS-ALERT"}))["stationAlerts"]
    assert [(row["eventId"], row["seqNo"], row["tbc"]) for row in rows] == [
        (13, 1, False),
        (12, 0, True),
        (11, 0, True),
    ]
    fault = rows[2]
    assert {key: fault[key] for key in fault if key not in ("cursor", "receivedAt")} == (
        connector_fault_alert("CS-ALERT", fault["timestamp"], fault["generatedAt"])
    )
    assert fault["timestamp"].startswith("2026-11-24T10:00:01")
    assert fault["generatedAt"].startswith("2026-11-24T10:00:03")
    temperature = rows[1]
    assert (temperature["cause"], temperature["cleared"], temperature["evseId"]) == (
        None,
        None,
        None,
    )

    invalid = await station.call("NotifyEvent", {"generatedAt": "2026-11-24T10:00:00Z", "seqNo": 2})
    assert invalid[0] == 4 and invalid[2] == "OccurrenceConstraintViolation"
    await station.close()


async def test_notify_monitoring_report_stored_per_request(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-MON")

    def part(request_id: int, seq_no: int, tbc: bool, monitor: list[Any]) -> dict[str, Any]:
        return {
            "requestId": request_id,
            "seqNo": seq_no,
            "tbc": tbc,
            "generatedAt": "2026-11-24T10:00:00Z",
            "monitor": monitor,
        }

    door = {
        "component": {"name": "ChargingStation", "instance": "main"},
        "variable": {"name": "DoorOpen", "instance": "front"},
        "variableMonitoring": [
            {"id": 3, "transaction": False, "value": 1, "type": "Delta", "severity": 0}
        ],
    }
    for payload in (
        part(7, 1, False, [door]),
        part(7, 0, True, [EVSE_POWER_MONITORS]),
        part(8, 0, False, [door]),
    ):
        answer = await station.call("NotifyMonitoringReport", payload)
        assert answer == [3, answer[1], {}], answer

    report = (await db_node.graphql.data(MONITORING_REPORT, {"station": "CS-MON", "request": 7}))[
        "monitoringReport"
    ]
    assert [(row["seqNo"], row["id"]) for row in report] == [(0, 1), (0, 2), (1, 3)]
    assert report[0] == {
        "requestId": 7,
        "seqNo": 0,
        "component": "EVSE",
        "componentInstance": None,
        "evseId": 1,
        "connectorId": None,
        "variable": "Power",
        "variableInstance": None,
        "id": 1,
        "transaction": False,
        "type": "UpperThreshold",
        "severity": 4,
        "value": 22000.0,
    }
    assert (report[1]["transaction"], report[1]["value"]) == (True, 500.5)
    assert (report[2]["componentInstance"], report[2]["variableInstance"]) == ("main", "front")
    latest = (await db_node.graphql.data(MONITORING_REPORT, {"station": "CS-MON"}))[
        "monitoringReport"
    ]
    assert [(row["requestId"], row["id"]) for row in latest] == [(8, 3)]
    none = await db_node.graphql.data(MONITORING_REPORT, {"station": "CS-NOBODY"})
    assert none["monitoringReport"] == []
    await station.close()
