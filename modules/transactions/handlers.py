"""Transactions handlers: TransactionEvent (E01-E15) and MeterValues (J01-J02).

Each runs inside the dispatcher's transaction (a savepoint of a group commit), so the reply
and the events leave only once what they announce is stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ocpp.v201 import call, call_result

from infra.db.models import Transaction
from modules.authorization import registry
from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import ocpp_datetime
from modules.transactions import events, policy, store, writes
from modules.transactions.energy import EnergyBounds, merge_bounds
from modules.transactions.id_tokens import TokenAnswer, answer_token
from modules.transactions.meter_values import (
    SOURCE_METER_VALUES,
    SOURCE_TRANSACTION_EVENT,
    Sample,
    meter_values_event,
    samples_of,
)

log = logging.getLogger(__name__)

EVENT_TYPES = {
    policy.STARTED: events.TRANSACTION_STARTED,
    policy.UPDATED: events.TRANSACTION_UPDATED,
    policy.ENDED: events.TRANSACTION_ENDED,
}


def _time(moment: Any) -> str | None:
    return ocpp_datetime(moment) if moment is not None else None


def transaction_event_payload(
    transaction: Transaction, facts: policy.EventFacts, timestamp: str
) -> dict[str, Any]:
    """The TRANSACTION_* event payload (see events.py): the event and the merged state."""
    return {
        "transactionId": transaction.transaction_id,
        "eventType": facts.event_type,
        "seqNo": facts.seq_no,
        "triggerReason": facts.trigger_reason,
        "timestamp": timestamp,
        "offline": facts.offline,
        "evseId": transaction.evse_id,
        "connectorId": transaction.connector_id,
        "idToken": transaction.id_token,
        "idTokenType": transaction.id_token_type,
        "chargingState": transaction.charging_state,
        "active": transaction.active,
        "startedAt": _time(transaction.started_at),
        "endedAt": _time(transaction.ended_at),
        "stoppedReason": transaction.stopped_reason,
        "remoteStartId": transaction.remote_start_id,
        "energyWh": transaction.energy_wh,
    }


async def _merged_state(
    transaction: Transaction,
    state: policy.TransactionState,
    facts: policy.EventFacts,
    late: bool,
) -> policy.TransactionState:
    if not late:
        return policy.apply(state, facts)
    stored = [policy.facts_from_payload(p) for p in await store.stored_payloads(transaction)]
    return policy.fold([*stored, facts])


def _merged_bounds(transaction: Transaction, samples: list[Sample]) -> EnergyBounds:
    readings = [reading for sample in samples if (reading := sample.energy()) is not None]
    return merge_bounds(store.bounds_of(transaction), readings)


async def _group_of(
    transaction: Transaction, state: policy.TransactionState, answer: TokenAnswer | None
) -> str | None:
    """The group id token of the transaction's (first) id token: from the registry when the
    token is new to the row, else the one the row already holds (none is one too)."""
    if state.id_token is None or state.id_token_type is None:
        return None
    if answer is not None and answer.row is not None and answer.row.value == state.id_token:
        return answer.row.group_id_token
    if (state.id_token, state.id_token_type) == (transaction.id_token, transaction.id_token_type):
        return transaction.group_id_token
    row = await registry.find_token(state.id_token, state.id_token_type)
    return row.group_id_token if row is not None else None


@dataclass(frozen=True, slots=True)
class TransactionHandlers:
    """Handlers bound to the module's configuration (`unknown_status`: what an unknown id
    token is answered, Unknown or Invalid, as for Authorize)."""

    unknown_status: str = "Unknown"

    async def transaction_event(
        self, ctx: HandlerContext, request: call.TransactionEvent
    ) -> call_result.TransactionEvent:
        """E01-E15: merge the event into its transaction; a repeated one gets its first reply."""
        payload = ctx.payload
        facts = policy.facts_from_payload(payload)
        transaction = await store.lock_transaction(
            ctx.station_id, request.transaction_info.transaction_id
        )
        stored = store.state_of(transaction)
        late = policy.arrives_late(stored, facts)
        # only a late event can repeat a stored one: seqNos above last_seq_no are all new
        existing = await store.find_event(transaction, facts.seq_no) if late else None
        if existing is not None:
            if existing.payload != payload:
                log.warning(
                    "transaction %s seqNo %d repeated with different content; first reply "
                    "repeated, the new content is not stored",
                    transaction.transaction_id,
                    facts.seq_no,
                    extra={"station_id": ctx.station_id, "message_id": ctx.message_id},
                )
            return codec.decode(call_result.TransactionEvent, existing.response)
        state = await _merged_state(transaction, stored, facts, late)
        answer = None
        if facts.id_token is not None and facts.id_token_type is not None:
            answer = await answer_token(
                ctx.station_id,
                facts.id_token,
                facts.id_token_type,
                state.remote_start_id,
                ctx.now,
                self.unknown_status,
            )
        response = call_result.TransactionEvent(id_token_info=answer.info if answer else None)
        samples = samples_of(payload.get("meterValue"))
        bounds = _merged_bounds(transaction, samples)
        group = await _group_of(transaction, state, answer)
        fields = store.write_state(transaction, state, bounds, group, ctx.now)
        event = writes.event_row(
            transaction.pk, facts, ctx.message_id, payload, codec.encode(response), ctx.now
        )
        rows = writes.sample_rows(
            ctx.station_id,
            state.evse_id or 0,
            samples,
            SOURCE_TRANSACTION_EVENT,
            transaction.pk,
        )
        await writes.save_transaction_event(transaction, fields, event, rows)
        ctx.emit(
            EVENT_TYPES[facts.event_type],
            transaction_event_payload(transaction, facts, request.timestamp),
        )
        if samples:
            ctx.emit(
                events.METER_VALUES,
                meter_values_event(
                    transaction.transaction_id,
                    state.evse_id or 0,
                    SOURCE_TRANSACTION_EVENT,
                    samples,
                ),
            )
        return response

    async def meter_values(
        self, ctx: HandlerContext, request: call.MeterValues
    ) -> call_result.MeterValues:
        """J01/J02: store every sampled value of the request as a typed sample."""
        samples = samples_of(ctx.payload["meterValue"])
        await writes.insert_samples(
            writes.sample_rows(ctx.station_id, request.evse_id, samples, SOURCE_METER_VALUES)
        )
        ctx.emit(
            events.METER_VALUES,
            meter_values_event(None, request.evse_id, SOURCE_METER_VALUES, samples),
        )
        return call_result.MeterValues()
