"""A background follower of the events topic: one subscription shared by every api node (so
one node acts on each event), and at most one background task per station on this node."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Coroutine
from typing import Any

from modules.kernel import topics
from modules.kernel.events import Event, from_bytes
from modules.kernel.ports import Bus


class EventsFollower(ABC):
    """Follows the events topic under `subscription` and runs work per station in the
    background, so each event is acknowledged at once."""

    def __init__(self, bus: Bus, subscription: str) -> None:
        self._bus = bus
        self._subscription = subscription
        self._running: dict[str, asyncio.Task[Any]] = {}

    async def start(self) -> None:
        """Follow the events topic (shared subscription: one node acts on each event)."""
        await self._bus.subscribe(topics.EVENTS, self._subscription, self.consume)

    async def stop(self) -> None:
        """Cancel the work under way (what it was doing is retried by its next trigger)."""
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def consume(self, data: bytes) -> None:
        """Decode one message of the events topic and follow it."""
        self.follow(from_bytes(data))

    @abstractmethod
    def follow(self, event: Event) -> None:
        """Act on one event (start background work with `run_for`, or ignore it)."""

    def is_running(self, station_id: str) -> bool:
        """Whether work for `station_id` is under way on this node."""
        return station_id in self._running

    def run_for(self, station_id: str, work: Coroutine[Any, Any, Any]) -> None:
        """Run `work` for `station_id` in the background (the caller checked `is_running`)."""
        task = asyncio.create_task(work)
        self._running[station_id] = task
        task.add_done_callback(lambda _: self._running.pop(station_id, None))
