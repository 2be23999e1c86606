"""The reads GraphQL uses: transactions, their events and sampled values, as plain views.

Filters on start and sample times take naive date-times as UTC; the per-transaction samples
are read in one query per distinct measurand asked (for every transaction of a page at once),
and thinned per series on request (`downsample`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from modules.kernel.services import OnStore
from modules.transactions import records
from modules.transactions.downsample import downsample
from modules.transactions.store import TransactionsStore


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


Filter = TypeVar("Filter", records.TransactionFilter, records.SampleFilter)


def _aware_times(where: Filter, *names: str) -> Filter:
    """`where` with its date-time filters `names` taken as UTC when naive."""
    changes: dict[str, Any] = {name: _aware(getattr(where, name)) for name in names}
    return replace(where, **changes)


def _series(sample: records.SampleView) -> tuple[str, str | None, str | None]:
    return (sample.measurand, sample.phase, sample.location)


def thin(samples: Sequence[records.SampleView], max_points: int) -> list[records.SampleView]:
    """At most `max_points` samples of each series (measurand, phase, location), evenly
    spread, keeping each series' first and last."""
    return downsample(samples, max_points, _series)


class TransactionsQueries(OnStore[TransactionsStore]):
    """Reads of blocks E and J, newest first where paged (`before`: a row id from a cursor)."""

    async def transactions(
        self, where: records.TransactionFilter, limit: int, before: int | None = None
    ) -> list[records.TransactionView]:
        """One page of transactions matching `where`."""
        where = _aware_times(where, "started_after", "started_before")
        return await self._store.transactions(where, limit, before)

    async def transaction(
        self, station_id: str, transaction_id: str
    ) -> records.TransactionView | None:
        """One transaction of a station by its transactionId, or None."""
        return await self._store.transaction(station_id, transaction_id)

    async def station_samples(
        self, where: records.SampleFilter, limit: int, before: int | None = None
    ) -> list[records.SampleView]:
        """One page of a station's samples matching `where`."""
        where = _aware_times(where, "sampled_after", "sampled_before")
        return await self._store.station_samples(where, limit, before)

    async def events_of(self, transaction_pks: Sequence[int]) -> list[list[records.EventView]]:
        """Each transaction's events in seqNo order (one list per pk, in order)."""
        events = await self._store.events_of(transaction_pks)
        return [events.get(pk, []) for pk in transaction_pks]

    async def samples_of(self, keys: Sequence[records.SampleKey]) -> list[list[records.SampleView]]:
        """Each transaction's samples in time order (one list per key, in order): one read per
        distinct measurand asked."""
        found: dict[records.SampleKey, list[records.SampleView]] = {}
        for measurand in {measurand for _, _, measurand in keys}:
            wanted = {pk: tx_id for pk, tx_id, asked in keys if asked == measurand}
            by_pk = await self._store.samples_of(wanted, measurand)
            for pk, tx_id in wanted.items():
                found[(pk, tx_id, measurand)] = by_pk.get(pk, [])
        return [found[key] for key in keys]
