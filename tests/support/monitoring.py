"""NotifyEvent items as a station sends them, and the alert row the connector fault is stored as."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from modules.monitoring import StationAlertView

GENERATED_AT = "2026-11-24T10:00:03Z"
"""When the NotifyEvent parts below say they were generated."""

CONNECTOR_FAULT: dict[str, Any] = {
    "eventId": 11,
    "timestamp": "2026-11-24T10:00:01Z",
    "trigger": "Alerting",
    "cause": 7,
    "actualValue": "Faulted",
    "techCode": "E42",
    "techInfo": "contactor welded",
    "cleared": False,
    "transactionId": "tx-1",
    "variableMonitoringId": 3,
    "eventNotificationType": "CustomMonitor",
    "component": {"name": "Connector", "instance": "left", "evse": {"id": 1, "connectorId": 2}},
    "variable": {"name": "AvailabilityState", "instance": "Actual"},
}
"""An EventDataType with every field set."""

TEMPERATURE: dict[str, Any] = {
    "eventId": 12,
    "timestamp": "2026-11-24T10:00:02Z",
    "trigger": "Delta",
    "actualValue": "71.5",
    "eventNotificationType": "HardWiredMonitor",
    "component": {"name": "ChargingStation"},
    "variable": {"name": "Temperature"},
}
"""An EventDataType with only the required fields."""


EVSE_POWER_MONITORS: dict[str, Any] = {
    "component": {"name": "EVSE", "evse": {"id": 1}},
    "variable": {"name": "Power"},
    "variableMonitoring": [
        {
            "id": 1,
            "transaction": False,
            "value": 22000,
            "type": "UpperThreshold",
            "severity": 4,
        },
        {"id": 2, "transaction": True, "value": 500.5, "type": "Delta", "severity": 8},
    ],
}
"""A MonitoringDataType: two monitors (ids 1 and 2) on EVSE 1's Power."""


def notify_event(seq_no: int, tbc: bool, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A NotifyEvent request part."""
    return {"generatedAt": GENERATED_AT, "seqNo": seq_no, "tbc": tbc, "eventData": items}


CONNECTOR_FAULT_STORED: dict[str, Any] = {
    "event_id": 11,
    "trigger": "Alerting",
    "cause": 7,
    "actual_value": "Faulted",
    "tech_code": "E42",
    "tech_info": "contactor welded",
    "cleared": False,
    "transaction_id": "tx-1",
    "variable_monitoring_id": 3,
    "event_notification_type": "CustomMonitor",
    "component": "Connector",
    "component_instance": "left",
    "evse_id": 1,
    "connector_id": 2,
    "variable": "AvailabilityState",
    "variable_instance": "Actual",
    "seq_no": 0,
    "tbc": True,
}
"""The fields CONNECTOR_FAULT is stored with, sent in part 0 (tbc) of a message; the station,
the times and the row's id are the store's."""


def connector_fault_view(
    *, id: int, timestamp: datetime, generated_at: datetime, received_at: datetime
) -> StationAlertView:
    """The row CONNECTOR_FAULT is stored as, from station CS1 in part 0 (tbc) of a message."""
    return StationAlertView(
        id=id,
        station_id="CS1",
        timestamp=timestamp,
        generated_at=generated_at,
        received_at=received_at,
        **CONNECTOR_FAULT_STORED,
    )


def connector_fault_alert(station_id: str, timestamp: str, generated_at: str) -> dict[str, Any]:
    """The stationAlerts row CONNECTOR_FAULT reads back as (without cursor and receivedAt)."""
    stored = {to_camel_case(name): value for name, value in CONNECTOR_FAULT_STORED.items()}
    return {
        "stationId": station_id,
        "timestamp": timestamp,
        "generatedAt": generated_at,
        **stored,
    }
