"""Remote starts (F01/F02) read back with the transaction each led to."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
from graphql_schema.remote_control.types import REMOTE_STARTS_CURSOR, RemoteStartType
from modules.remote_control import RemoteControlQueries


@strawberry.type
class RemoteControlQuery:
    """Block F: remote starts."""

    @strawberry.field(
        description="A station's remote starts, newest first, each with the transaction it "
        "led to (null until the station reports one). status is null until the station "
        "answered, and stays null when it never did (offline, timeout, CALLERROR).",
    )
    async def remote_starts(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID,
        first: int = 100,
        after: str | None = None,
    ) -> list[RemoteStartType]:
        """A page of remote starts; one query for the page, one for its transactions."""
        limit, before = id_page(REMOTE_STARTS_CURSOR, first, after)
        views = await info.context.services.block(RemoteControlQueries).remote_starts(
            str(station_id), limit, before
        )
        return [RemoteStartType.of(view) for view in views]

    @strawberry.field(
        description="One remote start by its remoteStartId, with the transaction it led to.",
    )
    async def remote_start(
        self, info: Info[Context, Any], station_id: strawberry.ID, remote_start_id: int
    ) -> RemoteStartType | None:
        """The remote start, or null when there is none."""
        view = await info.context.services.block(RemoteControlQueries).remote_start(
            str(station_id), remote_start_id
        )
        return None if view is None else RemoteStartType.of(view)
