"""Reservations (H01-H04) read back, each as it stands now."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.reservations.types import RESERVATIONS_CURSOR, ReservationType
from modules.reservations import ReservationFilter, ReservationQueries, State


@strawberry.type
class ReservationsQuery:
    """Block H: reservations."""

    @feed(
        RESERVATIONS_CURSOR,
        "Reservations of one station, or of the fleet when stationId is omitted, newest "
        "first; filter by state (PENDING, ACTIVE, ENDED: an Accepted reservation past its "
        "expiry is ENDED/EXPIRED) and by idToken (the reserved token or its group id "
        "token); page with `first` and `after` (a row's cursor).",
    )
    async def reservations(
        self,
        reads: ReservationQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
        state: State | None = None,
        id_token: str | None = None,
    ) -> list[ReservationType]:
        """A page of reservations, one query."""
        wanted = ReservationFilter(
            None if station_id is None else str(station_id),
            None if state is None else state.value,
            id_token,
        )
        views = await reads.reservations(wanted, page.limit, page.after_id)
        return [ReservationType.of(view) for view in views]

    @query("One reservation of a station by its reservationId, or null.")
    async def reservation(
        self, reads: ReservationQueries, station_id: strawberry.ID, reservation_id: int
    ) -> ReservationType | None:
        """The reservation, or null when there is none."""
        view = await reads.reservation(str(station_id), reservation_id)
        return None if view is None else ReservationType.of(view)
