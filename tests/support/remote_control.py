"""Remote-control test data: the memory twin's transactions, an answered start's payload, and
the end of a remotely started transaction as its remote start reads it back."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from modules.remote_control import StartedTransaction
from tests.support.transactions import send_tx_event

if TYPE_CHECKING:
    from tests.support.nodes import RunningNode
    from tests.support.station import ScriptedStation

REMOTE_START_TRANSACTION = """
query($station: ID!, $id: Int!) {
  remoteStart(stationId: $station, remoteStartId: $id) {
    transaction { transactionId active stoppedReason }
  }
}
"""

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


async def end_remotely_started(
    node: RunningNode,
    station: ScriptedStation,
    remote_start_id: int,
    tx_id: str,
    seq_no: int,
    trigger_reason: str,
    stopped_reason: str,
) -> None:
    """Send `tx_id`'s Ended TransactionEvent; remote start `remote_start_id` then reads back
    its transaction ended with `stopped_reason`."""
    ended = await send_tx_event(
        station, "Ended", tx_id, seq_no, trigger_reason, stoppedReason=stopped_reason
    )
    assert ended[0] == 3, ended
    variables = {"station": station.station_id, "id": remote_start_id}
    data = await node.graphql.data(REMOTE_START_TRANSACTION, variables)
    assert data["remoteStart"]["transaction"] == {
        "transactionId": tx_id,
        "active": False,
        "stoppedReason": stopped_reason,
    }
