"""Answers to the CALLs a CSMS sends to a station, and what the station does after answering.

Every CSMS CALL is first checked against the official request schema (a bad one gets the
matching CALLERROR). Handled actions get a schema-valid CALLRESULT; an action the simulator
does not implement gets NotSupported, an action OCPP 2.0.1 does not have NotImplemented.
The follow-up (`Reply.then`) runs after the CALLRESULT is sent: NotifyReport parts for a
report, the requested message for TriggerMessage, a session for RequestStartTransaction, ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.sim import messages
from bench.sim.device_model import chunks
from bench.sim.messages import Payload
from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.errors import OcppError
from modules.kernel.schemas import validate

if TYPE_CHECKING:
    from bench.sim.station import Station


@dataclass(slots=True)
class Reply:
    """A CALLRESULT payload (with an optional follow-up) or a CALLERROR code."""

    payload: Payload | None = None
    then: Callable[[], None] | None = None
    error: str | None = None
    description: str = ""


Handler = Callable[["Station", Payload], Reply]


def answer(station: Station, action: str, payload: Any) -> Reply:
    """The reply to one CSMS CALL."""
    if action not in ALL_ACTIONS:
        return Reply(error="NotImplemented", description=f"unknown action {action}")
    handler = HANDLERS.get(action)
    if handler is None:
        return Reply(error="NotSupported", description=f"{action} is not supported")
    if not isinstance(payload, dict):
        return Reply(error="FormatViolation", description="payload is not an object")
    try:
        validate(action, "Request", payload)
    except OcppError as exc:
        return Reply(error=exc.code, description=exc.description)
    return handler(station, payload)


def _evse_exists(station: Station, evse: int, connector: int | None = None) -> bool:
    if connector is None:
        return any(e == evse for e, _ in station.statuses)
    return (evse, connector) in station.statuses


def get_variables(station: Station, payload: Payload) -> Reply:
    """Per item: Accepted with the value, or UnknownComponent / UnknownVariable."""
    results = [station.model.get_variable(item) for item in payload["getVariableData"]]
    return Reply({"getVariableResult": results})


def set_variables(station: Station, payload: Payload) -> Reply:
    """Per item: Accepted and stored (Rejected for a read-only variable)."""
    results = [station.model.set_variable(item) for item in payload["setVariableData"]]
    return Reply({"setVariableResult": results}, station.reload_intervals)


def _report(station: Station, request_id: int, entries: list[Payload]) -> Reply:
    if not entries:
        return Reply(messages.status("EmptyResultSet"))

    def send_parts() -> None:
        parts = chunks(entries)
        stamp = messages.ocpp_now()
        for seq_no, part in enumerate(parts):
            tbc = seq_no < len(parts) - 1
            station.enqueue(
                "NotifyReport", messages.notify_report(request_id, stamp, seq_no, tbc, part)
            )

    return Reply(messages.status("Accepted"), send_parts)


def get_base_report(station: Station, payload: Payload) -> Reply:
    """Accepted, then the report in NotifyReport parts."""
    return _report(station, payload["requestId"], station.model.report(payload["reportBase"]))


def get_report(station: Station, payload: Payload) -> Reply:
    """Accepted (or EmptyResultSet), then the filtered report in NotifyReport parts."""
    return _report(station, payload["requestId"], station.model.custom_report(payload))


def reset(station: Station, payload: Payload) -> Reply:
    """Immediate: end sessions, then reboot; OnIdle: Scheduled while a session runs."""
    evse = payload.get("evseId")
    if evse is not None:
        if not _evse_exists(station, evse):
            return Reply(messages.status("Rejected"))
        tx = station.transactions.get(evse)

        def end_one() -> None:
            if tx is not None and payload["type"] == "Immediate":
                station.end_transaction(tx, "ResetCommand", "ImmediateReset")

        return Reply(messages.status("Accepted"), end_one)
    if payload["type"] == "OnIdle" and station.transactions:

        def later() -> None:
            station.reset_on_idle = True

        return Reply(messages.status("Scheduled"), later)

    def now() -> None:
        for tx in list(station.transactions.values()):
            station.end_transaction(tx, "ResetCommand", "ImmediateReset")
        station.reset_pending = True

    return Reply(messages.status("Accepted"), now)


def change_availability(station: Station, payload: Payload) -> Reply:
    """Accepted: the connectors become Unavailable / Available; Scheduled under a session."""
    evse = payload.get("evse")
    targets = [
        key
        for key in station.statuses
        if evse is None
        or evse["id"] == 0
        or (key[0] == evse["id"] and evse.get("connectorId", key[1]) == key[1])
    ]
    if not targets:
        return Reply(messages.status("Rejected"))
    if any(key[0] in station.transactions for key in targets):
        return Reply(messages.status("Scheduled"))
    wanted = "Unavailable" if payload["operationalStatus"] == "Inoperative" else "Available"

    def apply() -> None:
        for evse_id, connector in targets:
            if station.statuses[(evse_id, connector)] != wanted:
                station.set_status(evse_id, connector, wanted)

    return Reply(messages.status("Accepted"), apply)


def clear_cache(station: Station, payload: Payload) -> Reply:
    """Accepted (the simulator has no authorization cache to clear)."""
    return Reply(messages.status("Accepted"))


def unlock_connector(station: Station, payload: Payload) -> Reply:
    """Unlocked; OngoingAuthorizedTransaction under a session; UnknownConnector."""
    evse, connector = payload["evseId"], payload["connectorId"]
    if not _evse_exists(station, evse, connector):
        return Reply(messages.status("UnknownConnector"))
    if evse in station.transactions:
        return Reply(messages.status("OngoingAuthorizedTransaction"))
    return Reply(messages.status("Unlocked"))


def request_start_transaction(station: Station, payload: Payload) -> Reply:
    """Accepted on a free EVSE, then a session with the remoteStartId; else Rejected."""
    evse = station.free_evse(payload.get("evseId"))
    if evse is None or not station.accepted:
        return Reply(messages.status("Rejected"))

    def start() -> None:
        if station.free_evse(evse) == evse:
            station.start_remote(evse, payload["idToken"], payload["remoteStartId"])

    return Reply(messages.status("Accepted"), start)


def request_stop_transaction(station: Station, payload: Payload) -> Reply:
    """Accepted for a running transaction (which then ends, RemoteStop); else Rejected."""
    wanted = payload["transactionId"]
    found = [tx for tx in station.transactions.values() if tx.transaction_id == wanted]
    if not found:
        return Reply(messages.status("Rejected"))
    tx = found[0]

    def stop() -> None:
        if station.transactions.get(tx.evse_id) is tx:
            station.end_transaction(tx, "RemoteStop", "Remote")

    return Reply(messages.status("Accepted"), stop)


def data_transfer(station: Station, payload: Payload) -> Reply:
    """UnknownVendorId: the simulator has no vendor extensions."""
    return Reply(messages.status("UnknownVendorId"))


def trigger_message(station: Station, payload: Payload) -> Reply:
    """Accepted and the requested message is sent (Rejected when it does not apply)."""
    requested = payload["requestedMessage"]
    evse = payload.get("evse")
    evse_id: int | None = evse["id"] if evse else None
    connector_id: int | None = evse.get("connectorId") if evse else None
    if evse_id is not None and not _evse_exists(station, evse_id, connector_id):
        return Reply(messages.status("Rejected"))
    connectors = [
        key
        for key in station.statuses
        if evse_id is None or (key[0] == evse_id and connector_id in (None, key[1]))
    ]
    evses = sorted({key[0] for key in connectors})
    action: Callable[[], None]
    if requested == "BootNotification":
        if station.accepted:
            return Reply(messages.status("Rejected"))

        def action() -> None:
            station.boot_reason = "Triggered"
            station.boot_at = 0.0

    elif requested == "Heartbeat":

        def action() -> None:
            station.enqueue("Heartbeat", messages.heartbeat())

    elif requested == "StatusNotification":

        def action() -> None:
            for evse_key, connector in connectors:
                station.send_status(evse_key, connector)

    elif requested == "MeterValues":

        def action() -> None:
            stamp = messages.ocpp_now()
            now = station.loop.time()
            for evse_key in evses:
                tx = station.transactions.get(evse_key)
                energy = tx.advance(now) if tx else station.registers[evse_key]
                station.enqueue(
                    "MeterValues", messages.meter_values(evse_key, stamp, energy, "Trigger")
                )

    elif requested == "TransactionEvent":
        txs = [station.transactions[e] for e in evses if e in station.transactions]
        if not txs:
            return Reply(messages.status("Rejected"))

        def action() -> None:
            stamp = messages.ocpp_now()
            now = station.loop.time()
            for tx in txs:
                if station.transactions.get(tx.evse_id) is tx:
                    station.enqueue("TransactionEvent", tx.updated(stamp, now, "Trigger"))

    elif requested == "FirmwareStatusNotification":

        def action() -> None:
            station.enqueue("FirmwareStatusNotification", messages.firmware_status_notification())

    elif requested == "LogStatusNotification":

        def action() -> None:
            station.enqueue("LogStatusNotification", messages.log_status_notification())

    else:
        return Reply(messages.status("NotImplemented"))
    return Reply(messages.status("Accepted"), action)


HANDLERS: dict[str, Handler] = {
    "ChangeAvailability": change_availability,
    "ClearCache": clear_cache,
    "DataTransfer": data_transfer,
    "GetBaseReport": get_base_report,
    "GetReport": get_report,
    "GetVariables": get_variables,
    "RequestStartTransaction": request_start_transaction,
    "RequestStopTransaction": request_stop_transaction,
    "Reset": reset,
    "SetVariables": set_variables,
    "TriggerMessage": trigger_message,
    "UnlockConnector": unlock_connector,
}
