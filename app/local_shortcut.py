"""The local shortcut (issue 20 item 5): what a node publishes to its own topic (a command for
a station connected here, the station's answer coming back to the node that asked) is handed
to the node's inbox in process instead of crossing Pub/Sub twice. Everything else, and a
delivery the inbox failed, takes the bus.

Events go both ways: a node with an event hub hands each event it publishes to the hub at once
(in the publisher's call, so in publish order) and still publishes it, tagged with the node's
id (`modules.kernel.events.with_origin`), for the other nodes and the shared followers; the
hub skips the tagged copy that comes back through its own subscription. An event the hub
failed to take is published untagged, so that copy brings it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from modules.kernel import topics
from modules.kernel.events import with_origin
from modules.kernel.ports import Bus, MessageHandler

log = logging.getLogger(__name__)

EventSink = Callable[[bytes], None]
"""Takes one event's bytes in process and returns once it is queued for every subscriber."""


class LocalShortcut:
    """A `Bus` that delivers messages for this node's own topic, and the events it publishes to
    its own event hub, in process."""

    def __init__(self, bus: Bus, node_id: str) -> None:
        self._bus = bus
        self._node_id = node_id
        self._own_topic = topics.node_topic(node_id)
        self._local: MessageHandler | None = None
        self._events: EventSink | None = None
        self._deliveries: set[asyncio.Task[None]] = set()
        self._draining = False
        self._closed = False
        self.local_deliveries = 0
        """Messages that did not cross the bus (for tests and metrics)."""

    def deliver_locally(self, handler: MessageHandler) -> None:
        """Hand this node's own messages to `handler` (the node inbox) from now on."""
        self._local = handler

    def deliver_events_locally(self, sink: EventSink) -> None:
        """Hand the events this node publishes to `sink` (the event hub) from now on, besides
        publishing them tagged with this node's id."""
        self._events = sink

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Deliver in process when `topic` is this node's own, otherwise publish; an event is
        also handed to this node's event hub first."""
        if topic == topics.EVENTS:
            await self._publish_event(data, ordering_key)
            return
        if topic != self._own_topic or self._local is None or self._draining:
            await self._bus.publish(topic, data, ordering_key)
            return
        self.local_deliveries += 1
        # like the bus, the publisher does not wait for the handler
        task = asyncio.create_task(self._deliver(self._local, data), name="local-delivery")
        self._deliveries.add(task)
        task.add_done_callback(self._deliveries.discard)

    async def _publish_event(self, data: bytes, ordering_key: str) -> None:
        sink = self._events
        if sink is not None and not self._closed:
            try:
                sink(data)
            except Exception:
                log.warning(
                    "in-process event delivery failed; publishing the event untagged so this "
                    "node's events subscription brings it",
                    exc_info=True,
                )
            else:
                data = with_origin(data, self._node_id)
        await self._bus.publish(topics.EVENTS, data, ordering_key)

    async def _deliver(self, handler: MessageHandler, data: bytes) -> None:
        try:
            await handler(data)
        except Exception:
            # the bus's own path retries: hand the message over to it
            log.warning("local delivery failed; publishing it on the bus instead", exc_info=True)
            await self._bus.publish(self._own_topic, data)

    async def subscribe(self, topic: str, subscription: str, handler: MessageHandler) -> None:
        """As the bus does."""
        await self._bus.subscribe(topic, subscription, handler)

    async def delete_subscription(self, subscription: str) -> None:
        """As the bus does."""
        await self._bus.delete_subscription(subscription)

    async def ping(self) -> bool:
        """As the bus does."""
        return await self._bus.ping()

    async def drain(self, grace: float) -> None:
        """Stop delivering to the inbox locally, give local deliveries under way `grace`
        seconds, then drain the bus. Events still reach the hub in process (handlers finishing
        may publish them, and the hub's bus consumer is stopping)."""
        self._draining = True
        if self._deliveries:
            await asyncio.wait(list(self._deliveries), timeout=grace)
        await self._bus.drain(grace)

    async def close(self) -> None:
        """Cancel what is still under way locally, stop handing events to the hub and close
        the bus."""
        self._draining = True
        self._closed = True
        for task in list(self._deliveries):
            task.cancel()
        await asyncio.gather(*self._deliveries, return_exceptions=True)
        await self._bus.close()
