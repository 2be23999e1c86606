"""In-process bus: the default on one machine and the in-memory twin of the Pub/Sub adapter.

Each subscription has a pool of delivery tasks that grows on demand up to `MAX_CONCURRENT`
(the Pub/Sub consumer's `MAX_OUTSTANDING`) and then stays: an idle task waits on a future
and a new message wakes it. Waking a waiting task costs half of creating one, and the bus
carries two messages per station CALL. Beyond the cap, messages wait in the subscription's
queue, as they wait on the Pub/Sub server when the consumer has no room.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from dataclasses import dataclass, field

from modules.kernel.ports import MessageHandler

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
MAX_CONCURRENT = 1000
CLOSE_GRACE = 5.0
"""Seconds `close` gives deliveries under way."""


@dataclass
class _Subscription:
    loop: asyncio.AbstractEventLoop
    handlers: list[MessageHandler] = field(default_factory=list)
    next_handler: int = 0
    backlog: deque[tuple[bytes, str]] = field(default_factory=deque)
    # What the delivery tasks take next: (key, b"") drains that key's queue, ("", data) is a
    # message without a key.
    ready: deque[tuple[str, bytes]] = field(default_factory=deque)
    key_queues: dict[str, deque[bytes]] = field(default_factory=dict)
    idle: deque[asyncio.Future[None]] = field(default_factory=deque)
    workers: int = 0
    deleted: bool = False

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
        self._in_flight = 0  # messages queued for a delivery task or being handled
        self._quiet: asyncio.Event | None = None  # set when nothing is in flight, while closing
        self._drained = False  # no more deliveries: what is published now is dropped
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
        sub = self._subscriptions.get(subscription)
        if sub is None:
            sub = self._subscriptions[subscription] = _Subscription(asyncio.get_running_loop())
        sub.handlers.append(handler)
        while sub.backlog:
            data, key = sub.backlog.popleft()
            self._enqueue(sub, data, key)

    async def delete_subscription(self, subscription: str) -> None:
        """Remove a subscription; its undelivered messages are dropped."""
        sub = self._subscriptions.pop(subscription, None)
        for names in self._topics.values():
            names.discard(subscription)
        if sub is None:
            return
        sub.deleted = True
        # a key's messages are counted in its queue, not in its entry in `ready`
        dropped = sum(1 for key, _ in sub.ready if not key)
        self._settled(dropped + sum(len(queue) for queue in sub.key_queues.values()))
        sub.ready.clear()
        for queue in sub.key_queues.values():
            queue.clear()
        while self._wake_one(sub):  # idle delivery tasks see `deleted` and end
            pass

    async def ping(self) -> bool:
        """Always reachable while open."""
        return not self._closed

    async def drain(self, grace: float = CLOSE_GRACE) -> None:
        """Let queued and in-flight deliveries and what they publish finish (`grace` s), then
        cancel the rest; from then on published messages are dropped (the process is
        stopping: there is nobody to hand them back to)."""
        if self._drained:
            return
        # in-flight handlers may still publish follow-ups (replies, events): let them, too
        self._quiet = asyncio.Event()
        if self._in_flight > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._quiet.wait(), grace)
        self._drained = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        """Drain (CLOSE_GRACE s, if not done yet), then refuse new messages."""
        await self.drain(CLOSE_GRACE)
        self._closed = True

    def _enqueue(self, sub: _Subscription, data: bytes, key: str) -> None:
        if self._drained:
            return
        if not sub.handlers:
            sub.backlog.append((data, key))
            return
        self._in_flight += 1
        if key:
            queue = sub.key_queues.get(key)
            if queue is not None:  # a delivery task is draining this key: it takes it next
                queue.append(data)
                return
            sub.key_queues[key] = deque([data])
            sub.ready.append((key, b""))
        else:
            sub.ready.append(("", data))
        if not self._wake_one(sub) and sub.workers < MAX_CONCURRENT:
            self._add_worker(sub)

    @staticmethod
    def _wake_one(sub: _Subscription) -> bool:
        """Wake one idle delivery task; False when none is waiting."""
        while sub.idle:
            waiter = sub.idle.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return True
        return False

    def _add_worker(self, sub: _Subscription) -> None:
        sub.workers += 1
        task = sub.loop.create_task(self._work(sub))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _settled(self, messages: int) -> None:
        self._in_flight -= messages
        if self._in_flight <= 0 and self._quiet is not None:
            self._quiet.set()

    async def _work(self, sub: _Subscription) -> None:
        try:
            while not sub.deleted:
                while sub.ready:
                    key, data = sub.ready.popleft()
                    if key:
                        await self._drain(sub, key)
                    else:
                        await self._deliver(sub, data)
                        self._settled(1)
                waiter = sub.loop.create_future()
                sub.idle.append(waiter)
                await waiter
        finally:
            sub.workers -= 1
            if sub.ready and not sub.deleted and not self._drained:
                self._add_worker(sub)  # a handler raised CancelledError on its own

    async def _drain(self, sub: _Subscription, key: str) -> None:
        queue = sub.key_queues[key]
        try:
            while queue:
                await self._deliver(sub, queue[0])
                if queue:  # emptied meanwhile if the subscription was deleted
                    queue.popleft()
                    self._settled(1)
        finally:
            if sub.key_queues.get(key) is queue:
                del sub.key_queues[key]

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
