"""Fans domain events from the bus out to this node's GraphQL subscribers.

Each subscriber says which station (or the whole fleet) and which event types it wants, and
only those are queued for it. Its queue is bounded: a slow dashboard loses its oldest events
(the next one it reads says how many it missed), it never slows the bus consumer or the
stations behind it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from modules.kernel import topics
from modules.kernel.events import Event, from_bytes
from modules.kernel.ports import Bus

log = logging.getLogger(__name__)

QUEUE_SIZE = 1000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Delivery:
    """One event handed to a subscriber, and how many older ones it lost just before it."""

    event: Event
    missed: int = 0
    views: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, kind: str, build: Callable[[Delivery], T]) -> T:
        """`build(self)`, built once per event and `kind` for all the subscribers that missed
        nothing before it; a delivery reporting missed events gets its own."""
        if self.missed:
            return build(self)
        view = self.views.get(kind)
        if view is None:
            view = self.views[kind] = build(self)
        return cast(T, view)


@dataclass(eq=False)
class Subscriber:
    """One live subscription: a station filter, an event-type filter and a bounded queue."""

    station_id: str | None
    types: frozenset[str] | None = None
    queue_size: int = QUEUE_SIZE
    queue: asyncio.Queue[tuple[Event, dict[str, Any]]] = field(init=False)
    dropped: int = 0
    reported: int = 0

    def __post_init__(self) -> None:
        self.queue = asyncio.Queue(maxsize=self.queue_size)

    def wants(self, event: Event) -> bool:
        """Whether `event` passes this subscriber's station and type filters."""
        if self.station_id is not None and event.station_id != self.station_id:
            return False
        return self.types is None or event.type in self.types

    def offer(self, event: Event, views: dict[str, Any] | None = None) -> None:
        """Queue `event` (with the `views` its subscribers share) if it matches; drop the
        oldest when full. Never waits."""
        if not self.wants(event):
            return
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
            if self.dropped == 1:
                log.warning(
                    "a subscriber (station %s, types %s) reads too slowly: dropping its oldest "
                    "events (queue of %d)",
                    self.station_id or "*",
                    ",".join(sorted(self.types)) if self.types else "*",
                    self.queue_size,
                )
        self.queue.put_nowait((event, {} if views is None else views))

    async def next(self) -> Delivery:
        """The oldest queued event (waiting for one), with the count dropped since the last."""
        event, views = await self.queue.get()
        missed, self.reported = self.dropped - self.reported, self.dropped
        return Delivery(event, missed, views)


class EventHub:
    """Subscribes this node to the events topic and feeds local subscribers."""

    def __init__(self, bus: Bus, node_id: str, queue_size: int = QUEUE_SIZE) -> None:
        self._bus = bus
        self._node_id = node_id
        self.queue_size = queue_size
        self._subscribers: set[Subscriber] = set()
        self._by_station: dict[str | None, set[Subscriber]] = {}
        self._dropped_by_closed = 0
        self._shared = 0
        self._dropped_by_shared = 0

    async def start(self) -> None:
        """Create this node's events subscription."""
        await self._bus.subscribe(
            topics.EVENTS, topics.node_events_subscription(self._node_id), self.consume
        )

    async def stop(self) -> None:
        """Remove this node's events subscription."""
        await self._bus.delete_subscription(topics.node_events_subscription(self._node_id))

    async def consume(self, data: bytes) -> None:
        """Hand one event to every matching subscriber."""
        self.publish_local(from_bytes(data))

    def publish_local(self, event: Event) -> None:
        """Deliver `event` to this node's subscribers of its station and of the whole fleet."""
        views: dict[str, Any] = {}
        for subscriber in self._by_station.get(event.station_id, ()):
            subscriber.offer(event, views)
        for subscriber in self._by_station.get(None, ()):
            subscriber.offer(event, views)

    async def deliveries(
        self, station_id: str | None = None, types: Iterable[str] | None = None
    ) -> AsyncGenerator[Delivery, None]:
        """Matching events as they happen, each with the count of older ones dropped before it."""
        wanted = frozenset(types) if types is not None else None
        subscriber = Subscriber(station_id, wanted, self.queue_size)
        self._add(subscriber)
        try:
            while True:
                yield await subscriber.next()
        finally:
            self._remove(subscriber)

    async def stream(
        self, station_id: str | None = None, types: Iterable[str] | None = None
    ) -> AsyncGenerator[Event, None]:
        """Matching events as they happen (optionally one station's, optionally some types)."""
        deliveries = self.deliveries(station_id, types)
        try:
            async for delivery in deliveries:
                yield delivery.event
        finally:
            await deliveries.aclose()

    def _add(self, subscriber: Subscriber) -> None:
        self._subscribers.add(subscriber)
        self._by_station.setdefault(subscriber.station_id, set()).add(subscriber)

    def _remove(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)
        same_station = self._by_station.get(subscriber.station_id)
        if same_station is not None:
            same_station.discard(subscriber)
            if not same_station:
                del self._by_station[subscriber.station_id]
        if subscriber.dropped:
            self._dropped_by_closed += subscriber.dropped
            log.info(
                "a subscriber (station %s) closed after losing %d events to a full queue",
                subscriber.station_id or "*",
                subscriber.dropped,
            )

    def count_shared(self, delta: int) -> None:
        """Note subscriptions served by another one's deliveries (a shared GraphQL feed)."""
        self._shared += delta

    def count_dropped(self, count: int) -> None:
        """Note events lost by a subscription served by another one's deliveries."""
        self._dropped_by_shared += count

    @property
    def dropped_total(self) -> int:
        """Events lost to full queues on this node so far, by live and closed subscribers."""
        live = sum(s.dropped for s in self._subscribers)
        return self._dropped_by_closed + self._dropped_by_shared + live

    @property
    def subscriber_count(self) -> int:
        """How many subscriptions are live on this node (shared ones included)."""
        return len(self._subscribers) + self._shared
