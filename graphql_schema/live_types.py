"""Typed payloads of the live transaction and meter-value subscriptions.

They are built from the event payloads fixed in modules/transactions/events.py; a field the
event lacks (or carries in an unexpected shape) reads as null rather than failing the stream.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from app.event_hub import Delivery
from modules.transactions import events as tx_events


@strawberry.enum(description="What happened to a transaction.")
class TransactionLiveEventType(Enum):
    """The transaction event types, one per TransactionEvent eventType."""

    TRANSACTION_STARTED = tx_events.TRANSACTION_STARTED
    TRANSACTION_UPDATED = tx_events.TRANSACTION_UPDATED
    TRANSACTION_ENDED = tx_events.TRANSACTION_ENDED


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


def _int(raw: dict[str, Any], key: str) -> int | None:
    value = raw.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(raw: dict[str, Any], key: str) -> float | None:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _bool(raw: dict[str, Any], key: str) -> bool | None:
    value = raw.get(key)
    return value if isinstance(value, bool) else None


def _time(raw: dict[str, Any], key: str) -> datetime | None:
    value = raw.get(key)
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@strawberry.type(description="A transaction started, updated or ended, as stored by the CSMS.")
class TransactionLiveEvent:
    """One stored TransactionEvent and the transaction's state after it."""

    type: TransactionLiveEventType
    station_id: strawberry.ID
    occurred_at: datetime
    missed: int = strawberry.field(
        description="Events of this subscription dropped just before this one (slow reader)."
    )
    transaction_id: str | None
    event_type: str | None = strawberry.field(description="Started, Updated or Ended.")
    seq_no: int | None
    trigger_reason: str | None
    timestamp: datetime | None = strawberry.field(description="The station's timestamp.")
    offline: bool | None
    evse_id: int | None
    connector_id: int | None
    id_token: str | None
    id_token_type: str | None
    charging_state: str | None
    active: bool | None
    started_at: datetime | None
    ended_at: datetime | None
    stopped_reason: str | None
    remote_start_id: int | None
    energy_wh: float | None = strawberry.field(description="Energy delivered so far (Wh).")

    @classmethod
    def from_delivery(cls, delivery: Delivery) -> TransactionLiveEvent:
        """Build from a hub delivery of a TRANSACTION_* event."""
        event, raw = delivery.event, delivery.event.payload
        return cls(
            type=TransactionLiveEventType(event.type),
            station_id=strawberry.ID(event.station_id),
            occurred_at=event.occurred_at,
            missed=delivery.missed,
            transaction_id=_text(raw, "transactionId"),
            event_type=_text(raw, "eventType"),
            seq_no=_int(raw, "seqNo"),
            trigger_reason=_text(raw, "triggerReason"),
            timestamp=_time(raw, "timestamp"),
            offline=_bool(raw, "offline"),
            evse_id=_int(raw, "evseId"),
            connector_id=_int(raw, "connectorId"),
            id_token=_text(raw, "idToken"),
            id_token_type=_text(raw, "idTokenType"),
            charging_state=_text(raw, "chargingState"),
            active=_bool(raw, "active"),
            started_at=_time(raw, "startedAt"),
            ended_at=_time(raw, "endedAt"),
            stopped_reason=_text(raw, "stoppedReason"),
            remote_start_id=_int(raw, "remoteStartId"),
            energy_wh=_float(raw, "energyWh"),
        )


@strawberry.type(description="One sampled value of a live meter-values event.")
class LiveSampledValue:
    """A sampled value as stored: `value` as the station sent it, `multiplier` beside it."""

    timestamp: datetime | None
    measurand: str | None
    phase: str | None
    location: str | None
    context: str | None
    unit: str | None
    multiplier: int | None
    value: float | None
    signed: bool | None = strawberry.field(description="Whether the station signed the value.")

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> LiveSampledValue:
        """Build from one `samples` entry of a METER_VALUES payload."""
        return cls(
            timestamp=_time(raw, "timestamp"),
            measurand=_text(raw, "measurand"),
            phase=_text(raw, "phase"),
            location=_text(raw, "location"),
            context=_text(raw, "context"),
            unit=_text(raw, "unit"),
            multiplier=_int(raw, "multiplier"),
            value=_float(raw, "value"),
            signed=_bool(raw, "signed"),
        )


@strawberry.type(description="Meter values a station sent (MeterValues or a TransactionEvent).")
class MeterValuesLiveEvent:
    """One stored batch of sampled values."""

    type: str = strawberry.field(description="Always METER_VALUES.")
    station_id: strawberry.ID
    occurred_at: datetime
    missed: int = strawberry.field(
        description="Events of this subscription dropped just before this one (slow reader)."
    )
    transaction_id: str | None = strawberry.field(description="Null outside a transaction.")
    evse_id: int | None
    source: str | None = strawberry.field(description="MeterValues or TransactionEvent.")
    samples: list[LiveSampledValue]

    @classmethod
    def from_delivery(cls, delivery: Delivery) -> MeterValuesLiveEvent:
        """Build from a hub delivery of a METER_VALUES event."""
        event, raw = delivery.event, delivery.event.payload
        samples = raw.get("samples")
        return cls(
            type=event.type,
            station_id=strawberry.ID(event.station_id),
            occurred_at=event.occurred_at,
            missed=delivery.missed,
            transaction_id=_text(raw, "transactionId"),
            evse_id=_int(raw, "evseId"),
            source=_text(raw, "source"),
            samples=[
                LiveSampledValue.from_raw(item)
                for item in (samples if isinstance(samples, list) else [])
                if isinstance(item, dict)
            ],
        )
