"""Local-list queries (block D): lists, their entries, and the versions stations hold."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
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


def _queries(info: Info[Context, Any]) -> LocalListQueries:
    return info.context.services.block(LocalListQueries)


async def local_auth_lists(
    info: Info[Context, Any], first: int = 100, after: str | None = None
) -> list[LocalAuthListType]:
    """A page of lists."""
    limit, start = id_page(LISTS_CURSOR, first, after)
    return [LocalAuthListType.of(view) for view in await _queries(info).lists(start, limit)]


async def local_auth_list(info: Info[Context, Any], name: str) -> LocalAuthListType | None:
    """The list called `name`, or null."""
    view = await _queries(info).named(name)
    return LocalAuthListType.of(view) if view is not None else None


async def local_auth_list_entries(
    info: Info[Context, Any], name: str, first: int = 100, after: str | None = None
) -> list[LocalAuthListEntryType]:
    """A page of a list's entries."""
    limit, start = id_page(ENTRIES_CURSOR, first, after)
    with list_refusals_as_input_errors():
        views = await _queries(info).entries(name, start, limit)
    return [LocalAuthListEntryType.of(view) for view in views]


async def station_local_lists(
    info: Info[Context, Any],
    station_id: strawberry.ID | None = None,
    list_name: str | None = None,
    up_to_date: bool | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[StationLocalListType]:
    """A page of station assignments, ordered by assignment."""
    limit, start = id_page(STATIONS_CURSOR, first, after)
    views = await _queries(info).station_lists(
        str(station_id) if station_id is not None else None, list_name, up_to_date, start, limit
    )
    return [StationLocalListType.of(view) for view in views]


@strawberry.type
class LocalListQuery:
    """Block D: local lists and the versions stations hold."""

    local_auth_lists: list[LocalAuthListType] = strawberry.field(
        resolver=local_auth_lists, description="Local lists by age."
    )
    local_auth_list: LocalAuthListType | None = strawberry.field(
        resolver=local_auth_list, description="One local list."
    )
    local_auth_list_entries: list[LocalAuthListEntryType] = strawberry.field(
        resolver=local_auth_list_entries,
        description="The id tokens on a list, in the order they were first put on it.",
    )
    station_local_lists: list[StationLocalListType] = strawberry.field(
        resolver=station_local_lists,
        description="Per station: its list, the list's version, the version the station "
        "acknowledged and its last SendLocalList status. Filter by station, list or "
        "whether the station is up to date.",
    )
