"""Remote-control test data: the memory twin's transactions and an answered start's payload."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from modules.remote_control import StartedTransaction

ACCEPTED_START_PAYLOAD: dict[str, Any] = {
    "remoteStartId": 1,
    "evseId": 1,
    "idToken": "RFID-1",
    "idTokenType": "ISO14443",
    "status": "Accepted",
    "transactionId": None,
    "reasonCode": None,
    "additionalInfo": None,
}
"""REMOTE_START_ANSWERED's payload for remote start 1 of RFID-1 on EVSE 1, Accepted."""


def started_transaction(
    pk: int,
    transaction_id: str,
    station_id: str,
    remote_start_id: int | None,
    at: datetime,
    **fields: Any,
) -> StartedTransaction:
    """An active transaction on EVSE 1, connector 1, started and last updated `at`, with no
    event stored yet; `fields` set the rest."""
    values: dict[str, Any] = {
        "pk": pk,
        "transaction_id": transaction_id,
        "station_id": station_id,
        "evse_id": 1,
        "connector_id": 1,
        "id_token": None,
        "id_token_type": None,
        "group_id_token": None,
        "charging_state": None,
        "active": True,
        "started_at": at,
        "ended_at": None,
        "stopped_reason": None,
        "last_trigger_reason": None,
        "time_spent_charging": None,
        "remote_start_id": remote_start_id,
        "reservation_id": None,
        "number_of_phases_used": None,
        "cable_max_current": None,
        "last_seq_no": None,
        "event_count": 0,
        "has_started_event": False,
        "has_ended_event": False,
        "energy_wh": None,
        "energy_start_wh": None,
        "energy_start_at": None,
        "energy_end_wh": None,
        "energy_end_at": None,
        "updated_at": at,
    }
    return StartedTransaction(**{**values, **fields})
