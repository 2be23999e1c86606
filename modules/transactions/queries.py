"""The reads GraphQL uses: transactions, their events and sampled values, as plain views.

Filters on start and sample times take naive date-times as UTC; the per-transaction samples
are read in one query per distinct measurand asked (for every transaction of a page at once),
and thinned per series on request (`downsample`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from modules.transactions.downsample import downsample

if TYPE_CHECKING:
    from modules.transactions.store import TransactionsStore


@dataclass(frozen=True, slots=True, kw_only=True)
class TransactionView:
    """One transaction as merged from its TransactionEvents (`pk` its row id, for cursors)."""

    pk: int
    station_id: str
    transaction_id: str
    updated_at: datetime
    evse_id: int | None = None
    connector_id: int | None = None
    id_token: str | None = None
    id_token_type: str | None = None
    group_id_token: str | None = None
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
    energy_wh: float | None = None
    energy_start_wh: float | None = None
    energy_start_at: datetime | None = None
    energy_end_wh: float | None = None
    energy_end_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EventView:
    """One stored TransactionEvent: the request as sent and the reply it got."""

    seq_no: int
    event_type: str
    trigger_reason: str
    timestamp: datetime
    offline: bool
    charging_state: str | None
    id_token: str | None
    id_token_type: str | None
    message_id: str
    received_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SampleView:
    """One stored sampled value (`pk` its row id, for cursors); `value` as sent, in `unit`
    (null: Wh) times 10^`multiplier`."""

    pk: int
    evse_id: int
    transaction_id: str | None
    sampled_at: datetime
    measurand: str
    phase: str | None
    location: str | None
    context: str | None
    unit: str | None
    multiplier: int
    value: float
    signed_data: dict[str, str] | None
    source: str


@dataclass(frozen=True, slots=True)
class TransactionFilter:
    """Which transactions: every filter given must hold (startedAfter inclusive,
    startedBefore exclusive)."""

    station_id: str | None = None
    id_token: str | None = None
    active: bool | None = None
    started_after: datetime | None = None
    started_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class SampleFilter:
    """Which samples of `station_id` (sampledAfter inclusive, sampledBefore exclusive;
    `in_transaction` False: only samples outside any transaction)."""

    station_id: str
    evse_id: int | None = None
    measurand: str | None = None
    in_transaction: bool | None = None
    sampled_after: datetime | None = None
    sampled_before: datetime | None = None


SampleKey = tuple[int, str, str | None]
"""A transaction's row id, its transactionId and the measurand asked (None: every one)."""


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _series(sample: SampleView) -> tuple[str, str | None, str | None]:
    return (sample.measurand, sample.phase, sample.location)


def thin(samples: Sequence[SampleView], max_points: int) -> list[SampleView]:
    """At most `max_points` samples of each series (measurand, phase, location), evenly
    spread, keeping each series' first and last."""
    return downsample(samples, max_points, _series)


class TransactionsQueries:
    """Reads of blocks E and J, newest first where paged (`before`: a row id from a cursor)."""

    def __init__(self, store: TransactionsStore) -> None:
        self._store = store

    async def transactions(
        self, where: TransactionFilter, limit: int, before: int | None = None
    ) -> list[TransactionView]:
        """One page of transactions matching `where`."""
        where = TransactionFilter(
            where.station_id,
            where.id_token,
            where.active,
            _aware(where.started_after),
            _aware(where.started_before),
        )
        return await self._store.transactions(where, limit, before)

    async def transaction(self, station_id: str, transaction_id: str) -> TransactionView | None:
        """One transaction of a station by its transactionId, or None."""
        return await self._store.transaction(station_id, transaction_id)

    async def station_samples(
        self, where: SampleFilter, limit: int, before: int | None = None
    ) -> list[SampleView]:
        """One page of a station's samples matching `where`."""
        where = SampleFilter(
            where.station_id,
            where.evse_id,
            where.measurand,
            where.in_transaction,
            _aware(where.sampled_after),
            _aware(where.sampled_before),
        )
        return await self._store.station_samples(where, limit, before)

    async def events_of(self, transaction_pks: Sequence[int]) -> list[list[EventView]]:
        """Each transaction's events in seqNo order (one list per pk, in order)."""
        events = await self._store.events_of(transaction_pks)
        return [events.get(pk, []) for pk in transaction_pks]

    async def samples_of(self, keys: Sequence[SampleKey]) -> list[list[SampleView]]:
        """Each transaction's samples in time order (one list per key, in order): one read per
        distinct measurand asked."""
        found: dict[SampleKey, list[SampleView]] = {}
        for measurand in {measurand for _, _, measurand in keys}:
            wanted = {pk: tx_id for pk, tx_id, asked in keys if asked == measurand}
            by_pk = await self._store.samples_of(wanted, measurand)
            for pk, tx_id in wanted.items():
                found[(pk, tx_id, measurand)] = by_pk.get(pk, [])
        return [found[key] for key in keys]
