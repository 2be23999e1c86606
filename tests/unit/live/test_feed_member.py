"""A live feed's member (graphql_schema/live/feeds.py): messages in order under its own
operation id, gathered into one write, a bounded queue, and its own losses added to `missed`."""

from __future__ import annotations

import asyncio

import orjson

from app.event_hub import EventHub
from graphql_schema.live.feeds import FeedEnd, FeedMember
from graphql_schema.live.plan import share_plan
from infra.bus.memory import MemoryBus

METER = "subscription { meterValues { lost: missed missed stationId } }"


class Socket:
    """The member's socket: every write, as the list of messages it carried."""

    def __init__(self) -> None:
        self.writes: list[list[dict[str, object]]] = []

    async def send(self, texts: list[str]) -> None:
        self.writes.append([orjson.loads(text) for text in texts])


def body(n: int, missed: int = 0) -> dict[str, object]:
    return {"data": {"meterValues": {"lost": missed, "missed": missed, "stationId": f"CS{n}"}}}


def member(socket: Socket, limit: int = 10) -> tuple[FeedMember, EventHub]:
    plan = share_plan(METER, None, None)
    assert plan is not None
    hub = EventHub(MemoryBus(), "node-a", queue_size=limit)
    return FeedMember("op-7", socket.send, plan, hub, flush_interval=0.01), hub


def offer(feed_member: FeedMember, n: int, missed: int = 0) -> None:
    payload = body(n, missed)
    feed_member.offer(orjson.dumps(payload).decode(), payload)


async def test_messages_queued_together_go_out_in_one_write_in_order() -> None:
    socket = Socket()
    feed_member, _ = member(socket)
    for n in range(3):
        offer(feed_member, n)
    feed_member.finish(FeedEnd.COMPLETED)
    assert await asyncio.wait_for(feed_member.run(), 5) is FeedEnd.COMPLETED
    assert socket.writes == [[{"id": "op-7", "type": "next", "payload": body(n)} for n in range(3)]]


async def test_a_member_that_falls_behind_loses_its_oldest_and_says_how_many() -> None:
    socket = Socket()
    feed_member, hub = member(socket, limit=2)
    for n in range(5):
        offer(feed_member, n, missed=1 if n == 4 else 0)
    assert (feed_member.dropped, hub.dropped_total) == (3, 3)
    feed_member.finish(FeedEnd.FALL_BACK)
    assert await asyncio.wait_for(feed_member.run(), 5) is FeedEnd.FALL_BACK
    (write,) = socket.writes
    # the feed's own loss (1, in the event) plus the member's (3) on the first message after
    assert [m["payload"] for m in write] == [body(3, missed=3), body(4, missed=1)]


async def test_the_member_waits_for_messages_and_sends_each_batch_once() -> None:
    socket = Socket()
    feed_member, _ = member(socket)
    running = asyncio.create_task(feed_member.run())
    offer(feed_member, 1)
    async with asyncio.timeout(5):
        while not socket.writes:  # noqa: ASYNC110 - plain state, not an event
            await asyncio.sleep(0.005)
    offer(feed_member, 2)
    feed_member.finish(FeedEnd.COMPLETED)
    assert await asyncio.wait_for(running, 5) is FeedEnd.COMPLETED
    assert [[m["payload"] for m in write] for write in socket.writes] == [[body(1)], [body(2)]]
