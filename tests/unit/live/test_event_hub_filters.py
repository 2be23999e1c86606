"""The event hub's type filter and its report of dropped events (the `missed` of the typed live
subscriptions), on the typed events the blocks emit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import UTC, datetime
from typing import cast

import pytest

from app.event_hub import EventHub
from infra.bus.memory import MemoryBus
from modules.availability import AvailabilityChanged
from modules.kernel import topics
from modules.kernel.events import Event
from modules.kernel.live import Delivery, Subscriber
from modules.provisioning import Booted, Connected, StatusChanged
from tests.unit.live.helpers import WAIT, first_read, inoperative

AT = datetime(2026, 1, 1, tzinfo=UTC)
STATUS = (StatusChanged.TYPE,)
STATUS_AND_AVAILABILITY = (StatusChanged.TYPE, AvailabilityChanged.TYPE)

Deliveries = AsyncGenerator[Delivery, None]


def status(station_id: str, number: int) -> StatusChanged:
    """A connector status change; `number` (its connector) tells the events of a test apart."""
    return StatusChanged(
        station_id=station_id, occurred_at=AT, evse_id=1, connector_id=number, status="Occupied"
    )


def boot(station_id: str) -> Booted:
    return Booted(
        station_id=station_id, occurred_at=AT, reason="PowerUp", registration_status="Accepted"
    )


def availability(station_id: str, number: int) -> AvailabilityChanged:
    return inoperative(station_id, AT, scope="connector", connector_id=number, status="Accepted")


def number_of(event: Event) -> int | None:
    assert isinstance(event, StatusChanged | AvailabilityChanged)
    return event.connector_id


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
) -> tuple[Deliveries, asyncio.Future[Delivery]]:
    """A started subscription: its first read is under way, so it is registered."""
    stream = hub.deliveries(station_id, types)
    return stream, await first_read(hub, stream)


async def read(stream: Deliveries) -> Delivery:
    return await asyncio.wait_for(anext(stream), WAIT)


# --- type filter -------------------------------------------------------------------------------


async def test_a_typed_subscriber_gets_only_its_event_types(hub: EventHub) -> None:
    stream, first = await subscribe(hub, None, STATUS)

    hub.publish_local(availability("CS1", 1))
    hub.publish_local(boot("CS1"))
    hub.publish_local(status("CS1", 3))
    hub.publish_local(status("CS2", 4))

    assert (await asyncio.wait_for(first, WAIT)).event == status("CS1", 3)
    assert (await read(stream)).event == status("CS2", 4)
    await stream.aclose()


async def test_station_and_type_filters_combine(hub: EventHub) -> None:
    stream, first = await subscribe(hub, "CS1", STATUS_AND_AVAILABILITY)

    hub.publish_local(status("CS2", 1))
    hub.publish_local(boot("CS1"))
    hub.publish_local(status("CS1", 3))
    hub.publish_local(availability("CS1", 4))
    hub.publish_local(status("CS1", 5))

    received = [(await asyncio.wait_for(first, WAIT)).event]
    received += [(await read(stream)).event for _ in range(2)]
    assert [number_of(e) for e in received] == [3, 4, 5]
    await stream.aclose()


async def test_without_a_type_filter_every_type_is_queued(hub: EventHub) -> None:
    stream, first = await subscribe(hub, "CS1", None)

    hub.publish_local(status("CS1", 1))
    hub.publish_local(boot("CS1"))

    assert (await asyncio.wait_for(first, WAIT)).event.type == StatusChanged.TYPE
    assert (await read(stream)).event.type == Booted.TYPE
    await stream.aclose()


def test_unwanted_types_take_no_room_in_the_queue() -> None:
    subscriber = Subscriber(None, frozenset(STATUS), queue_size=2)

    for number in range(10):
        subscriber.offer(availability("CS1", number))
    subscriber.offer(status("CS1", 99))

    assert subscriber.dropped == 0
    assert subscriber.queue.qsize() == 1


async def test_events_from_the_bus_are_filtered_by_type(hub: EventHub) -> None:
    stream, first = await subscribe(hub, "CS1", STATUS)
    bus = cast(MemoryBus, hub._bus)

    await bus.publish(topics.EVENTS, Connected(station_id="CS1", occurred_at=AT).to_bytes())
    await bus.publish(topics.EVENTS, status("CS1", 2).to_bytes())

    assert (await asyncio.wait_for(first, WAIT)).event == status("CS1", 2)
    await stream.aclose()


# --- dropped events are reported ---------------------------------------------------------------


async def test_the_first_event_after_an_overflow_says_how_many_were_missed() -> None:
    subscriber = Subscriber("CS1", frozenset(STATUS), queue_size=3)

    for number in range(8):  # nobody reads: 5 of the oldest are dropped
        subscriber.offer(status("CS1", number))

    first = await subscriber.next()
    assert (number_of(first.event), first.missed) == (5, 5)
    rest = [await subscriber.next() for _ in range(2)]
    assert [(number_of(d.event), d.missed) for d in rest] == [(6, 0), (7, 0)]

    for number in range(8, 13):  # a second burst: 2 more dropped
        subscriber.offer(status("CS1", number))
    again = await subscriber.next()
    assert (number_of(again.event), again.missed) == (10, 2)
    assert subscriber.dropped == 7


async def test_a_never_reading_subscriber_does_not_hold_back_the_hub(hub: EventHub) -> None:
    idle, idle_first = await subscribe(hub, None, STATUS)
    reader, reader_first = await subscribe(hub, "CS1", STATUS)

    for number in range(50):
        hub.publish_local(status("CS1", number))
        received = await asyncio.wait_for(reader_first, WAIT) if number == 0 else None
        if received is None:
            received = await read(reader)
        assert (number_of(received.event), received.missed) == (number, 0)

    # the idle one's read under way took event 0; 4 more fit its queue, the rest were dropped
    assert hub.dropped_total == 50 - 1 - hub.queue_size
    assert number_of((await asyncio.wait_for(idle_first, WAIT)).event) == 0
    late = await read(idle)
    assert (number_of(late.event), late.missed) == (50 - hub.queue_size, 45)
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

    hub.publish_local(boot("CS1"))  # nobody left; must not fail

    assert hub.subscriber_count == 0
    assert hub._by_station == {}


async def test_unsubscribing_twice_changes_nothing(hub: EventHub) -> None:
    subscriber = hub.subscribe("CS1", STATUS)
    assert hub.subscriber_count == 1

    hub.unsubscribe(subscriber)
    hub.unsubscribe(subscriber)

    assert hub.subscriber_count == 0
    assert hub._by_station == {}
