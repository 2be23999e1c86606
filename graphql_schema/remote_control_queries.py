"""Remote starts (F01/F02) read back with the transaction each led to."""

from __future__ import annotations

import strawberry

from graphql_schema.common.paging import check_first, decode_id_cursor
from graphql_schema.remote_control_types import (
    REMOTE_STARTS_CURSOR,
    RemoteControlInputError,
    RemoteStartType,
)
from infra.db.models import RemoteStart
from modules.remote_control import remote_starts


@strawberry.type
class RemoteControlQuery:
    """Block F: remote starts."""

    @strawberry.field(
        description="A station's remote starts, newest first, each with the transaction it "
        "led to (null until the station reports one). status is null until the station "
        "answered, and stays null when it never did (offline, timeout, CALLERROR).",
    )
    async def remote_starts(
        self, station_id: strawberry.ID, first: int = 100, after: str | None = None
    ) -> list[RemoteStartType]:
        """A page of remote starts; one query for the page, one for its transactions."""
        try:
            limit = check_first(first)
            start = decode_id_cursor(REMOTE_STARTS_CURSOR, after) if after is not None else None
        except ValueError as error:
            raise RemoteControlInputError(str(error)) from None
        query = RemoteStart.filter(station_id=str(station_id))
        if start is not None:
            query = query.filter(id__lt=start)
        rows = await query.order_by("-id").limit(limit)
        linked = await remote_starts.started_transactions(str(station_id), rows)
        return [RemoteStartType.from_model(row, linked.get(row.remote_start_id)) for row in rows]

    @strawberry.field(
        description="One remote start by its remoteStartId, with the transaction it led to.",
    )
    async def remote_start(
        self, station_id: strawberry.ID, remote_start_id: int
    ) -> RemoteStartType | None:
        """The remote start, or null when there is none."""
        row = await RemoteStart.get_or_none(
            station_id=str(station_id), remote_start_id=remote_start_id
        )
        if row is None:
            return None
        linked = await remote_starts.started_transactions(str(station_id), [row])
        return RemoteStartType.from_model(row, linked.get(remote_start_id))
