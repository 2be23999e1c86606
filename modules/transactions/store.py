"""The transactions block's database: the `TransactionsStore` port and its SQL adapter.

Every writer of a transaction first takes its row lock (`SELECT ... FOR UPDATE` on
PostgreSQL; SQLite serialises writers anyway), so two TransactionEvents of the same
transaction handled at once on different nodes merge one after the other and none is lost.
The first event of a new transaction may race with another: the INSERT runs in a savepoint
and a unique-constraint violation means the other one won, so the row is read again.

An in-order TransactionEvent costs two statements on PostgreSQL: the locking SELECT and one
statement writing its samples, the event and the row (`writes`, the hand-written SQL only
this file uses). Reads for GraphQL go through the ORM.

A sample is stored once under its natural key (station, time, EVSE and `content_key`, what
else it says): the unique index holds it, the INSERTs skip a sample already there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from infra.db.models import (
    TRANSACTION_RECORD_COLUMNS,
    MeterSample,
    Transaction,
    TransactionEventRecord,
)
from infra.db.pages import newest_first, where_given
from infra.db.rows import select_one
from modules.kernel.records import record_of
from modules.transactions import store_sql as writes
from modules.transactions.energy import EnergyBounds, EnergyReading
from modules.transactions.meter_values import (
    SOURCE_METER_VALUES,
    SOURCE_TRANSACTION_EVENT,
    Sample,
)
from modules.transactions.policy import STATE_FIELDS, EventFacts, TransactionState
from modules.transactions.records import (
    EventView,
    SampleFilter,
    SampleView,
    TransactionFilter,
    TransactionView,
)


@dataclass(frozen=True, slots=True)
class LockedTransaction:
    """A transaction's row, locked until the surrounding commit: its merged state, energy
    bounds and group id token (`pk` its row id)."""

    pk: int
    station_id: str
    transaction_id: str
    state: TransactionState
    bounds: EnergyBounds
    group_id_token: str | None = None


@dataclass(frozen=True, slots=True)
class NewEvent:
    """A TransactionEvent to store: its facts, the request as sent and the reply it gets."""

    facts: EventFacts
    message_id: str
    payload: dict[str, Any]
    response: dict[str, Any]
    received_at: datetime


class TransactionsStore(Protocol):
    """Transactions, their events and sampled values."""

    async def lock(self, station_id: str, transaction_id: str) -> LockedTransaction:
        """The transaction, created empty when new, locked until the surrounding commit."""
        ...

    async def find_event(self, transaction_pk: int, seq_no: int) -> EventView | None:
        """The stored event of the transaction with `seq_no`, if any."""
        ...

    async def stored_payloads(self, transaction_pk: int) -> list[dict[str, Any]]:
        """The request payloads of the transaction's stored events."""
        ...

    async def save_event(
        self, changed: LockedTransaction, event: NewEvent, samples: Sequence[Sample]
    ) -> None:
        """Store the event, its samples (evse: the new state's, 0 without one; each once by
        its natural key) and `changed`, the locked transaction with its new state, bounds and
        group (updated at the event's receipt)."""
        ...

    async def save_samples(self, station_id: str, evse_id: int, samples: Sequence[Sample]) -> int:
        """Store the samples of a MeterValues request; one already stored (same station,
        time, EVSE and content) is skipped. How many were new (0: a resend)."""
        ...

    async def transactions(
        self, where: TransactionFilter, limit: int, before: int | None
    ) -> list[TransactionView]:
        """At most `limit` transactions matching `where` (with a row id below `before`),
        newest first."""
        ...

    async def transaction(self, station_id: str, transaction_id: str) -> TransactionView | None:
        """One transaction, or None."""
        ...

    async def station_samples(
        self, where: SampleFilter, limit: int, before: int | None
    ) -> list[SampleView]:
        """At most `limit` samples matching `where` (with a row id below `before`), newest
        first."""
        ...

    async def events_of(self, transaction_pks: Sequence[int]) -> dict[int, list[EventView]]:
        """The events of these transactions, each one's in seqNo order."""
        ...

    async def samples_of(
        self, transaction_ids: Mapping[int, str], measurand: str | None
    ) -> dict[int, list[SampleView]]:
        """The samples of these transactions (row id -> transactionId), of `measurand` (None:
        every one), each one's by time then row id."""
        ...


def state_of(row: Transaction) -> TransactionState:
    """The merged state held by the row."""
    return TransactionState(**{name: getattr(row, name) for name in STATE_FIELDS})


def bounds_of(row: Transaction) -> EnergyBounds:
    """The energy bounds held by the row, each with the context that pins it (if any)."""
    first = last = None
    if row.energy_first_wh is not None and row.energy_first_at is not None:
        first = EnergyReading(row.energy_first_at, row.energy_first_wh, row.energy_first_context)
    if row.energy_last_wh is not None and row.energy_last_at is not None:
        last = EnergyReading(row.energy_last_at, row.energy_last_wh, row.energy_last_context)
    return EnergyBounds(first, last)


def changed_columns(
    state: TransactionState, bounds: EnergyBounds, group_id_token: str | None, now: datetime
) -> dict[str, Any]:
    """The row's columns after an event: state, energy, group and `now` (updated_at)."""
    columns = {name: getattr(state, name) for name in STATE_FIELDS}
    first, last = bounds.first, bounds.last
    columns["energy_first_wh"] = first.wh if first else None
    columns["energy_first_at"] = first.at if first else None
    columns["energy_first_context"] = first.context if first else None
    columns["energy_last_wh"] = last.wh if last else None
    columns["energy_last_at"] = last.at if last else None
    columns["energy_last_context"] = last.context if last else None
    columns["energy_wh"] = bounds.energy_wh
    columns["group_id_token"] = group_id_token
    columns["updated_at"] = now
    return columns


def transaction_view(row: Transaction) -> TransactionView:
    """The view of a transaction's row (also for the remote-control block's GraphQL, which
    reads the rows its remote starts led to itself, until it reads them through this block)."""
    return record_of(TransactionView, row, TRANSACTION_RECORD_COLUMNS)


def _event_view(row: TransactionEventRecord) -> EventView:
    return record_of(EventView, row, payload=dict(row.payload), response=dict(row.response))


def _sample_view(row: MeterSample, transaction_id: str | None) -> SampleView:
    return record_of(SampleView, row, transaction_id=transaction_id)


async def _locked(station_id: str, transaction_id: str) -> Transaction | None:
    equal = {"station_id": station_id, "transaction_id": transaction_id}
    return await select_one(Transaction, equal, for_update=True)


class SqlTransactionsStore:
    """The store on the ORM's database (SQLite or PostgreSQL), inside the caller's
    transaction; the TransactionEvent and MeterValues writes are hand-written (`writes`)."""

    async def lock(self, station_id: str, transaction_id: str) -> LockedTransaction:
        """The transaction's row, created empty when new, locked until the surrounding
        commit."""
        row = await _locked(station_id, transaction_id)
        if row is None:
            try:
                async with in_transaction():
                    await Transaction.create(station_id=station_id, transaction_id=transaction_id)
            except IntegrityError:
                pass  # created meanwhile by a concurrent event of the same transaction
            row = await _locked(station_id, transaction_id)
            if row is None:
                raise RuntimeError(f"transaction {station_id}/{transaction_id} vanished")
        return LockedTransaction(
            row.pk, station_id, transaction_id, state_of(row), bounds_of(row), row.group_id_token
        )

    async def find_event(self, transaction_pk: int, seq_no: int) -> EventView | None:
        """The stored event of the transaction with `seq_no`, if any."""
        equal = {"transaction_id": transaction_pk, "seq_no": seq_no}
        row = await select_one(TransactionEventRecord, equal)
        return _event_view(row) if row is not None else None

    async def stored_payloads(self, transaction_pk: int) -> list[dict[str, Any]]:
        """The request payloads of the transaction's stored events."""
        rows = await TransactionEventRecord.filter(transaction_id=transaction_pk).values_list(
            "payload", flat=True
        )
        return [dict(row) for row in rows]

    async def save_event(
        self, changed: LockedTransaction, event: NewEvent, samples: Sequence[Sample]
    ) -> None:
        """One statement on PostgreSQL (up to 64 samples), three on SQLite (`writes`)."""
        columns = changed_columns(
            changed.state, changed.bounds, changed.group_id_token, event.received_at
        )
        row = writes.event_row(
            changed.pk,
            event.facts,
            event.message_id,
            event.payload,
            event.response,
            event.received_at,
        )
        sample_rows = writes.sample_rows(
            changed.station_id,
            changed.state.evse_id or 0,
            samples,
            SOURCE_TRANSACTION_EVENT,
            changed.pk,
        )
        await writes.save_transaction_event(changed.pk, columns, row, sample_rows)

    async def save_samples(self, station_id: str, evse_id: int, samples: Sequence[Sample]) -> int:
        """One INSERT of every sample, skipping those already stored."""
        return await writes.insert_samples(
            writes.sample_rows(station_id, evse_id, samples, SOURCE_METER_VALUES)
        )

    async def transactions(
        self, where: TransactionFilter, limit: int, before: int | None
    ) -> list[TransactionView]:
        """Newest first, by row id."""
        query = where_given(
            Transaction.all(),
            station_id=where.station_id,
            id_token=where.id_token,
            active=where.active,
            started_at__gte=where.started_after,
            started_at__lt=where.started_before,
        )
        rows = await newest_first(query, limit, before)
        return [transaction_view(row) for row in rows]

    async def transaction(self, station_id: str, transaction_id: str) -> TransactionView | None:
        """By the (station, transactionId) key."""
        row = await Transaction.get_or_none(station_id=station_id, transaction_id=transaction_id)
        return transaction_view(row) if row is not None else None

    async def station_samples(
        self, where: SampleFilter, limit: int, before: int | None
    ) -> list[SampleView]:
        """Newest first, by row id, with their transaction's transactionId."""
        inside = where.in_transaction
        query = where_given(
            MeterSample.filter(station_id=where.station_id),
            evse_id=where.evse_id,
            measurand=where.measurand,
            transaction_id__isnull=None if inside is None else not inside,
            sampled_at__gte=where.sampled_after,
            sampled_at__lt=where.sampled_before,
        )
        rows = await newest_first(query, limit, before).prefetch_related("transaction")
        return [
            _sample_view(row, row.transaction.transaction_id if row.transaction else None)
            for row in rows
        ]

    async def events_of(self, transaction_pks: Sequence[int]) -> dict[int, list[EventView]]:
        """One query for all of them."""
        rows = await TransactionEventRecord.filter(
            transaction_id__in=list(transaction_pks)
        ).order_by("transaction_id", "seq_no")
        grouped: dict[int, list[EventView]] = {pk: [] for pk in transaction_pks}
        for row in rows:
            grouped[row.transaction_id].append(_event_view(row))  # type: ignore[attr-defined]
        return grouped

    async def samples_of(
        self, transaction_ids: Mapping[int, str], measurand: str | None
    ) -> dict[int, list[SampleView]]:
        """One query for all of them."""
        grouped: dict[int, list[SampleView]] = {pk: [] for pk in transaction_ids}
        query = MeterSample.filter(transaction_id__in=sorted(transaction_ids))
        if measurand is not None:
            query = query.filter(measurand=measurand)
        for row in await query.order_by("sampled_at", "id"):
            pk: int = row.transaction_id  # type: ignore[attr-defined]
            grouped[pk].append(_sample_view(row, transaction_ids[pk]))
        return grouped
