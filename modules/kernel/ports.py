"""Ports: the small interfaces the modules and roles depend on; adapters live in `infra/`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from modules.kernel.commands import CommandSender
from modules.kernel.events import Event

__all__ = ["Bus", "Cache", "CommandSender", "EventPublisher", "MessageHandler", "UnitOfWork"]

MessageHandler = Callable[[bytes], Awaitable[None]]


class Bus(Protocol):
    """A topic/subscription message bus with at-least-once delivery.

    Messages published to a topic reach every subscription of that topic; consumers that
    subscribe under the same subscription name share its messages (competing consumers).
    Messages with the same non-empty ordering key are handed to the handler one at a time, in
    publish order. A message is acknowledged only after its handler returns; a handler that
    raises gets the message again.
    """

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Publish `data` to `topic`; returns once the bus has accepted it."""
        ...

    async def subscribe(self, topic: str, subscription: str, handler: MessageHandler) -> None:
        """Create `subscription` on `topic` if needed and start handing its messages over."""
        ...

    async def delete_subscription(self, subscription: str) -> None:
        """Stop consuming and remove a subscription (a node's own queue at shutdown)."""
        ...

    async def ping(self) -> bool:
        """True when the bus is reachable."""
        ...

    async def drain(self, grace: float) -> None:
        """Shutdown, first step: stop handing messages over; handlers under way get up to
        `grace` seconds and may still publish, and what was not handled goes back to the bus
        for another consumer. Publishing stays open until `close`."""
        ...

    async def close(self) -> None:
        """Drain (if not done yet), refuse new messages and release connections."""
        ...


class Cache(Protocol):
    """A string key/value cache with optional expiry."""

    async def get(self, key: str) -> str | None:
        """The value stored under `key`, or None."""
        ...

    async def set(self, key: str, value: str, ttl: float | None = None) -> None:
        """Store `value` under `key`, expiring after `ttl` seconds when given."""
        ...

    async def delete(self, key: str) -> None:
        """Remove `key` if present."""
        ...

    async def increment(self, key: str, delta: int = 1) -> int:
        """Add `delta` to the integer under `key` (0 when absent) and return the sum, atomically
        for every node sharing the cache."""
        ...

    async def ping(self) -> bool:
        """True when the cache is reachable."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


UnitOfWork = Callable[[], AbstractAsyncContextManager[Any]]
"""Opens one database transaction: `async with unit_of_work(): ...` commits on success and
rolls back on an exception. The Tortoise adapter is `infra.db.unit_of_work.transaction`."""


class EventPublisher(Protocol):
    """Publishes committed domain events on the events topic."""

    async def publish(self, events: list[Event]) -> None:
        """Publish `events` in order."""
        ...
