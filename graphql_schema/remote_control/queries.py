"""Remote starts (F01/F02) read back with the transaction each led to."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.remote_control.types import REMOTE_STARTS_CURSOR, RemoteStartType
from modules.remote_control import RemoteControlQueries


@strawberry.type
class RemoteControlQuery:
    """Block F: remote starts."""

    @feed(
        REMOTE_STARTS_CURSOR,
        "A station's remote starts, newest first, each with the transaction it "
        "led to (null until the station reports one). status is null until the station "
        "answered, and stays null when it never did (offline, timeout, CALLERROR).",
    )
    async def remote_starts(
        self, starts: RemoteControlQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[RemoteStartType]:
        """A page of remote starts; one query for the page, one for its transactions."""
        views = await starts.remote_starts(str(station_id), page.limit, page.after_id)
        return [RemoteStartType.of(view) for view in views]

    @query("One remote start by its remoteStartId, with the transaction it led to.")
    async def remote_start(
        self, starts: RemoteControlQueries, station_id: strawberry.ID, remote_start_id: int
    ) -> RemoteStartType | None:
        """The remote start, or null when there is none."""
        view = await starts.remote_start(str(station_id), remote_start_id)
        return None if view is None else RemoteStartType.of(view)
