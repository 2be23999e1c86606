"""In-process bus: the default on one machine and the in-memory twin of the Pub/Sub adapter."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from modules.kernel.ports import MessageHandler

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@dataclass
class _Subscription:
    handlers: list[MessageHandler] = field(default_factory=list)
    next_handler: int = 0
    backlog: deque[tuple[bytes, str]] = field(default_factory=deque)
    key_queues: dict[str, deque[bytes]] = field(default_factory=dict)
    # The loop the handlers subscribed on. `asyncio.create_task` looks the running loop up
    # each time, and that lookup makes a getpid() system call: at tens of thousands of
    # deliveries a second it cost a tenth of a node's main thread.
    loop: asyncio.AbstractEventLoop | None = None

    def pick(self) -> MessageHandler:
        handler = self.handlers[self.next_handler % len(self.handlers)]
        self.next_handler += 1
        return handler


class MemoryBus:
    """Topics and subscriptions inside one process, with the Pub/Sub delivery contract."""

    def __init__(self) -> None:
        self._topics: dict[str, set[str]] = {}
        self._subscriptions: dict[str, _Subscription] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Deliver to every subscription of `topic` (dropped if it has none, as on Pub/Sub)."""
        if self._closed:
            raise RuntimeError("bus is closed")
        for name in self._topics.get(topic, ()):
            self._enqueue(self._subscriptions[name], data, ordering_key)

    async def subscribe(self, topic: str, subscription: str, handler: MessageHandler) -> None:
        """Attach `handler` to `subscription`, creating it (and the topic) if needed."""
        self._topics.setdefault(topic, set()).add(subscription)
        sub = self._subscriptions.setdefault(subscription, _Subscription())
        sub.handlers.append(handler)
        sub.loop = asyncio.get_running_loop()
        while sub.backlog:
            data, key = sub.backlog.popleft()
            self._enqueue(sub, data, key)

    async def delete_subscription(self, subscription: str) -> None:
        """Remove a subscription; its undelivered messages are dropped."""
        self._subscriptions.pop(subscription, None)
        for names in self._topics.values():
            names.discard(subscription)

    async def ping(self) -> bool:
        """Always reachable while open."""
        return not self._closed

    async def close(self, grace: float = 5.0) -> None:
        """Let in-flight deliveries and what they publish finish (`grace` s), then refuse
        new messages and cancel the rest."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        # in-flight handlers may still publish follow-ups (replies, events): let them, too
        while self._tasks and loop.time() < deadline:
            await asyncio.wait(list(self._tasks), timeout=deadline - loop.time())
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _enqueue(self, sub: _Subscription, data: bytes, key: str) -> None:
        if not sub.handlers:
            sub.backlog.append((data, key))
            return
        if not key:
            self._spawn(sub, self._deliver(sub, data))
            return
        queue = sub.key_queues.get(key)
        if queue is not None:
            queue.append(data)
            return
        sub.key_queues[key] = deque([data])
        self._spawn(sub, self._drain(sub, key))

    def _spawn(self, sub: _Subscription, coro: Coroutine[Any, Any, None]) -> None:
        loop = sub.loop or asyncio.get_running_loop()
        task = loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _drain(self, sub: _Subscription, key: str) -> None:
        queue = sub.key_queues[key]
        try:
            while queue:
                await self._deliver(sub, queue[0])
                queue.popleft()
        finally:
            sub.key_queues.pop(key, None)

    async def _deliver(self, sub: _Subscription, data: bytes) -> None:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                await sub.pick()(data)
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("bus handler failed (attempt %d of %d)", attempt, MAX_ATTEMPTS)
                await asyncio.sleep(0.01 * attempt)
        log.error("bus message dropped after %d attempts", MAX_ATTEMPTS)
