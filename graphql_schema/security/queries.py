"""The securityEvents query (A04): arguments to the block's queries, views to GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed
from graphql_schema.common.paging import IdPage
from graphql_schema.security.types import CURSOR_KIND, SecurityEventType
from modules.security import SecurityQueries


@strawberry.type
class SecurityQuery:
    """Security reads (block A)."""

    @feed(
        CURSOR_KIND,
        "Security events (A04) of one station, or of the fleet when stationId is omitted, "
        "newest first; filter by `type`; page with `first` and `after` (a row's cursor).",
    )
    async def security_events(
        self,
        events: SecurityQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
        type: str | None = None,
    ) -> list[SecurityEventType]:
        """Security events of one station, or of the fleet when stationId is omitted, newest
        (last received) first."""
        station = None if station_id is None else str(station_id)
        views = await events.security_events(station, type, page.limit, page.after_id)
        return [SecurityEventType.of(view) for view in views]
