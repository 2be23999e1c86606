"""One delivery stream for all the subscribers of the same live subscription.

Ten dashboards showing the whole fleet send the same subscription, and each event used to go
through GraphQL once per dashboard: the event hub's queue, the subscription resolver, graphql-
core's mapping, strawberry's result pipeline and JSON encoding, for every subscriber. A feed
runs that pipeline once per event for all its members and encodes the payload once; what is
left per member is a bounded queue of encoded payloads and its socket write.

A feed is keyed by its plan (graphql_schema/live/plan.py) and starts with its first member,
executing the subscription with that member's context (the live fields read nothing from it
but the node's event hub). It ends when its last member leaves. Each member's queue is bounded
like an event-hub subscriber's: a member that reads too slowly loses its oldest messages, and
the next one it gets says how many (its `missed` fields are raised by that count). When the
subscription does not execute (validation errors, an unexpected failure of the stream), every
member falls back to running it on its own, the ordinary way, with the ordinary errors.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Hashable
from typing import Any

import orjson
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from graphql_schema.live.plan import SharePlan
from modules.kernel.live import EventFeed

log = logging.getLogger(__name__)

StreamOpener = Callable[[], Awaitable[AsyncGenerator[Any, None] | ExecutionResult]]
"""Starts the subscription's result stream (strawberry's `schema.stream`)."""

SendTexts = Callable[[list[str]], Awaitable[None]]
"""Sends text messages, in order, on a member's socket."""

FLUSH_INTERVAL = 0.05
"""Seconds a member gathers messages before writing them together (`CSMS_SUBSCRIPTION_FLUSH_MS`):
a fleet dashboard gets hundreds a second, and each separate socket write costs about as much as
all the rest of its delivery."""


class FeedEnd(enum.Enum):
    """Why a member stopped receiving from its feed."""

    COMPLETED = "completed"
    FALL_BACK = "fall back"


class FeedMember:
    """One subscriber of a feed: its operation id, its queue (bounded like the hub's) and its
    socket."""

    def __init__(
        self,
        operation_id: str,
        send: SendTexts,
        plan: SharePlan,
        hub: EventFeed,
        flush_interval: float = FLUSH_INTERVAL,
    ) -> None:
        self._hub = hub
        self._limit = hub.queue_size
        self._flush_interval = flush_interval
        self._prefix = '{"id":' + orjson.dumps(operation_id).decode() + ',"type":"next","payload":'
        self._send = send
        self._plan = plan
        self._pending: deque[tuple[str, dict[str, Any]]] = deque()
        self._wake = asyncio.Event()
        self.end: FeedEnd | None = None
        self.dropped = 0
        self._reported = 0

    def offer(self, payload: str, body: dict[str, Any]) -> None:
        """Queue one encoded payload (and the payload it encodes); drop the oldest when full."""
        if len(self._pending) >= self._limit:
            self._pending.popleft()
            self.dropped += 1
            self._hub.count_dropped(1)
            if self.dropped == 1:
                log.warning(
                    "a shared subscriber (%s) reads too slowly: dropping its oldest events "
                    "(queue of %d)",
                    self._plan.root_key,
                    self._limit,
                )
        self._pending.append((payload, body))
        self._wake.set()

    def finish(self, end: FeedEnd) -> None:
        """Stop after what is queued has been sent."""
        self.end = end
        self._wake.set()

    async def run(self) -> FeedEnd:
        """Send queued messages until the feed ends for this member."""
        while True:
            await self._wake.wait()
            if self.end is None and self._flush_interval > 0:
                await asyncio.sleep(self._flush_interval)
            self._wake.clear()
            while self._pending:
                await self._send(self._take_all())
            if self.end is not None:
                return self.end

    def _take_all(self) -> list[str]:
        """Every queued message, encoded, the first after a loss saying how many were lost."""
        messages = []
        while self._pending:
            payload, body = self._pending.popleft()
            if self.dropped != self._reported:
                payload = self._with_missed(body, self.dropped - self._reported)
                self._reported = self.dropped
            messages.append(self._prefix + payload + "}")
        return messages

    def _with_missed(self, body: dict[str, Any], missed: int) -> str:
        """The payload with this member's own losses added to its `missed` fields."""
        data = body.get("data")
        root = data.get(self._plan.root_key) if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(root, dict) or not self._plan.missed_keys:
            return orjson.dumps(body).decode()
        patched = dict(root)
        for key in self._plan.missed_keys:
            patched[key] = int(patched.get(key) or 0) + missed
        return orjson.dumps({**body, "data": {**data, self._plan.root_key: patched}}).decode()


class LiveFeed:
    """One execution of a subscription, delivered to every member."""

    def __init__(self, feeds: LiveFeeds, plan: SharePlan, open_stream: StreamOpener) -> None:
        self._feeds = feeds
        self.plan = plan
        self.members: set[FeedMember] = set()
        self.task = asyncio.create_task(self._run(open_stream))

    async def _run(self, open_stream: StreamOpener) -> None:
        end = FeedEnd.FALL_BACK
        try:
            end = await self._deliver(await open_stream())
        except Exception:
            log.exception("a shared subscription stream failed; its subscribers run on their own")
        finally:
            self._feeds.forget(self)
            for member in self.members:
                member.finish(end)

    async def _deliver(self, stream: AsyncGenerator[Any, None] | ExecutionResult) -> FeedEnd:
        if not isinstance(stream, AsyncIterator):
            return FeedEnd.FALL_BACK
        async with contextlib.aclosing(stream):
            async for result in stream:
                if isinstance(result, PreExecutionError) or not isinstance(result, ExecutionResult):
                    return FeedEnd.FALL_BACK
                body = _next_payload(result)
                payload = orjson.dumps(body).decode()
                for member in self.members:
                    member.offer(payload, body)
        return FeedEnd.COMPLETED


class LiveFeeds:
    """The feeds of one node, by plan key; counted in the event hub's subscriptions."""

    def __init__(self, hub: EventFeed, flush_interval: float = FLUSH_INTERVAL) -> None:
        self._hub = hub
        self._flush_interval = flush_interval
        self._feeds: dict[Hashable, LiveFeed] = {}

    async def serve(
        self, plan: SharePlan, operation_id: str, send: SendTexts, open_stream: StreamOpener
    ) -> FeedEnd:
        """Deliver the feed of `plan` (started with `open_stream` if there is none) to one
        subscriber until it ends; the caller's cancellation removes the subscriber."""
        member = FeedMember(operation_id, send, plan, self._hub, self._flush_interval)
        feed = self._feeds.get(plan.key)
        if feed is None:
            feed = self._feeds[plan.key] = LiveFeed(self, plan, open_stream)
        if feed.members:
            self._hub.count_shared(1)  # the feed's own hub subscription counts the first
        feed.members.add(member)
        try:
            return await member.run()
        finally:
            self._leave(feed, member)

    def forget(self, feed: LiveFeed) -> None:
        """Stop handing `feed` to new subscribers (it has ended)."""
        if self._feeds.get(feed.plan.key) is feed:
            del self._feeds[feed.plan.key]

    def _leave(self, feed: LiveFeed, member: FeedMember) -> None:
        feed.members.discard(member)
        if feed.members:
            self._hub.count_shared(-1)
        if member.dropped:
            log.info("a shared subscriber closed after losing %d events", member.dropped)
        if not feed.members:
            self.forget(feed)
            feed.task.cancel()

    @property
    def count(self) -> int:
        """How many feeds are live."""
        return len(self._feeds)


def _next_payload(result: ExecutionResult) -> dict[str, Any]:
    """What strawberry's graphql-transport-ws `next` message carries for `result`."""
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    if result.extensions:
        body["extensions"] = result.extensions
    return body
