"""Local-list queries (block D): lists, their entries, and the versions stations hold."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.local_auth_lists.types import (
    ENTRIES_CURSOR,
    LISTS_CURSOR,
    STATIONS_CURSOR,
    LocalAuthListEntryType,
    LocalAuthListType,
    StationLocalListType,
    list_refusals_as_input_errors,
)
from modules.local_auth_lists import LocalListQueries


@strawberry.type
class LocalListQuery:
    """Block D: local lists and the versions stations hold."""

    @feed(LISTS_CURSOR, "Local lists by age.")
    async def local_auth_lists(
        self, lists: LocalListQueries, page: IdPage
    ) -> list[LocalAuthListType]:
        """A page of lists."""
        views = await lists.lists(page.after_id, page.limit)
        return [LocalAuthListType.of(view) for view in views]

    @query("One local list.")
    async def local_auth_list(self, lists: LocalListQueries, name: str) -> LocalAuthListType | None:
        """The list called `name`, or null."""
        view = await lists.named(name)
        return LocalAuthListType.of(view) if view is not None else None

    @feed(ENTRIES_CURSOR, "The id tokens on a list, in the order they were first put on it.")
    async def local_auth_list_entries(
        self, lists: LocalListQueries, page: IdPage, name: str
    ) -> list[LocalAuthListEntryType]:
        """A page of a list's entries."""
        with list_refusals_as_input_errors():
            views = await lists.entries(name, page.after_id, page.limit)
        return [LocalAuthListEntryType.of(view) for view in views]

    @feed(
        STATIONS_CURSOR,
        "Per station: its list, the list's version, the version the station "
        "acknowledged and its last SendLocalList status. Filter by station, list or "
        "whether the station is up to date.",
    )
    async def station_local_lists(
        self,
        lists: LocalListQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
        list_name: str | None = None,
        up_to_date: bool | None = None,
    ) -> list[StationLocalListType]:
        """A page of station assignments, ordered by assignment."""
        station = str(station_id) if station_id is not None else None
        views = await lists.station_lists(station, list_name, up_to_date, page.after_id, page.limit)
        return [StationLocalListType.of(view) for view in views]
