"""The in-memory twin of the SQL store (dicts and lists), for unit tests of the handlers and
queries; the contract tests run the same cases against both."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from modules.kernel.pages import matches, newest_first
from modules.kernel.records import record_of
from modules.transactions import records
from modules.transactions.energy import EnergyBounds
from modules.transactions.meter_values import (
    SOURCE_METER_VALUES,
    SOURCE_TRANSACTION_EVENT,
    Sample,
)
from modules.transactions.policy import STATE_FIELDS, TransactionState
from modules.transactions.store import LockedTransaction, NewEvent


@dataclass(slots=True)
class _Row:
    pk: int
    station_id: str
    transaction_id: str
    state: TransactionState = field(default_factory=TransactionState)
    bounds: EnergyBounds = field(default_factory=lambda: EnergyBounds(None, None))
    group_id_token: str | None = None
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class _Sample:
    station_id: str
    transaction_pk: int | None
    view: records.SampleView


def _view(row: _Row) -> records.TransactionView:
    state, first, last = row.state, row.bounds.first, row.bounds.last
    return records.TransactionView(
        pk=row.pk,
        station_id=row.station_id,
        transaction_id=row.transaction_id,
        group_id_token=row.group_id_token,
        energy_wh=row.bounds.energy_wh,
        energy_start_wh=first.wh if first else None,
        energy_start_at=first.at if first else None,
        energy_end_wh=last.wh if last else None,
        energy_end_at=last.at if last else None,
        updated_at=row.updated_at,
        **{name: getattr(state, name) for name in STATE_FIELDS},
    )


def _in(moment: datetime | None, after: datetime | None, before: datetime | None) -> bool:
    if after is None and before is None:
        return True
    if moment is None:
        return False
    return (after is None or moment >= after) and (before is None or moment < before)


class MemoryTransactionsStore:
    """Transactions, events and samples in dicts and lists (row ids count from 1)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], _Row] = {}
        self.events: dict[tuple[int, int], records.EventView] = {}
        self.samples: list[_Sample] = []
        self.sample_keys: set[tuple[str, datetime, int, int]] = set()

    async def lock(self, station_id: str, transaction_id: str) -> LockedTransaction:
        """The transaction, created empty when new (nothing to lock in one process)."""
        row = self.rows.get((station_id, transaction_id))
        if row is None:
            row = _Row(len(self.rows) + 1, station_id, transaction_id)
            self.rows[(station_id, transaction_id)] = row
        return LockedTransaction(
            row.pk, station_id, transaction_id, row.state, row.bounds, row.group_id_token
        )

    async def find_event(self, transaction_pk: int, seq_no: int) -> records.EventView | None:
        """The stored event of the transaction with `seq_no`, if any."""
        return self.events.get((transaction_pk, seq_no))

    async def stored_payloads(self, transaction_pk: int) -> list[dict[str, Any]]:
        """The request payloads of the transaction's stored events."""
        return [dict(e.payload) for (pk, _), e in self.events.items() if pk == transaction_pk]

    async def save_event(
        self, changed: LockedTransaction, event: NewEvent, samples: Sequence[Sample]
    ) -> None:
        """Store the event (once per seqNo, as the unique key does), samples and row."""
        key = (changed.pk, event.facts.seq_no)
        if key in self.events:
            raise ValueError(f"transaction {changed.pk} already has seqNo {key[1]}")
        self.events[key] = record_of(
            records.EventView,
            event.facts,
            message_id=event.message_id,
            received_at=event.received_at,
            payload=dict(event.payload),
            response=dict(event.response),
        )
        self._add_samples(
            changed.station_id,
            changed.state.evse_id or 0,
            samples,
            SOURCE_TRANSACTION_EVENT,
            changed.pk,
            changed.transaction_id,
        )
        row = self.rows[(changed.station_id, changed.transaction_id)]
        row.state, row.bounds, row.group_id_token = (
            changed.state,
            changed.bounds,
            changed.group_id_token,
        )
        row.updated_at = event.received_at

    async def save_samples(self, station_id: str, evse_id: int, samples: Sequence[Sample]) -> int:
        """Store the samples of a MeterValues request (those not yet stored); how many."""
        return self._add_samples(station_id, evse_id, samples, SOURCE_METER_VALUES, None, None)

    def _add_samples(
        self,
        station_id: str,
        evse_id: int,
        samples: Sequence[Sample],
        source: str,
        transaction_pk: int | None,
        transaction_id: str | None,
    ) -> int:
        stored = len(self.samples)
        for sample in samples:
            key = (station_id, sample.sampled_at, evse_id, sample.key(source))
            if key in self.sample_keys:
                continue  # the natural key the database enforces
            self.sample_keys.add(key)
            view = record_of(
                records.SampleView,
                sample,
                pk=len(self.samples) + 1,
                evse_id=evse_id,
                transaction_id=transaction_id,
                source=source,
            )
            self.samples.append(_Sample(station_id, transaction_pk, view))
        return len(self.samples) - stored

    async def transactions(
        self, where: records.TransactionFilter, limit: int, before: int | None
    ) -> list[records.TransactionView]:
        """Newest first, by row id."""
        found = [
            row
            for row in self.rows.values()
            if matches(row, station_id=where.station_id)
            and matches(row.state, id_token=where.id_token, active=where.active)
            and _in(row.state.started_at, where.started_after, where.started_before)
        ]
        return [_view(row) for row in newest_first(found, lambda row: row.pk, limit, before)]

    async def transaction(
        self, station_id: str, transaction_id: str
    ) -> records.TransactionView | None:
        """By the (station, transactionId) key."""
        row = self.rows.get((station_id, transaction_id))
        return _view(row) if row is not None else None

    async def station_samples(
        self, where: records.SampleFilter, limit: int, before: int | None
    ) -> list[records.SampleView]:
        """Newest first, by row id."""
        found = [
            s.view
            for s in self.samples
            if s.station_id == where.station_id
            and matches(s.view, evse_id=where.evse_id, measurand=where.measurand)
            and (
                where.in_transaction is None
                or (s.transaction_pk is not None) == where.in_transaction
            )
            and _in(s.view.sampled_at, where.sampled_after, where.sampled_before)
        ]
        return newest_first(found, lambda view: view.pk, limit, before)

    async def events_of(self, transaction_pks: Sequence[int]) -> dict[int, list[records.EventView]]:
        """Each transaction's events by seqNo."""
        return {
            pk: [self.events[key] for key in sorted(k for k in self.events if k[0] == pk)]
            for pk in transaction_pks
        }

    async def samples_of(
        self, transaction_ids: Mapping[int, str], measurand: str | None
    ) -> dict[int, list[records.SampleView]]:
        """Each transaction's samples by time, then row id."""
        grouped: dict[int, list[records.SampleView]] = {pk: [] for pk in transaction_ids}
        for s in sorted(self.samples, key=lambda s: (s.view.sampled_at, s.view.pk)):
            if s.transaction_pk in grouped and measurand in (None, s.view.measurand):
                grouped[s.transaction_pk].append(s.view)
        return grouped
