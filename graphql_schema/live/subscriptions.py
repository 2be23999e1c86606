"""The generic live subscription: `stationEvents`, every event type as JSON."""

from __future__ import annotations

import inspect
from collections.abc import AsyncGenerator, Iterable
from datetime import datetime
from typing import Any, Protocol, TypeVar, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.context import Context
from modules.kernel.events import Event

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


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


class LiveView(Protocol[T_co]):
    """A typed view of the events a live subscription delivers."""

    def of(self, event: Event, missed: int = 0) -> T_co:
        """The view of `event`, after `missed` events dropped just before it."""
        ...


def live_field(description: str, types: Iterable[str], view: LiveView[T]) -> Any:
    """A subscription field of the hub's events of `types` of one station (`stationId`; every
    station without it) as they happen, each as `view.of(event, missed)`."""

    async def deliveries(
        root: Any, info: Info[Context, Any], station_id: strawberry.ID | None = None
    ) -> AsyncGenerator[T, None]:
        hub = info.context.services.events
        async for delivery in hub.deliveries(station_filter(station_id), types):
            yield view.of(delivery.event, delivery.missed)

    keyword = inspect.Parameter.KEYWORD_ONLY
    deliveries.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY),
            inspect.Parameter("info", keyword, annotation=Info),
            inspect.Parameter("station_id", keyword, annotation=strawberry.ID | None, default=None),
        ],
        return_annotation=AsyncGenerator[view, None],  # type: ignore[valid-type]
    )
    return strawberry.subscription(resolver=deliveries, description=description)


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
