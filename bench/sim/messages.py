"""OCPP-J frames and the payloads the simulated stations send, as plain dicts and bytes.

Builders are pure: the caller passes the timestamp. Frames are encoded with orjson; the
Heartbeat CALL, the most frequent frame, is assembled from a constant template.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson

from modules.kernel.errors import OcppError
from modules.kernel.schemas import validate

SUBPROTOCOL = "ocpp2.0.1"
CALL, CALLRESULT, CALLERROR = 2, 3, 4
ENERGY = "Energy.Active.Import.Register"

Payload = dict[str, Any]

_HEARTBEAT_HEAD = b'[2,"'
_HEARTBEAT_TAIL = b'","Heartbeat",{}]'


def ocpp_now() -> str:
    """The current UTC time as OCPP writes it, e.g. 2026-11-24T10:00:00.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def call_frame(message_id: str, action: str, payload: Payload) -> bytes:
    """`[2, id, action, payload]`."""
    if action == "Heartbeat" and not payload:
        return heartbeat_frame(message_id)
    return orjson.dumps([CALL, message_id, action, payload])


def heartbeat_frame(message_id: str) -> bytes:
    """The Heartbeat CALL from its template (message ids are plain digits, no escaping)."""
    return _HEARTBEAT_HEAD + message_id.encode() + _HEARTBEAT_TAIL


def result_frame(message_id: str, payload: Payload) -> bytes:
    """`[3, id, payload]`."""
    return orjson.dumps([CALLRESULT, message_id, payload])


def error_frame(message_id: str, code: str, description: str = "") -> bytes:
    """`[4, id, code, description, {}]`."""
    return orjson.dumps([CALLERROR, message_id, code, description[:255], {}])


def boot_notification(reason: str, vendor: str, model: str, serial: str, firmware: str) -> Payload:
    """BootNotificationRequest describing the station."""
    return {
        "reason": reason,
        "chargingStation": {
            "model": model[:20],
            "vendorName": vendor[:50],
            "serialNumber": serial[:25],
            "firmwareVersion": firmware[:50],
        },
    }


def heartbeat() -> Payload:
    """HeartbeatRequest (empty)."""
    return {}


def status_notification(timestamp: str, status: str, evse_id: int, connector_id: int) -> Payload:
    """StatusNotificationRequest for one connector."""
    return {
        "timestamp": timestamp,
        "connectorStatus": status,
        "evseId": evse_id,
        "connectorId": connector_id,
    }


def id_token(value: str, kind: str = "ISO14443") -> Payload:
    """IdTokenType (an RFID card UID by default)."""
    return {"idToken": value[:36], "type": kind}


def authorize(token: Payload) -> Payload:
    """AuthorizeRequest for an id token."""
    return {"idToken": token}


def meter_value(timestamp: str, energy_wh: float, context: str) -> Payload:
    """One MeterValueType holding the energy register in Wh."""
    return {
        "timestamp": timestamp,
        "sampledValue": [
            {
                "value": round(energy_wh, 1),
                "context": context,
                "measurand": ENERGY,
                "unitOfMeasure": {"unit": "Wh"},
            }
        ],
    }


def transaction_event(
    event_type: str,
    timestamp: str,
    trigger_reason: str,
    seq_no: int,
    transaction_id: str,
    *,
    evse_id: int | None = None,
    connector_id: int | None = None,
    energy_wh: float | None = None,
    context: str = "Sample.Periodic",
    token: Payload | None = None,
    charging_state: str | None = None,
    stopped_reason: str | None = None,
    remote_start_id: int | None = None,
) -> Payload:
    """TransactionEventRequest; optional parts are left out when not given."""
    info: Payload = {"transactionId": transaction_id}
    if charging_state is not None:
        info["chargingState"] = charging_state
    if stopped_reason is not None:
        info["stoppedReason"] = stopped_reason
    if remote_start_id is not None:
        info["remoteStartId"] = remote_start_id
    payload: Payload = {
        "eventType": event_type,
        "timestamp": timestamp,
        "triggerReason": trigger_reason,
        "seqNo": seq_no,
        "transactionInfo": info,
    }
    if evse_id is not None:
        evse: Payload = {"id": evse_id}
        if connector_id is not None:
            evse["connectorId"] = connector_id
        payload["evse"] = evse
    if token is not None:
        payload["idToken"] = token
    if energy_wh is not None:
        payload["meterValue"] = [meter_value(timestamp, energy_wh, context)]
    return payload


def meter_values(evse_id: int, timestamp: str, energy_wh: float, context: str) -> Payload:
    """MeterValuesRequest for one EVSE."""
    return {"evseId": evse_id, "meterValue": [meter_value(timestamp, energy_wh, context)]}


def notify_report(
    request_id: int, generated_at: str, seq_no: int, tbc: bool, report_data: list[Payload]
) -> Payload:
    """NotifyReportRequest: one part of a report."""
    payload: Payload = {"requestId": request_id, "generatedAt": generated_at, "seqNo": seq_no}
    if tbc:
        payload["tbc"] = True
    if report_data:
        payload["reportData"] = report_data
    return payload


def firmware_status_notification(status: str = "Idle") -> Payload:
    """FirmwareStatusNotificationRequest."""
    return {"status": status}


def log_status_notification(status: str = "Idle") -> Payload:
    """LogStatusNotificationRequest."""
    return {"status": status}


def status(value: str) -> Payload:
    """The `{"status": ...}` answer most CSMS commands expect."""
    return {"status": value}


class StrictViolation(Exception):
    """In strict mode: a frame the simulator was about to send breaks the official schema."""


def check(action: str, part: str, payload: Payload) -> None:
    """Raise StrictViolation unless `payload` is a schema-valid `action` request or response."""
    try:
        validate(action, "Request" if part == "Request" else "Response", payload)
    except OcppError as exc:
        raise StrictViolation(f"{action}{part}: {exc.code}: {exc.description}") from exc
