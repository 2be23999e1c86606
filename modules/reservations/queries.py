"""The reservation reads GraphQL uses, each reservation as it stands now (`policy.seen_at`:
an Accepted reservation past its expiry reads as Expired before the sweep writes it)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime

from modules.reservations.policy import seen_at
from modules.reservations.records import ReservationFilter, ReservationView
from modules.reservations.store import ReservationStore

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)


class ReservationQueries:
    """Reads of stored reservations, on the block's store and the clock."""

    def __init__(self, store: ReservationStore, clock: Callable[[], datetime] = _utc_now) -> None:
        self._store = store
        self._clock = clock

    async def reservations(
        self, wanted: ReservationFilter, limit: int, before_row: int | None = None
    ) -> list[ReservationView]:
        """Up to `limit` reservations matching `wanted`, newest first, older than
        `before_row` when given."""
        now = self._clock()
        rows = await self._store.reservations(wanted, now, limit, before_row)
        return [seen_at(row, now) for row in rows]

    async def reservation(self, station_id: str, reservation_id: int) -> ReservationView | None:
        """The station's reservation `reservation_id`, or None."""
        row = await self._store.reservation(station_id, reservation_id)
        return None if row is None else seen_at(row, self._clock())
