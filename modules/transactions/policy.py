"""How a transaction's state follows from its TransactionEvents (pure: no database, no clock).

Events may arrive late, twice or out of order (offline queues flushed after a reconnect,
redeliveries), so the state is defined as a fold of the distinct events in seqNo order:

- state fields (charging state, time spent charging, EVSE/connector, trigger reason,
  remoteStartId, ...) follow the event with the highest seqNo that carries them;
- the id token is the first one given (lowest seqNo): the driver the transaction belongs to,
  even when someone else (a Master Pass, a group member) stops it;
- `started_at` is the Started event's timestamp, or the earliest event's while no Started
  has been seen; `ended_at`, `stopped_reason` and `active = False` come from the Ended
  event whatever the order, and nothing after it reactivates the transaction. An Ended
  without stoppedReason means Local (the only reason that may be left out, E06).

`apply` is one step of that fold; an event newer than every merged one is applied directly,
a late one makes the caller fold the stored events again (`fold`), so both paths agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from modules.kernel.timefmt import parse_ocpp_datetime

STARTED = "Started"
UPDATED = "Updated"
ENDED = "Ended"
DEFAULT_STOPPED_REASON = "Local"


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What one TransactionEventRequest says about its transaction."""

    seq_no: int
    event_type: str
    timestamp: datetime
    trigger_reason: str
    offline: bool = False
    charging_state: str | None = None
    time_spent_charging: int | None = None
    stopped_reason: str | None = None
    remote_start_id: int | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    id_token: str | None = None
    id_token_type: str | None = None
    reservation_id: int | None = None
    number_of_phases_used: int | None = None
    cable_max_current: int | None = None


@dataclass(frozen=True, slots=True)
class TransactionState:
    """A transaction's merged state (the columns of the `charging_transaction` row)."""

    evse_id: int | None = None
    connector_id: int | None = None
    id_token: str | None = None
    id_token_type: str | None = None
    charging_state: str | None = None
    active: bool = True
    started_at: datetime | None = None
    ended_at: datetime | None = None
    stopped_reason: str | None = None
    last_trigger_reason: str | None = None
    time_spent_charging: int | None = None
    remote_start_id: int | None = None
    reservation_id: int | None = None
    number_of_phases_used: int | None = None
    cable_max_current: int | None = None
    last_seq_no: int | None = None
    event_count: int = 0
    has_started_event: bool = False
    has_ended_event: bool = False


STATE_FIELDS = tuple(field.name for field in dataclasses.fields(TransactionState))
"""The state's field names, which are also the Transaction model's column names."""


def facts_from_payload(payload: Mapping[str, Any]) -> EventFacts:
    """The facts of a schema-valid TransactionEventRequest payload (camelCase JSON)."""
    info: Mapping[str, Any] = payload["transactionInfo"]
    evse: Mapping[str, Any] = payload.get("evse") or {}
    token: Mapping[str, Any] = payload.get("idToken") or {}
    return EventFacts(
        seq_no=int(payload["seqNo"]),
        event_type=str(payload["eventType"]),
        timestamp=parse_ocpp_datetime(str(payload["timestamp"])),
        trigger_reason=str(payload["triggerReason"]),
        offline=bool(payload.get("offline", False)),
        charging_state=info.get("chargingState"),
        time_spent_charging=info.get("timeSpentCharging"),
        stopped_reason=info.get("stoppedReason"),
        remote_start_id=info.get("remoteStartId"),
        evse_id=evse.get("id"),
        connector_id=evse.get("connectorId"),
        id_token=token.get("idToken"),
        id_token_type=token.get("type"),
        reservation_id=payload.get("reservationId"),
        number_of_phases_used=payload.get("numberOfPhasesUsed"),
        cable_max_current=payload.get("cableMaxCurrent"),
    )


def _newest(new: Any, old: Any) -> Any:
    return old if new is None else new


def apply(state: TransactionState, facts: EventFacts) -> TransactionState:
    """`state` after `facts`, an event with a higher seqNo than every event in `state`."""
    evse_id, connector_id = state.evse_id, state.connector_id
    if facts.evse_id is not None:
        same_evse = facts.evse_id == state.evse_id
        evse_id = facts.evse_id
        connector_id = _newest(facts.connector_id, connector_id if same_evse else None)
    id_token, id_token_type = state.id_token, state.id_token_type
    if id_token is None and facts.id_token is not None:
        id_token, id_token_type = facts.id_token, facts.id_token_type
    started_at = state.started_at
    if facts.event_type == STARTED:
        started_at = facts.timestamp
    elif not state.has_started_event:
        started_at = facts.timestamp if started_at is None else min(started_at, facts.timestamp)
    ended_at, stopped_reason = state.ended_at, state.stopped_reason
    if facts.event_type == ENDED:
        ended_at = facts.timestamp
        stopped_reason = facts.stopped_reason or DEFAULT_STOPPED_REASON
    has_ended = state.has_ended_event or facts.event_type == ENDED
    return TransactionState(
        evse_id=evse_id,
        connector_id=connector_id,
        id_token=id_token,
        id_token_type=id_token_type,
        charging_state=_newest(facts.charging_state, state.charging_state),
        active=not has_ended,
        started_at=started_at,
        ended_at=ended_at,
        stopped_reason=stopped_reason,
        last_trigger_reason=facts.trigger_reason,
        time_spent_charging=_newest(facts.time_spent_charging, state.time_spent_charging),
        remote_start_id=_newest(facts.remote_start_id, state.remote_start_id),
        reservation_id=_newest(facts.reservation_id, state.reservation_id),
        number_of_phases_used=_newest(facts.number_of_phases_used, state.number_of_phases_used),
        cable_max_current=_newest(facts.cable_max_current, state.cable_max_current),
        last_seq_no=facts.seq_no
        if state.last_seq_no is None
        else max(state.last_seq_no, facts.seq_no),
        event_count=state.event_count + 1,
        has_started_event=state.has_started_event or facts.event_type == STARTED,
        has_ended_event=has_ended,
    )


def fold(events: Iterable[EventFacts]) -> TransactionState:
    """The state of a transaction with these distinct events (any order)."""
    state = TransactionState()
    for facts in sorted(events, key=lambda f: f.seq_no):
        state = apply(state, facts)
    return state


def arrives_late(state: TransactionState, facts: EventFacts) -> bool:
    """Whether `facts` is not newer than every merged event (then `fold` all of them again)."""
    return state.last_seq_no is not None and facts.seq_no <= state.last_seq_no
