"""Fans domain events from the bus out to this node's GraphQL subscribers.

Implements the kernel's live-event port (`modules.kernel.live.EventFeed`): each subscriber says
which station (or the whole fleet) and which event types it wants, and only those are queued
for it, in its bounded drop-oldest queue (`Subscriber`).

On Pub/Sub the local shortcut (app/local_shortcut.py) hands the events this node publishes to
`deliver_own` at once and publishes them tagged with this node's id; their copy coming back
through this node's events subscription is skipped, so each is delivered once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Iterable

from modules.kernel import topics
from modules.kernel.events import Event, from_bytes, origin_tag
from modules.kernel.live import QUEUE_SIZE, Delivery, Subscriber
from modules.kernel.ports import Bus

__all__ = ["EventHub"]

log = logging.getLogger(__name__)


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
        self._own_tag = origin_tag(node_id)
        self.delivered_in_process = 0
        """Events this node published and handed to its subscribers without the bus."""
        self.own_copies_skipped = 0
        """Copies of those events that came back through the bus and were not delivered again."""

    async def start(self) -> None:
        """Create this node's events subscription."""
        await self._bus.subscribe(
            topics.EVENTS, topics.node_events_subscription(self._node_id), self.consume
        )

    async def stop(self) -> None:
        """Remove this node's events subscription."""
        try:
            await self._bus.delete_subscription(topics.node_events_subscription(self._node_id))
        except Exception:
            # the bus is unreachable: the rest of the shutdown goes on, and Pub/Sub deletes
            # the subscription itself once it has had no reader for a day
            log.warning("could not delete subscription of node %s", self._node_id, exc_info=True)

    async def consume(self, data: bytes) -> None:
        """Hand one event from the bus to every matching subscriber, unless this node published
        it and `deliver_own` already did."""
        if data.startswith(self._own_tag):
            self.own_copies_skipped += 1
            return
        self.publish_local(from_bytes(data))

    def deliver_own(self, data: bytes) -> None:
        """Hand one event this node is publishing to every matching subscriber, in process."""
        self.publish_local(from_bytes(data))
        self.delivered_in_process += 1

    def publish_local(self, event: Event) -> None:
        """Deliver `event` to this node's subscribers of its station and of the whole fleet."""
        for subscriber in self._by_station.get(event.station_id, ()):
            subscriber.offer(event)
        for subscriber in self._by_station.get(None, ()):
            subscriber.offer(event)

    def subscribe(
        self, station_id: str | None = None, types: Iterable[str] | None = None
    ) -> Subscriber:
        """Register a subscriber of one station's events (or the fleet's), optionally of
        some types only."""
        wanted = frozenset(types) if types is not None else None
        subscriber = Subscriber(station_id, wanted, self.queue_size)
        self._subscribers.add(subscriber)
        self._by_station.setdefault(station_id, set()).add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Stop delivering to `subscriber`; its losses stay in `dropped_total`."""
        if subscriber not in self._subscribers:
            return
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

    async def deliveries(
        self, station_id: str | None = None, types: Iterable[str] | None = None
    ) -> AsyncGenerator[Delivery, None]:
        """Matching events as they happen, each with the count of older ones dropped before it."""
        subscriber = self.subscribe(station_id, types)
        try:
            while True:
                yield await subscriber.next()
        finally:
            self.unsubscribe(subscriber)

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
