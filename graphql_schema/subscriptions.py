"""Subscription resolvers (graphql-transport-ws)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.auth import IsAuthenticated
from graphql_schema.context import Context
from graphql_schema.types import StationEvent


@strawberry.type
class Subscription:
    """Live station events."""

    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="Events of one station, or of the whole fleet when stationId is omitted.",
    )
    async def station_events(
        self, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[StationEvent, None]:
        """Connect, disconnect, boot and status-change events as they happen."""
        wanted = str(station_id) if station_id is not None else None
        async for event in info.context.services.events.stream(wanted):
            yield StationEvent(
                type=event.type,
                station_id=strawberry.ID(event.station_id),
                occurred_at=event.occurred_at,
                payload=cast(JSON, event.payload),
            )
