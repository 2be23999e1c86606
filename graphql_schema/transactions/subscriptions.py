"""The live transactionEvents and meterValues subscriptions: typed views of the block's
events. Identical subscriptions share one feed, which recognises both fields by name
(`graphql_schema/live/plan.py`)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.context import Context
from graphql_schema.live.subscriptions import station_filter
from graphql_schema.transactions.types import MeterValuesLiveEvent, TransactionLiveEvent
from modules.transactions import TRANSACTION_EVENT_TYPES, MeterValuesStored


@strawberry.type
class TransactionsSubscription:
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
        async for delivery in hub.deliveries(station_filter(station_id), TRANSACTION_EVENT_TYPES):
            yield TransactionLiveEvent.of(delivery.event, delivery.missed)

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
        async for delivery in hub.deliveries(station_filter(station_id), (MeterValuesStored.TYPE,)):
            yield MeterValuesLiveEvent.of(delivery.event, delivery.missed)
