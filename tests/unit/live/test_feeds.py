"""Identical live subscriptions share one feed (graphql_schema/live/feeds.py), in process: each
event is executed once for every member, no member loses an event it keeps up with, and a member
that falls behind alone has its own `missed`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import orjson
import pytest
from graphql import OperationType
from graphql.execution.executor import Executor

from app.event_hub import EventHub
from graphql_schema.live.feeds import FeedEnd, LiveFeeds
from graphql_schema.live.plan import SharePlan, share_plan
from graphql_schema.schema import schema
from infra.bus.memory import MemoryBus
from tests.unit.live.helpers import WAIT, hub_context, meter_event
from tests.unit.polling import eventually

METER = "subscription { meterValues { stationId lost: missed samples { value } } }"
METER_FRAGMENT = """
subscription { meterValues { ...Row } }
fragment Row on MeterValuesLiveEvent {
  stationId ... on MeterValuesLiveEvent { lost: missed } samples { value }
}
"""
QUERIES = pytest.mark.parametrize("query", [METER, METER_FRAGMENT], ids=["fields", "fragments"])
EVENTS = 40


@pytest.fixture
async def hub() -> AsyncIterator[EventHub]:
    bus = MemoryBus()
    yield EventHub(bus, "node-a", queue_size=3)
    await bus.close()


@pytest.fixture
def executions(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The root values of every graphql-core execution of a subscription event."""
    roots: list[Any] = []
    original = Executor.execute_operation

    def counted(self: Executor[Any], serially: bool | None = None) -> Any:
        if self.operation.operation is OperationType.SUBSCRIPTION:
            roots.append(self.root_value)
        return original(self, serially)

    monkeypatch.setattr(Executor, "execute_operation", counted)
    return roots


class Member:
    """One subscriber's socket: the `next` payloads it was sent, optionally held up."""

    def __init__(self, operation_id: str, gate: asyncio.Event | None = None) -> None:
        self.operation_id = operation_id
        self.gate = gate
        self.received: list[dict[str, Any]] = []

    async def send(self, texts: list[str]) -> None:
        if self.gate is not None:
            await self.gate.wait()
        for text in texts:
            message = orjson.loads(text)
            assert (message["id"], message["type"]) == (self.operation_id, "next")
            self.received.append(message["payload"]["data"]["meterValues"])

    @property
    def values(self) -> list[int]:
        return [event["samples"][0]["value"] for event in self.received]

    @property
    def missed(self) -> int:
        return sum(event["lost"] for event in self.received)


def serve(
    feeds: LiveFeeds, plan: SharePlan, member: Member, hub: EventHub, query: str
) -> asyncio.Task[Any]:
    """Run `member` on the feed of `plan` (started with the real schema if there is none)."""

    async def open_stream() -> Any:
        return await schema.stream(query, context_value=hub_context(hub))

    return asyncio.create_task(feeds.serve(plan, member.operation_id, member.send, open_stream))


async def stop(tasks: list[asyncio.Task[Any]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@QUERIES
async def test_every_member_gets_every_event_from_one_execution_each(
    hub: EventHub, executions: list[Any], query: str
) -> None:
    plan = share_plan(query, None, None)
    assert plan is not None
    feeds = LiveFeeds(hub, flush_interval=0)
    members = [Member(f"op-{n}") for n in range(4)]
    tasks = [serve(feeds, plan, member, hub, query) for member in members]
    await eventually(lambda: hub.subscriber_count == len(members))
    assert feeds.count == 1

    for number in range(EVENTS):
        hub.publish_local(meter_event(number))
        await eventually(lambda: all(len(m.received) > number for m in members))  # noqa: B023

    for member in members:
        assert (member.values, member.missed) == (list(range(EVENTS)), 0)
    assert len(executions) == EVENTS  # once per event, not once per member
    await stop(tasks)
    assert (feeds.count, hub.subscriber_count, hub.dropped_total) == (0, 0, 0)


@QUERIES
async def test_a_member_that_falls_behind_alone_is_told_what_it_missed(
    hub: EventHub, query: str
) -> None:
    plan = share_plan(query, None, None)
    assert plan is not None
    feeds = LiveFeeds(hub, flush_interval=0)
    gate = asyncio.Event()
    fast, slow = Member("fast"), Member("slow", gate)
    tasks = [serve(feeds, plan, fast, hub, query), serve(feeds, plan, slow, hub, query)]
    await eventually(lambda: hub.subscriber_count == 2)

    for number in range(EVENTS):  # the slow socket is held: its queue (3) overflows
        hub.publish_local(meter_event(number))
        await eventually(lambda: len(fast.received) > number)  # noqa: B023
    gate.set()
    await eventually(lambda: bool(slow.values) and slow.values[-1] == EVENTS - 1)

    assert (fast.values, fast.missed) == (list(range(EVENTS)), 0)
    assert slow.values == sorted(slow.values)
    assert slow.missed > 0
    assert len(slow.values) + slow.missed == EVENTS  # nothing lost without being counted
    assert hub.dropped_total == slow.missed
    await stop(tasks)


async def test_a_feed_whose_stream_does_not_execute_sends_its_members_back(
    hub: EventHub,
) -> None:
    plan = share_plan("subscription { meterValues { noSuchField } }", None, None)
    assert plan is not None
    feeds = LiveFeeds(hub, flush_interval=0)
    member = Member("op-1")

    async def open_stream() -> Any:
        return await schema.stream("subscription { meterValues { noSuchField } }")

    end = await asyncio.wait_for(feeds.serve(plan, "op-1", member.send, open_stream), WAIT)

    assert end is FeedEnd.FALL_BACK
    assert (member.received, feeds.count, hub.subscriber_count) == ([], 0, 0)
