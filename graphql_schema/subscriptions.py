"""Subscription resolvers (graphql-transport-ws).

Each resolver hands every subscriber of an event the same root object (unless the subscriber
missed events, which its object reports), so identical subscriptions execute it once
(graphql_schema/live_execution.py).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from app.event_hub import Delivery
from graphql_schema.context import Context
from graphql_schema.live_execution import share_results
from graphql_schema.types import StationEvent


def _station(station_id: strawberry.ID | None) -> str | None:
    return str(station_id) if station_id is not None else None


def _station_event(delivery: Delivery) -> StationEvent:
    event = delivery.event
    return share_results(
        StationEvent(
            type=event.type,
            station_id=strawberry.ID(event.station_id),
            occurred_at=event.occurred_at,
            payload=cast(JSON, event.payload),
        )
    )


@strawberry.type
class Subscription:
    """Live station events, transactions and meter values."""

    @strawberry.subscription(
        description="Events of one station, or of the whole fleet when stationId is omitted.",
    )
    async def station_events(
        self, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[StationEvent, None]:
        """Every event type (connect, boot, status, transactions, ...) as it happens."""
        async for delivery in info.context.services.events.deliveries(_station(station_id)):
            yield delivery.shared("StationEvent", _station_event)
