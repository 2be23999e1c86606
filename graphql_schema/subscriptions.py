"""Subscription resolvers of the typed live fields (graphql-transport-ws): transactions and
meter values. The generic `stationEvents` is in graphql_schema/live/subscriptions.py."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.context import Context
from graphql_schema.live_types import MeterValuesLiveEvent, TransactionLiveEvent
from modules.transactions import events as tx_events


def _station(station_id: strawberry.ID | None) -> str | None:
    return str(station_id) if station_id is not None else None


@strawberry.type
class Subscription:
    """Live transactions and meter values."""

    @strawberry.subscription(
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
