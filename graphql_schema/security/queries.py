"""The securityEvents query (A04): arguments to the block's queries, views to GraphQL types."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
from graphql_schema.security.types import CURSOR_KIND, SecurityEventType
from modules.security import SecurityQueries


async def security_events(
    info: Info[Context, Any],
    station_id: strawberry.ID | None = None,
    type: str | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[SecurityEventType]:
    """Security events of one station, or of the fleet when stationId is omitted, newest
    (last received) first."""
    limit, before_id = id_page(CURSOR_KIND, first, after)
    views = await info.context.services.block(SecurityQueries).security_events(
        None if station_id is None else str(station_id), type, limit, before_id
    )
    return [SecurityEventType.of(view) for view in views]


@strawberry.type
class SecurityQuery:
    """Security reads (block A)."""

    security_events: list[SecurityEventType] = strawberry.field(
        resolver=security_events,
        description=(
            "Security events (A04) of one station, or of the fleet when stationId is omitted, "
            "newest first; filter by `type`; page with `first` and `after` (a row's cursor)."
        ),
    )
