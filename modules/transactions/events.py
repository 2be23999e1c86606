"""Events of the transactions block; their payloads on the events topic (camelCase JSON).

TRANSACTION_STARTED / TRANSACTION_UPDATED / TRANSACTION_ENDED, once per stored (not repeated)
TransactionEvent, by its eventType:
    {transactionId, eventType, seqNo, triggerReason, timestamp, offline, evseId, connectorId,
     idToken, idTokenType, chargingState, active, startedAt, endedAt, stoppedReason,
     remoteStartId, energyWh, reservationId}
    where the state fields (chargingState, active, ..., energyWh) are the transaction's merged
    state after this event; `timestamp` is the station's as it sent it, `startedAt`/`endedAt`
    OCPP date-times (`...Z`).

METER_VALUES, once per stored MeterValues request or TransactionEvent carrying meterValue:
    {transactionId (null outside a transaction), evseId, source ("MeterValues" or
     "TransactionEvent"), samples: [{timestamp, measurand, phase, location, context, unit,
     multiplier, value, signed}]}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modules.kernel.events import Event, event


@dataclass(frozen=True, slots=True, kw_only=True)
class TransactionChanged(Event):
    """E01-E15: one stored TransactionEvent and the transaction's merged state after it (the
    three event types below differ only by their TYPE, the event's eventType)."""

    transaction_id: str
    event_type: str
    seq_no: int
    trigger_reason: str
    timestamp: str
    offline: bool = False
    evse_id: int | None = None
    connector_id: int | None = None
    id_token: str | None = None
    id_token_type: str | None = None
    charging_state: str | None = None
    active: bool = True
    started_at: str | None = None
    ended_at: str | None = None
    stopped_reason: str | None = None
    remote_start_id: int | None = None
    energy_wh: float | None = None
    reservation_id: int | None = None

    @property
    def payload(self) -> dict[str, Any]:
        """The camelCase payload, written out rather than encoded field by field: this is
        the hottest producer (the codec round trip is tested to give the same keys)."""
        return {
            "transactionId": self.transaction_id,
            "eventType": self.event_type,
            "seqNo": self.seq_no,
            "triggerReason": self.trigger_reason,
            "timestamp": self.timestamp,
            "offline": self.offline,
            "evseId": self.evse_id,
            "connectorId": self.connector_id,
            "idToken": self.id_token,
            "idTokenType": self.id_token_type,
            "chargingState": self.charging_state,
            "active": self.active,
            "startedAt": self.started_at,
            "endedAt": self.ended_at,
            "stoppedReason": self.stopped_reason,
            "remoteStartId": self.remote_start_id,
            "energyWh": self.energy_wh,
            "reservationId": self.reservation_id,
        }


@event("TRANSACTION_STARTED")
class TransactionStarted(TransactionChanged):
    """A TransactionEvent with eventType Started was stored."""


@event("TRANSACTION_UPDATED")
class TransactionUpdated(TransactionChanged):
    """A TransactionEvent with eventType Updated was stored."""


@event("TRANSACTION_ENDED")
class TransactionEnded(TransactionChanged):
    """A TransactionEvent with eventType Ended was stored."""


TRANSACTION_EVENTS: tuple[type[TransactionChanged], ...] = (
    TransactionStarted,
    TransactionUpdated,
    TransactionEnded,
)
TRANSACTION_EVENT_TYPES = tuple(cls.TYPE for cls in TRANSACTION_EVENTS)
"""The type names of the three, as subscribers filter on them."""


@dataclass(slots=True, kw_only=True)
class SampledValue:
    """One sampled value as a METER_VALUES event summarises it; `timestamp` is its
    MeterValue's, as the station sent it, `signed` whether the station signed it.

    Not frozen (treat it as read-only): one is built for every sampled value stored and every
    one received from the events topic, and a frozen dataclass costs twice as much to build.
    """

    timestamp: str
    measurand: str
    phase: str | None = None
    location: str | None = None
    context: str | None = None
    unit: str | None = None
    multiplier: int = 0
    value: float
    signed: bool = False


@event("METER_VALUES")
class MeterValuesStored(Event):
    """J01/J02 (and E01-E15 carrying meterValue): sampled values were stored."""

    transaction_id: str | None = None
    evse_id: int
    source: str
    samples: tuple[SampledValue, ...] = ()

    @property
    def payload(self) -> dict[str, Any]:
        """The camelCase payload, written out as TransactionChanged's is."""
        return {
            "transactionId": self.transaction_id,
            "evseId": self.evse_id,
            "source": self.source,
            "samples": [
                {
                    "timestamp": sample.timestamp,
                    "measurand": sample.measurand,
                    "phase": sample.phase,
                    "location": sample.location,
                    "context": sample.context,
                    "unit": sample.unit,
                    "multiplier": sample.multiplier,
                    "value": sample.value,
                    "signed": sample.signed,
                }
                for sample in self.samples
            ],
        }
