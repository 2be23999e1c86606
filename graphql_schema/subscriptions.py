"""Subscription resolvers (graphql-transport-ws)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.auth import IsAuthenticated
from graphql_schema.context import Context
from graphql_schema.live_types import MeterValuesLiveEvent, TransactionLiveEvent
from graphql_schema.types import StationEvent
from modules.transactions import events as tx_events


def _station(station_id: strawberry.ID | None) -> str | None:
    return str(station_id) if station_id is not None else None


@strawberry.type
class Subscription:
    """Live station events, transactions and meter values."""

    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description="Events of one station, or of the whole fleet when stationId is omitted.",
    )
    async def station_events(
        self, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[StationEvent, None]:
        """Every event type (connect, boot, status, transactions, ...) as it happens."""
        async for event in info.context.services.events.stream(_station(station_id)):
            yield StationEvent(
                type=event.type,
                station_id=strawberry.ID(event.station_id),
                occurred_at=event.occurred_at,
                payload=cast(JSON, event.payload),
            )

    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description=(
            "Transactions started, updated and ended, of one station or of the whole fleet "
            "when stationId is omitted."
        ),
    )
    async def transaction_events(
        self, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[TransactionLiveEvent, None]:
        """TRANSACTION_STARTED / _UPDATED / _ENDED with the transaction's state after each."""
        hub = info.context.services.events
        async for delivery in hub.deliveries(
            _station(station_id), tx_events.TRANSACTION_EVENT_TYPES
        ):
            yield TransactionLiveEvent.from_delivery(delivery)

    @strawberry.subscription(
        permission_classes=[IsAuthenticated],
        description=(
            "Meter values as they are stored, of one station or of the whole fleet when "
            "stationId is omitted."
        ),
    )
    async def meter_values(
        self, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[MeterValuesLiveEvent, None]:
        """METER_VALUES from MeterValues requests and TransactionEvents carrying meterValue."""
        hub = info.context.services.events
        async for delivery in hub.deliveries(_station(station_id), (tx_events.METER_VALUES,)):
            yield MeterValuesLiveEvent.from_delivery(delivery)
