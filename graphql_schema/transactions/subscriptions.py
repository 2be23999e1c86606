"""The live transactionEvents and meterValues subscriptions.

Each hands every subscriber of an event the same root object (unless the subscriber missed
events, which its object reports), so identical subscriptions execute it once
(graphql_schema/live_execution.py); the shared feeds recognise both fields by name
(graphql_schema/live_plan.py).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.types import Info

from graphql_schema.context import Context
from graphql_schema.live_execution import share_results
from graphql_schema.transactions.types import MeterValuesLiveEvent, TransactionLiveEvent
from modules.transactions import TRANSACTION_EVENT_TYPES, MeterValuesStored

if TYPE_CHECKING:
    from app.event_hub import Delivery


def _station(station_id: strawberry.ID | None) -> str | None:
    return str(station_id) if station_id is not None else None


def _transaction_event(delivery: Delivery) -> TransactionLiveEvent:
    return share_results(TransactionLiveEvent.of(delivery.event, delivery.missed))


def _meter_values(delivery: Delivery) -> MeterValuesLiveEvent:
    return share_results(MeterValuesLiveEvent.of(delivery.event, delivery.missed))


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
        async for delivery in hub.deliveries(_station(station_id), TRANSACTION_EVENT_TYPES):
            yield delivery.shared("TransactionLiveEvent", _transaction_event)

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
        async for delivery in hub.deliveries(_station(station_id), (MeterValuesStored.TYPE,)):
            yield delivery.shared("MeterValuesLiveEvent", _meter_values)
