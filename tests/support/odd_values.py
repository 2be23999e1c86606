"""Station messages carrying odd but schema-valid values, and the fleet view they must not break.

One `OddCase` per CS->CSMS action the CSMS stores a station date-time from: how to build the
message around a date-time (`n` keeps each message's rows apart), the field the date-time is
named by in a CALLERROR, and where its stored instant reads back in `FLEET`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FLEET = """
query($id: ID!) {
  stations { id evses { id connectors { id status reportedAt } } }
  stationAlerts { stationId eventId seqNo timestamp generatedAt }
  securityEvents { stationId type timestamp }
  transactions { stationId transactionId startedAt lastSeqNo events { seqNo timestamp } }
  meterSamples(stationId: $id) { evseId sampledAt value multiplier }
  monitoringReport(stationId: $id) { requestId seqNo generatedAt id severity }
  deviceModelReports(stationId: $id) { requestId parts variables }
  customerInformationRequests(stationId: $id) { requestId parts { generatedAt } }
  reportedDisplayMessages(stationId: $id) { messageId startDateTime }
  chargingProfiles(stationId: $id) { profileId validFrom }
  chargingLimits(stationId: $id) { evseId schedules { startSchedule } }
  evChargingNeeds(stationId: $id) { evseId departureTime }
  evChargingSchedules(stationId: $id) { evseId timeBase }
}
"""
"""The fleet view (every station's connectors, alerts, security events, transactions) and one
station's samples, monitors and reports."""

NORMAL = "2026-11-24T10:00:00Z"

Payload = Callable[[str, int], dict[str, Any]]
Stored = Callable[[dict[str, Any], str, int], list[str]]


@dataclass(frozen=True)
class OddCase:
    """How one action carries a station date-time, and where the CSMS shows it."""

    action: str
    field: str
    payload: Payload
    stored: Stored


def _status(timestamp: str, n: int) -> dict[str, Any]:
    return {
        "timestamp": timestamp,
        "connectorStatus": "Occupied",
        "evseId": 1,
        "connectorId": n,
    }


def _status_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    (found,) = [s for s in data["stations"] if s["id"] == station]
    return [
        c["reportedAt"]
        for e in found["evses"]
        if e["id"] == 1
        for c in e["connectors"]
        if c["id"] == n
    ]


def event_item(timestamp: str, event_id: int) -> dict[str, Any]:
    """One EventDataType (N07)."""
    return {
        "eventId": event_id,
        "timestamp": timestamp,
        "trigger": "Alerting",
        "actualValue": "Faulted",
        "eventNotificationType": "CustomMonitor",
        "component": {"name": "Connector", "evse": {"id": 1, "connectorId": 1}},
        "variable": {"name": "AvailabilityState"},
    }


def _event(timestamp: str, n: int) -> dict[str, Any]:
    return {"generatedAt": timestamp, "seqNo": 0, "eventData": [event_item(timestamp, n)]}


def _event_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [
        moment
        for a in data["stationAlerts"]
        if a["stationId"] == station and a["eventId"] == n
        for moment in (a["timestamp"], a["generatedAt"])
    ]


def _security(timestamp: str, n: int) -> dict[str, Any]:
    return {"type": f"Odd{n}", "timestamp": timestamp}


def _security_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [
        e["timestamp"]
        for e in data["securityEvents"]
        if e["stationId"] == station and e["type"] == f"Odd{n}"
    ]


def sample(timestamp: str, value: float, multiplier: int = 0) -> dict[str, Any]:
    """A MeterValueType with one sampled value."""
    unit = {"unit": "Wh", "multiplier": multiplier}
    return {"timestamp": timestamp, "sampledValue": [{"value": value, "unitOfMeasure": unit}]}


def transaction_started(timestamp: str, n: int) -> dict[str, Any]:
    """The Started TransactionEvent of transaction ODD-n (seqNo 0) at `timestamp`."""
    return {
        "eventType": "Started",
        "timestamp": timestamp,
        "triggerReason": "CablePluggedIn",
        "seqNo": 0,
        "transactionInfo": {"transactionId": f"ODD-{n}"},
        "evse": {"id": 1, "connectorId": 1},
        "meterValue": [sample(NORMAL, 1000.0 + n)],
    }


def _transaction_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    found = [
        t
        for t in data["transactions"]
        if t["stationId"] == station and t["transactionId"] == f"ODD-{n}"
    ]
    return [moment for t in found for moment in (t["startedAt"], t["events"][0]["timestamp"])]


def _meter_values(timestamp: str, n: int) -> dict[str, Any]:
    return {"evseId": 2, "meterValue": [sample(timestamp, float(n))]}


def _meter_values_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [s["sampledAt"] for s in data["meterSamples"] if s["evseId"] == 2 and s["value"] == n]


def _report(timestamp: str, n: int) -> dict[str, Any]:
    return {"requestId": n, "generatedAt": timestamp, "seqNo": 0, "tbc": False}


def _report_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    """A report's generatedAt is not shown: its part is counted."""
    return [str(r["parts"]) for r in data["deviceModelReports"] if r["requestId"] == n]


def _monitoring_report(timestamp: str, n: int) -> dict[str, Any]:
    monitor = {
        "component": {"name": "EVSE", "evse": {"id": 1}},
        "variable": {"name": "Power"},
        "variableMonitoring": [
            {"id": n, "transaction": False, "value": 22000, "type": "UpperThreshold", "severity": 4}
        ],
    }
    return {"requestId": n, "seqNo": 0, "generatedAt": timestamp, "monitor": [monitor]}


def _monitoring_report_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [m["generatedAt"] for m in data["monitoringReport"] if m["requestId"] == n]


def _customer_information(timestamp: str, n: int) -> dict[str, Any]:
    return {"requestId": n, "seqNo": 0, "tbc": False, "generatedAt": timestamp, "data": "x"}


def _customer_information_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [
        part["generatedAt"]
        for r in data["customerInformationRequests"]
        if r["requestId"] == n
        for part in r["parts"]
    ]


def _display_messages(timestamp: str, n: int) -> dict[str, Any]:
    message = {
        "id": n,
        "priority": "NormalCycle",
        "startDateTime": timestamp,
        "message": {"format": "UTF8", "content": "odd"},
    }
    return {"requestId": n, "tbc": False, "messageInfo": [message]}


def _display_messages_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [m["startDateTime"] for m in data["reportedDisplayMessages"] if m["messageId"] == n]


def _period_schedule(start: str | None = None) -> dict[str, Any]:
    schedule: dict[str, Any] = {
        "id": 1,
        "chargingRateUnit": "A",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16.0}],
    }
    if start is not None:
        schedule["startSchedule"] = start
    return schedule


def _charging_profiles(timestamp: str, n: int) -> dict[str, Any]:
    profile = {
        "id": n,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxDefaultProfile",
        "chargingProfileKind": "Relative",
        "validFrom": timestamp,
        "chargingSchedule": [_period_schedule()],
    }
    return {
        "requestId": n,
        "chargingLimitSource": "CSO",
        "evseId": 1,
        "tbc": False,
        "chargingProfile": [profile],
    }


def _charging_profiles_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [p["validFrom"] for p in data["chargingProfiles"] if p["profileId"] == n]


def _charging_limit(timestamp: str, n: int) -> dict[str, Any]:
    return {
        "evseId": n,
        "chargingLimit": {"chargingLimitSource": "SO", "isGridCritical": True},
        "chargingSchedule": [_period_schedule(timestamp)],
    }


def _charging_limit_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [
        s["startSchedule"]
        for limit in data["chargingLimits"]
        if limit["evseId"] == n
        for s in limit["schedules"]
    ]


def _ev_needs(timestamp: str, n: int) -> dict[str, Any]:
    ac = {"energyAmount": 20000, "evMinCurrent": 6, "evMaxCurrent": 32, "evMaxVoltage": 230}
    needs = {"requestedEnergyTransfer": "AC_three_phase", "departureTime": timestamp}
    return {"evseId": n, "chargingNeeds": {**needs, "acChargingParameters": ac}}


def _ev_needs_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [e["departureTime"] for e in data["evChargingNeeds"] if e["evseId"] == n]


def _ev_schedule(timestamp: str, n: int) -> dict[str, Any]:
    return {"evseId": n, "timeBase": timestamp, "chargingSchedule": _period_schedule()}


def _ev_schedule_stored(data: dict[str, Any], station: str, n: int) -> list[str]:
    return [e["timeBase"] for e in data["evChargingSchedules"] if e["evseId"] == n]


CASES = [
    OddCase("StatusNotification", "timestamp", _status, _status_stored),
    OddCase("NotifyEvent", "generatedAt", _event, _event_stored),
    OddCase("SecurityEventNotification", "timestamp", _security, _security_stored),
    OddCase("TransactionEvent", "timestamp", transaction_started, _transaction_stored),
    OddCase("MeterValues", "meterValue.0.timestamp", _meter_values, _meter_values_stored),
    OddCase("NotifyReport", "generatedAt", _report, _report_stored),
    OddCase("NotifyMonitoringReport", "generatedAt", _monitoring_report, _monitoring_report_stored),
    OddCase(
        "NotifyCustomerInformation",
        "generatedAt",
        _customer_information,
        _customer_information_stored,
    ),
    OddCase(
        "NotifyDisplayMessages",
        "messageInfo.0.startDateTime",
        _display_messages,
        _display_messages_stored,
    ),
    OddCase(
        "ReportChargingProfiles",
        "chargingProfile.0.validFrom",
        _charging_profiles,
        _charging_profiles_stored,
    ),
    OddCase(
        "NotifyChargingLimit",
        "chargingSchedule.0.startSchedule",
        _charging_limit,
        _charging_limit_stored,
    ),
    OddCase(
        "NotifyEVChargingNeeds",
        "chargingNeeds.departureTime",
        _ev_needs,
        _ev_needs_stored,
    ),
    OddCase("NotifyEVChargingSchedule", "timeBase", _ev_schedule, _ev_schedule_stored),
]
"""Every CS->CSMS action the CSMS handles that carries a date-time."""
