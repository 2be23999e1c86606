"""Log reads (N01): arguments to the block's queries, records to GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.logs.types import (
    REQUESTS_CURSOR,
    STATUSES_CURSOR,
    LogRequestType,
    LogStatusType,
)
from modules.logs import LogQueries


@strawberry.type
class LogsQuery:
    """Log reads (block N: N01)."""

    @feed(
        REQUESTS_CURSOR,
        "A station's GetLog requests (N01), newest first, each with its LogStatusNotification "
        "timeline and the file the station uploaded; page with `first` and `after`.",
    )
    async def log_requests(
        self, logs: LogQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[LogRequestType]:
        """A page of a station's log requests."""
        records = await logs.requests(str(station_id), page.limit, page.after_id)
        return [LogRequestType.of(record) for record in records]

    @query("One GetLog of a station by its requestId; null when there is none.")
    async def log_request(
        self, logs: LogQueries, station_id: strawberry.ID, request_id: int
    ) -> LogRequestType | None:
        """The request, or null."""
        record = await logs.request(str(station_id), request_id)
        return None if record is None else LogRequestType.of(record)

    @feed(
        STATUSES_CURSOR,
        "A station's LogStatusNotifications, newest first, with or without a requestId (an "
        "Idle after TriggerMessage has none, N01.FR.13); page with `first` and `after`.",
    )
    async def log_status_notifications(
        self, logs: LogQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[LogStatusType]:
        """A page of a station's log statuses."""
        reports = await logs.statuses(str(station_id), page.limit, page.after_id)
        return [LogStatusType.of(report) for report in reports]
