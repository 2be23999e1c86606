"""The event hub's type filter and its report of dropped events (typed live subscriptions)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import UTC, datetime
from typing import cast

import pytest

from app.event_hub import Delivery, EventHub, Subscriber
from infra.bus.memory import MemoryBus
from modules.kernel import topics
from modules.kernel.events import Event, from_payload
from modules.transactions import (
    TRANSACTION_EVENT_TYPES,
    MeterValuesStored,
    TransactionEnded,
    TransactionStarted,
    TransactionUpdated,
)

WAIT = 5.0
"""Only a guard against hanging: every wait ends as soon as its result is there."""

AT = datetime(2026, 1, 1, tzinfo=UTC)
TX = TRANSACTION_EVENT_TYPES
METER = (MeterValuesStored.TYPE,)

Deliveries = AsyncGenerator[Delivery, None]


def event(station_id: str, kind: str, number: int = 0) -> Event:
    return from_payload(kind, station_id, AT, {"n": number})


@pytest.fixture
async def hub() -> AsyncIterator[EventHub]:
    bus = MemoryBus()
    hub = EventHub(bus, "node-a", queue_size=4)
    await hub.start()
    yield hub
    await hub.stop()
    await bus.close()


async def subscribe(
    hub: EventHub, station_id: str | None, types: tuple[str, ...] | None
) -> tuple[Deliveries, asyncio.Task[Delivery]]:
    """A started subscription: its first read is under way, so it is registered."""
    stream = hub.deliveries(station_id, types)
    before = hub.subscriber_count
    first = asyncio.ensure_future(anext(stream))
    async with asyncio.timeout(WAIT):
        while hub.subscriber_count == before:  # noqa: ASYNC110 - plain state, not an event
            await asyncio.sleep(0.001)
    return stream, first


async def read(stream: Deliveries) -> Delivery:
    return await asyncio.wait_for(anext(stream), WAIT)


# --- type filter -------------------------------------------------------------------------------


async def test_a_typed_subscriber_gets_only_its_event_types(hub: EventHub) -> None:
    stream, first = await subscribe(hub, None, METER)

    hub.publish_local(event("CS1", TransactionStarted.TYPE, 1))
    hub.publish_local(event("CS1", "STATUS_CHANGED", 2))
    hub.publish_local(event("CS1", MeterValuesStored.TYPE, 3))
    hub.publish_local(event("CS2", MeterValuesStored.TYPE, 4))

    assert (await asyncio.wait_for(first, WAIT)).event == event("CS1", MeterValuesStored.TYPE, 3)
    assert (await read(stream)).event == event("CS2", MeterValuesStored.TYPE, 4)
    first.cancel()
    await stream.aclose()


async def test_station_and_type_filters_combine(hub: EventHub) -> None:
    stream, first = await subscribe(hub, "CS1", TX)

    hub.publish_local(event("CS2", TransactionStarted.TYPE, 1))
    hub.publish_local(event("CS1", MeterValuesStored.TYPE, 2))
    hub.publish_local(event("CS1", TransactionStarted.TYPE, 3))
    hub.publish_local(event("CS1", TransactionUpdated.TYPE, 4))
    hub.publish_local(event("CS1", TransactionEnded.TYPE, 5))

    received = [(await asyncio.wait_for(first, WAIT)).event]
    received += [(await read(stream)).event for _ in range(2)]
    assert [e.payload["n"] for e in received] == [3, 4, 5]
    await stream.aclose()


async def test_without_a_type_filter_every_type_is_queued(hub: EventHub) -> None:
    stream, first = await subscribe(hub, "CS1", None)

    hub.publish_local(event("CS1", MeterValuesStored.TYPE, 1))
    hub.publish_local(event("CS1", "BOOT", 2))

    assert (await asyncio.wait_for(first, WAIT)).event.type == MeterValuesStored.TYPE
    assert (await read(stream)).event.type == "BOOT"
    await stream.aclose()


async def test_the_stream_of_events_also_filters_by_type(hub: EventHub) -> None:
    stream = hub.stream("CS1", METER)
    pending = asyncio.ensure_future(anext(stream))
    async with asyncio.timeout(WAIT):
        while hub.subscriber_count == 0:  # noqa: ASYNC110 - plain state, not an event
            await asyncio.sleep(0.001)

    hub.publish_local(event("CS1", "BOOT", 1))
    hub.publish_local(event("CS1", MeterValuesStored.TYPE, 2))

    assert await asyncio.wait_for(pending, WAIT) == event("CS1", MeterValuesStored.TYPE, 2)
    await stream.aclose()
    assert hub.subscriber_count == 0


def test_unwanted_types_take_no_room_in_the_queue() -> None:
    subscriber = Subscriber(None, frozenset(METER), queue_size=2)

    for number in range(10):
        subscriber.offer(event("CS1", TransactionUpdated.TYPE, number))
    subscriber.offer(event("CS1", MeterValuesStored.TYPE, 99))

    assert subscriber.dropped == 0
    assert subscriber.queue.qsize() == 1


async def test_events_from_the_bus_are_filtered_by_type(hub: EventHub) -> None:
    stream, first = await subscribe(hub, "CS1", TX)
    bus = cast(MemoryBus, hub._bus)

    await bus.publish(topics.EVENTS, event("CS1", "BOOT", 1).to_bytes())
    await bus.publish(topics.EVENTS, event("CS1", TransactionEnded.TYPE, 2).to_bytes())

    assert (await asyncio.wait_for(first, WAIT)).event == event("CS1", TransactionEnded.TYPE, 2)
    await stream.aclose()


# --- dropped events are reported ---------------------------------------------------------------


async def test_the_first_event_after_an_overflow_says_how_many_were_missed() -> None:
    subscriber = Subscriber("CS1", frozenset(METER), queue_size=3)

    for number in range(8):  # nobody reads: 5 of the oldest are dropped
        subscriber.offer(event("CS1", MeterValuesStored.TYPE, number))

    first = await subscriber.next()
    assert (first.event.payload["n"], first.missed) == (5, 5)
    rest = [await subscriber.next() for _ in range(2)]
    assert [(d.event.payload["n"], d.missed) for d in rest] == [(6, 0), (7, 0)]

    for number in range(8, 13):  # a second burst: 2 more dropped
        subscriber.offer(event("CS1", MeterValuesStored.TYPE, number))
    again = await subscriber.next()
    assert (again.event.payload["n"], again.missed) == (10, 2)
    assert subscriber.dropped == 7


async def test_a_never_reading_subscriber_does_not_hold_back_the_hub(hub: EventHub) -> None:
    idle, idle_first = await subscribe(hub, None, METER)
    reader, reader_first = await subscribe(hub, "CS1", METER)

    for number in range(50):
        hub.publish_local(event("CS1", MeterValuesStored.TYPE, number))
        received = await asyncio.wait_for(reader_first, WAIT) if number == 0 else None
        if received is None:
            received = await read(reader)
        assert (received.event.payload["n"], received.missed) == (number, 0)

    # the idle one's read under way took event 0; 4 more fit its queue, the rest were dropped
    assert hub.dropped_total == 50 - 1 - hub.queue_size
    assert (await asyncio.wait_for(idle_first, WAIT)).event.payload["n"] == 0
    late = await read(idle)
    assert (late.event.payload["n"], late.missed) == (50 - hub.queue_size, 45)
    await idle.aclose()
    await reader.aclose()
    assert hub.dropped_total == 45
    assert hub.subscriber_count == 0


async def test_closing_removes_station_and_fleet_subscribers_from_delivery(hub: EventHub) -> None:
    one, one_first = await subscribe(hub, "CS1", None)
    fleet, fleet_first = await subscribe(hub, None, None)
    for pending in (one_first, fleet_first):
        pending.cancel()
        await asyncio.gather(pending, return_exceptions=True)
    await one.aclose()
    await fleet.aclose()

    hub.publish_local(event("CS1", "BOOT"))  # nobody left; must not fail

    assert hub.subscriber_count == 0
    assert hub._by_station == {}
