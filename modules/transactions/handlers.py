"""Transactions handlers: TransactionEvent (E01-E15) and MeterValues (J01-J02).

Each runs inside the dispatcher's transaction (a savepoint of a group commit), so the reply
and the events leave only once what they announce is stored. Both read the payload as the
station sent it (raw routes): it is stored as sent, and nothing decodes it twice.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

from ocpp.v201 import call_result, datatypes, enums

from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import ocpp_datetime
from modules.transactions import policy
from modules.transactions.energy import EnergyBounds, merge_bounds
from modules.transactions.events import (
    MeterValuesStored,
    TransactionChanged,
    TransactionEnded,
    TransactionStarted,
    TransactionUpdated,
)
from modules.transactions.id_tokens import answer_token
from modules.transactions.meter_values import (
    SOURCE_METER_VALUES,
    SOURCE_TRANSACTION_EVENT,
    Sample,
    samples_of,
)
from modules.transactions.ports import (
    CostQuote,
    DecidedToken,
    DriverText,
    NoCost,
    QuotedCost,
    RemoteStarts,
    TokenAuthority,
)
from modules.transactions.store import LockedTransaction, NewEvent, TransactionsStore

log = logging.getLogger(__name__)

EVENT_CLASSES: dict[str, type[TransactionChanged]] = {
    policy.STARTED: TransactionStarted,
    policy.UPDATED: TransactionUpdated,
    policy.ENDED: TransactionEnded,
}


def _time(moment: datetime | None) -> str | None:
    return ocpp_datetime(moment) if moment is not None else None


def transaction_changed(
    ctx: HandlerContext,
    transaction: LockedTransaction,
    facts: policy.EventFacts,
    timestamp: str,
    state: policy.TransactionState,
    bounds: EnergyBounds,
) -> TransactionChanged:
    """The TRANSACTION_* event of a stored TransactionEvent: the event and the merged state."""
    return EVENT_CLASSES[facts.event_type](
        **ctx.origin,
        transaction_id=transaction.transaction_id,
        event_type=facts.event_type,
        seq_no=facts.seq_no,
        trigger_reason=facts.trigger_reason,
        timestamp=timestamp,
        offline=facts.offline,
        evse_id=state.evse_id,
        connector_id=state.connector_id,
        id_token=state.id_token,
        id_token_type=state.id_token_type,
        charging_state=state.charging_state,
        active=state.active,
        started_at=_time(state.started_at),
        ended_at=_time(state.ended_at),
        stopped_reason=state.stopped_reason,
        remote_start_id=state.remote_start_id,
        energy_wh=bounds.energy_wh,
        reservation_id=state.reservation_id,
    )


def meter_values_stored(
    ctx: HandlerContext,
    transaction_id: str | None,
    evse_id: int,
    source: str,
    samples: list[Sample],
) -> MeterValuesStored:
    """The METER_VALUES event of stored samples."""
    return MeterValuesStored(
        **ctx.origin,
        transaction_id=transaction_id,
        evse_id=evse_id,
        source=source,
        samples=tuple(sample.summary() for sample in samples),
    )


def _merged_bounds(transaction: LockedTransaction, samples: list[Sample]) -> EnergyBounds:
    readings = [reading for sample in samples if (reading := sample.energy()) is not None]
    return merge_bounds(transaction.bounds, readings)


def _message(text: DriverText) -> datatypes.MessageContentType:
    return datatypes.MessageContentType(
        format=enums.MessageFormatEnumType.utf8, content=text.content, language=text.language
    )


def response_of(
    answer: DecidedToken | None, quote: QuotedCost | None
) -> call_result.TransactionEvent:
    """The TransactionEventResponse: the id token's answer, and the cost and tariff text the
    tariffs port gave (I02.FR.01, I03.FR.02, I06.FR.02)."""
    total = quote.total_cost if quote is not None else None
    text = quote.message if quote is not None else None
    return call_result.TransactionEvent(
        id_token_info=answer.info if answer else None,
        total_cost=float(total) if total is not None else None,
        updated_personal_message=_message(text) if text is not None else None,
    )


class TransactionHandlers:
    """Handlers built with the block's store, the token, remote-start and cost ports, and
    `unknown_status` (what an unknown id token is answered, Unknown or Invalid, as for
    Authorize)."""

    def __init__(
        self,
        store: TransactionsStore,
        tokens: TokenAuthority,
        remote_starts: RemoteStarts,
        unknown_status: str = "Unknown",
        costs: CostQuote | None = None,
    ) -> None:
        self._store = store
        self._tokens = tokens
        self._remote_starts = remote_starts
        self._unknown_status = unknown_status
        self._costs: CostQuote = costs if costs is not None else NoCost()

    async def _merged_state(
        self,
        transaction: LockedTransaction,
        facts: policy.EventFacts,
        late: bool,
    ) -> policy.TransactionState:
        if not late:
            return policy.apply(transaction.state, facts)
        stored = await self._store.stored_payloads(transaction.pk)
        return policy.fold([*map(policy.facts_from_payload, stored), facts])

    async def _group_of(
        self,
        transaction: LockedTransaction,
        state: policy.TransactionState,
        facts: policy.EventFacts,
        answer: DecidedToken | None,
        now: datetime,
    ) -> str | None:
        """The group id token of the transaction's (first) id token: from the registry when
        the token is new to the row, else the one the row already holds (none is one too)."""
        if state.id_token is None or state.id_token_type is None:
            return None
        if answer is not None and answer.known and facts.id_token == state.id_token:
            return answer.group_id_token
        held = (transaction.state.id_token, transaction.state.id_token_type)
        if (state.id_token, state.id_token_type) == held:
            return transaction.group_id_token
        decision = await self._tokens.decide(
            state.id_token, state.id_token_type, now, self._unknown_status
        )
        return decision.group_id_token if decision.known else None

    async def transaction_event(
        self, ctx: HandlerContext, payload: dict[str, Any]
    ) -> call_result.TransactionEvent:
        """E01-E15: merge the event into its transaction; a repeated one gets its first reply."""
        facts = policy.facts_from_payload(payload)
        samples = samples_of(payload.get("meterValue"))
        transaction = await self._store.lock(
            ctx.station_id, payload["transactionInfo"]["transactionId"]
        )
        late = policy.arrives_late(transaction.state, facts)
        # only a late event can repeat a stored one: seqNos above last_seq_no are all new
        existing = await self._store.find_event(transaction.pk, facts.seq_no) if late else None
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
        state = await self._merged_state(transaction, facts, late)
        answer = None
        if facts.id_token is not None and facts.id_token_type is not None:
            answer = await answer_token(
                self._tokens,
                self._remote_starts,
                ctx.station_id,
                facts.id_token,
                facts.id_token_type,
                state.remote_start_id,
                ctx.now,
                self._unknown_status,
            )
        bounds = _merged_bounds(transaction, samples)
        group = await self._group_of(transaction, state, facts, answer, ctx.now)
        quote = await self._costs.quote(
            station_id=ctx.station_id,
            transaction_id=transaction.transaction_id,
            event_type=facts.event_type,
            timestamp=facts.timestamp,
            evse_id=state.evse_id,
            id_token=state.id_token,
            group_id_token=group,
            charging_state=facts.charging_state,
            readings=[(r.at, r.wh) for s in samples if (r := s.energy()) is not None],
            started_at=state.started_at,
            ended_at=state.ended_at,
            now=ctx.now,
        )
        response = response_of(answer, quote)
        event = NewEvent(facts, ctx.message_id, payload, codec.encode(response), ctx.now)
        changed = replace(transaction, state=state, bounds=bounds, group_id_token=group)
        await self._store.save_event(changed, event, samples)
        ctx.emit(transaction_changed(ctx, transaction, facts, payload["timestamp"], state, bounds))
        if samples:
            ctx.emit(
                meter_values_stored(
                    ctx,
                    transaction.transaction_id,
                    state.evse_id or 0,
                    SOURCE_TRANSACTION_EVENT,
                    samples,
                )
            )
        return response

    async def meter_values(
        self, ctx: HandlerContext, payload: dict[str, Any]
    ) -> call_result.MeterValues:
        """J01/J02: store every sampled value of the request as a typed sample; a resend,
        every sample stored already, is answered alike and emits no METER_VALUES."""
        evse_id: int = payload["evseId"]
        samples = samples_of(payload["meterValue"])
        if await self._store.save_samples(ctx.station_id, evse_id, samples):
            ctx.emit(meter_values_stored(ctx, None, evse_id, SOURCE_METER_VALUES, samples))
        return call_result.MeterValues()
