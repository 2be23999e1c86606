"""The worker role: consumes station CALLs from the bus, answers them, publishes events."""

from __future__ import annotations

import logging
import time

from app.metrics import LatencyHistogram
from modules.kernel import topics
from modules.kernel.dispatcher import Dispatcher
from modules.kernel.envelope import Envelope, Kind
from modules.kernel.events import Event
from modules.kernel.ports import Bus, Cache

log = logging.getLogger(__name__)

REPLY_MEMORY_SECONDS = 600.0


class Worker:
    """Bus consumer around the dispatcher; at-least-once delivery made idempotent.

    With `remember_replies` (a bus that redelivers, like Pub/Sub), a redelivered CALL (same
    connection, same message id) gets the reply stored the first time instead of running its
    handler twice. The in-process bus never redelivers an answered call, so it needs none.
    """

    def __init__(
        self, bus: Bus, cache: Cache, dispatcher: Dispatcher, remember_replies: bool
    ) -> None:
        self._bus = bus
        self._cache = cache
        self._dispatcher = dispatcher
        self._remember_replies = remember_replies
        self.latency = LatencyHistogram()

    async def start(self) -> None:
        """Join the shared workers' subscription."""
        await self._bus.subscribe(topics.STATION_CALLS, topics.STATION_CALLS_WORKERS, self.consume)

    async def consume(self, data: bytes) -> None:
        """Handle one envelope from the station-calls topic."""
        envelope = Envelope.from_bytes(data)
        if envelope.kind is Kind.STATION_CALL:
            await self._answer(envelope)
        elif envelope.kind in (Kind.CONNECTED, Kind.DISCONNECTED):
            await self._publish_events(await self._dispatcher.handle_lifecycle(envelope))
        else:
            log.warning("unexpected envelope kind %s on station calls", envelope.kind)

    async def _answer(self, envelope: Envelope) -> None:
        key = ""
        if self._remember_replies:
            key = f"reply:{envelope.connection_id}:{envelope.message_id}"
            remembered = await self._cache.get(key)
            if remembered is not None:
                await self._bus.publish(topics.node_topic(envelope.reply_to), remembered.encode())
                return
        started = time.perf_counter()
        reply, events = await self._dispatcher.handle_call(envelope)
        self.latency.observe(envelope.action, time.perf_counter() - started)
        data = reply.to_bytes()
        if self._remember_replies:
            await self._cache.set(key, data.decode(), ttl=REPLY_MEMORY_SECONDS)
        await self._bus.publish(topics.node_topic(envelope.reply_to), data)
        await self._publish_events(events)

    async def _publish_events(self, events: list[Event]) -> None:
        for event in events:
            await self._bus.publish(topics.EVENTS, event.to_bytes(), ordering_key=event.station_id)
