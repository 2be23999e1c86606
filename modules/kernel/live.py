"""The live-event port: what GraphQL subscriptions read from this node's event feed.

A subscriber names a station (or the whole fleet) and event types, and gets matching events as
they happen through a bounded drop-oldest queue: a slow reader loses its oldest events and the
next one it reads says how many it missed; it never slows the bus consumer or the stations
behind it. The api role's `EventHub` (app/event_hub.py) implements `EventFeed` on the events
topic; GraphQL depends on this port only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from modules.kernel.events import Event

log = logging.getLogger(__name__)

QUEUE_SIZE = 1000
"""Events a subscriber may have queued before its oldest are dropped."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One event handed to a subscriber, and how many older ones it lost just before it."""

    event: Event
    missed: int = 0


@dataclass(eq=False)
class Subscriber:
    """One live subscription: a station filter, an event-type filter and a bounded queue."""

    station_id: str | None
    types: frozenset[str] | None = None
    queue_size: int = QUEUE_SIZE
    queue: asyncio.Queue[Event] = field(init=False)
    dropped: int = 0
    reported: int = 0

    def __post_init__(self) -> None:
        self.queue = asyncio.Queue(maxsize=self.queue_size)

    def wants(self, event: Event) -> bool:
        """Whether `event` passes this subscriber's station and type filters."""
        if self.station_id is not None and event.station_id != self.station_id:
            return False
        return self.types is None or event.type in self.types

    def offer(self, event: Event) -> None:
        """Queue `event` if it matches; drop the oldest when full. Never waits."""
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
        self.queue.put_nowait(event)

    async def next(self) -> Delivery:
        """The oldest queued event (waiting for one), with the count dropped since the last."""
        event = await self.queue.get()
        missed, self.reported = self.dropped - self.reported, self.dropped
        return Delivery(event, missed)


class EventFeed(Protocol):
    """This node's live events, as GraphQL subscriptions read them."""

    queue_size: int
    """The bound of each subscriber's queue (shared feeds bound their members alike)."""

    def subscribe(
        self, station_id: str | None = None, types: Iterable[str] | None = None
    ) -> Subscriber:
        """Register a subscriber of one station's events (or the fleet's), optionally of
        some types only; it receives events until `unsubscribe`."""
        ...

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Stop delivering to `subscriber` (its losses stay counted)."""
        ...

    def deliveries(
        self, station_id: str | None = None, types: Iterable[str] | None = None
    ) -> AsyncIterator[Delivery]:
        """Matching events as they happen, each with the count of older ones dropped before
        it; subscribed while iterated, unsubscribed when closed."""
        ...

    def count_shared(self, delta: int) -> None:
        """Note subscriptions served by another one's deliveries (a shared GraphQL feed)."""
        ...

    def count_dropped(self, count: int) -> None:
        """Note events lost by a subscription served by another one's deliveries."""
        ...

    @property
    def subscriber_count(self) -> int:
        """How many subscriptions are live on this node (shared ones included)."""
        ...

    @property
    def dropped_total(self) -> int:
        """Events lost to full queues on this node so far."""
        ...
