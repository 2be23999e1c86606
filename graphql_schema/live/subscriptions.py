"""The generic live subscription: `stationEvents`, every event type as JSON."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.context import Context
from modules.kernel.events import Event


@strawberry.type(description="Something that happened at a station.")
class StationEvent:
    """One event: CONNECTED, DISCONNECTED, BOOT, STATUS_CHANGED, ..."""

    type: str
    station_id: strawberry.ID
    occurred_at: datetime
    payload: JSON

    @classmethod
    def from_event(cls, event: Event) -> StationEvent:
        """The event as the generic feed shows it (its payload as on the events topic)."""
        return cls(
            type=event.type,
            station_id=strawberry.ID(event.station_id),
            occurred_at=event.occurred_at,
            payload=cast(JSON, event.payload),
        )


def station_filter(station_id: strawberry.ID | None) -> str | None:
    """The hub's station filter of a subscription's optional `stationId` argument."""
    return str(station_id) if station_id is not None else None


@strawberry.type
class StationEventsSubscription:
    """Live station events."""

    @strawberry.subscription(
        description="Events of one station, or of the whole fleet when stationId is omitted.",
    )
    async def station_events(
        self, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[StationEvent, None]:
        """Every event type (connect, boot, status, transactions, ...) as it happens."""
        async for delivery in info.context.services.events.deliveries(station_filter(station_id)):
            yield StationEvent.from_event(delivery.event)
