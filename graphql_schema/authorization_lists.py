"""Local authorization lists (block D): create lists, put registry tokens on and off them,
assign stations, read the versions stations hold.

Every content change is one new list version; it is announced after commit and the
local-list publisher sends each assigned, online station the difference (offline stations
get it when they come back).
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info
from tortoise.transactions import in_transaction

from graphql_schema.authorization_list_types import (
    ENTRIES_CURSOR,
    LISTS_CURSOR,
    STATIONS_CURSOR,
    IdTokenRefInput,
    LocalAuthListEntryType,
    LocalAuthListType,
    StationLocalListType,
    list_type,
)
from graphql_schema.authorization_services import publisher
from graphql_schema.common.paging import check_first, decode_id_cursor
from graphql_schema.context import Context
from infra.db.models import LocalAuthList, LocalAuthListEntry, Station, StationLocalList
from modules.authorization import local_lists
from modules.authorization.local_lists import LocalListError

MAX_CHANGE = 10_000


def _page(kind: str, first: int, after: str | None) -> tuple[int, int | None]:
    try:
        limit = check_first(first)
        start = decode_id_cursor(kind, after) if after is not None else None
    except ValueError as error:
        raise LocalListError(str(error)) from None
    return limit, start


def _keys(items: list[IdTokenRefInput], name: str) -> list[tuple[str, str]]:
    if len(items) > MAX_CHANGE:
        raise LocalListError(f"{name}: at most {MAX_CHANGE} tokens per change")
    return [(item.id_token, item.type.value) for item in items]


@strawberry.type
class LocalListQuery:
    """Block D: local lists and the versions stations hold."""

    @strawberry.field(description="Local lists by age.")
    async def local_auth_lists(
        self, first: int = 100, after: str | None = None
    ) -> list[LocalAuthListType]:
        """A page of lists."""
        limit, start = _page(LISTS_CURSOR, first, after)
        query = LocalAuthList.all()
        if start is not None:
            query = query.filter(id__gt=start)
        return [await list_type(row) for row in await query.order_by("id").limit(limit)]

    @strawberry.field(description="One local list.")
    async def local_auth_list(self, name: str) -> LocalAuthListType | None:
        """The list called `name`, or null."""
        row = await LocalAuthList.get_or_none(name=name)
        return await list_type(row) if row is not None else None

    @strawberry.field(
        description="The id tokens on a list, in the order they were first put on it.",
    )
    async def local_auth_list_entries(
        self, name: str, first: int = 100, after: str | None = None
    ) -> list[LocalAuthListEntryType]:
        """A page of a list's entries."""
        limit, start = _page(ENTRIES_CURSOR, first, after)
        auth_list = await local_lists.get_list(name)
        query = LocalAuthListEntry.filter(auth_list_id=auth_list.id)
        if start is not None:
            query = query.filter(id__gt=start)
        rows = await query.order_by("id").limit(limit).prefetch_related("id_token")
        return [LocalAuthListEntryType.from_model(row) for row in rows]

    @strawberry.field(
        description="Per station: its list, the list's version, the version the station "
        "acknowledged and its last SendLocalList status. Filter by station, list or "
        "whether the station is up to date.",
    )
    async def station_local_lists(
        self,
        station_id: strawberry.ID | None = None,
        list_name: str | None = None,
        up_to_date: bool | None = None,
        first: int = 100,
        after: str | None = None,
    ) -> list[StationLocalListType]:
        """A page of station assignments, ordered by assignment."""
        limit, start = _page(STATIONS_CURSOR, first, after)
        query = StationLocalList.all()
        if station_id is not None:
            query = query.filter(station_id=str(station_id))
        if list_name is not None:
            query = query.filter(auth_list__name=list_name)
        if start is not None:
            query = query.filter(id__gt=start)
        rows = await query.order_by("id").prefetch_related("auth_list")
        items = [StationLocalListType.from_model(row) for row in rows]
        if up_to_date is not None:
            items = [item for item in items if item.up_to_date is up_to_date]
        return items[:limit]


@strawberry.type
class LocalListMutation:
    """Block D: publishing local lists."""

    @strawberry.mutation(
        description="Create a local list (version 1), optionally with registry tokens on it "
        "(then version 2).",
    )
    async def create_local_auth_list(
        self, name: str, id_tokens: list[IdTokenRefInput] | None = None
    ) -> LocalAuthListType:
        """A new list."""
        async with in_transaction():
            auth_list = await local_lists.create_list(name)
            if id_tokens:
                await local_lists.change_list(auth_list, _keys(id_tokens, "idTokens"), [])
        return await list_type(auth_list)

    @strawberry.mutation(
        description="Put registry tokens on a list (`add`; one already on it is refreshed) "
        "and take tokens off it (`remove`), as one new version that every station using "
        "the list is sent (Differential when it acknowledged an earlier version).",
    )
    async def update_local_auth_list(
        self,
        info: Info[Context, Any],
        name: str,
        add: list[IdTokenRefInput] | None = None,
        remove: list[IdTokenRefInput] | None = None,
    ) -> LocalAuthListType:
        """Change a list's content."""
        async with in_transaction():
            auth_list = await local_lists.get_list(name)
            before = auth_list.version
            await local_lists.change_list(
                auth_list, _keys(add or [], "add"), _keys(remove or [], "remove")
            )
        if auth_list.version != before:
            stations = await local_lists.stations_of([auth_list.id])
            await publisher(info).announce(stations, "Changed", auth_list.name, auth_list.version)
        return await list_type(auth_list)

    @strawberry.mutation(
        description="Delete a list; its stations stop using lists (what they hold stays).",
    )
    async def delete_local_auth_list(self, name: str) -> bool:
        """Delete a list and its assignments."""
        return await LocalAuthList.filter(name=name).delete() > 0

    @strawberry.mutation(
        description="Make a station use a list. A new assignment starts unacknowledged: the "
        "station is sent the whole list (Full) now if online, else when it comes back.",
    )
    async def assign_local_auth_list(
        self, info: Info[Context, Any], station_id: strawberry.ID, list_name: str
    ) -> StationLocalListType:
        """Assign the station to the list."""
        async with in_transaction():
            if not await Station.exists(id=str(station_id)):
                raise LocalListError(f"no station {station_id}")
            auth_list = await local_lists.get_list(list_name)
            assignment = await local_lists.assign_station(str(station_id), auth_list)
        await publisher(info).announce(
            [str(station_id)], "Assigned", auth_list.name, auth_list.version
        )
        await assignment.fetch_related("auth_list")
        return StationLocalListType.from_model(assignment)

    @strawberry.mutation(
        description="Stop sending lists to the station (what it holds stays there; assign "
        "an empty list to clear it). False when it used none.",
    )
    async def unassign_local_auth_list(self, station_id: strawberry.ID) -> bool:
        """Remove the station's assignment."""
        return await local_lists.unassign_station(str(station_id))
