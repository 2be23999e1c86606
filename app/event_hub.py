"""Fans domain events from the bus out to this node's GraphQL subscribers.

Each subscriber has a bounded queue: a slow dashboard loses its oldest events (and is told how
many), it never slows the bus consumer or the stations behind it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from modules.kernel import topics
from modules.kernel.events import DomainEvent
from modules.kernel.ports import Bus

QUEUE_SIZE = 1000


@dataclass(eq=False)
class Subscriber:
    """One live subscription: an optional station filter and a bounded queue."""

    station_id: str | None
    queue: asyncio.Queue[DomainEvent] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_SIZE)
    )
    dropped: int = 0

    def offer(self, event: DomainEvent) -> None:
        """Queue `event` if it matches; drop the oldest when full."""
        if self.station_id is not None and event.station_id != self.station_id:
            return
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(event)


class EventHub:
    """Subscribes this node to the events topic and feeds local subscribers."""

    def __init__(self, bus: Bus, node_id: str) -> None:
        self._bus = bus
        self._node_id = node_id
        self._subscribers: set[Subscriber] = set()

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
        self.publish_local(DomainEvent.from_bytes(data))

    def publish_local(self, event: DomainEvent) -> None:
        """Deliver `event` to this node's subscribers."""
        for subscriber in list(self._subscribers):
            subscriber.offer(event)

    async def stream(self, station_id: str | None = None) -> AsyncIterator[DomainEvent]:
        """Events as they happen, optionally for one station only."""
        subscriber = Subscriber(station_id)
        self._subscribers.add(subscriber)
        try:
            while True:
                yield await subscriber.queue.get()
        finally:
            self._subscribers.discard(subscriber)

    @property
    def subscriber_count(self) -> int:
        """How many subscriptions are live on this node."""
        return len(self._subscribers)
