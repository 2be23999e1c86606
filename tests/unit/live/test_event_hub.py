"""The event hub (app/event_hub.py): typed domain events from the bus fanned out to this node's
live subscriptions, each through its bounded drop-oldest queue (modules/kernel/live.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import UTC, datetime

import pytest

from app.event_hub import EventHub
from infra.bus.memory import MemoryBus
from modules.availability import AvailabilityChanged
from modules.kernel import topics
from modules.kernel.events import Event
from modules.kernel.live import QUEUE_SIZE, Delivery, Subscriber
from modules.provisioning import Booted, StatusChanged
from tests.unit.live.helpers import WAIT, acme_boot, first_read, inoperative

AT = datetime(2026, 1, 1, tzinfo=UTC)

Stream = AsyncGenerator[Delivery, None]


def event(station_id: str, number: int = 0) -> Event:
    """A connector status change: `number` tells the events of a test apart."""
    return StatusChanged(
        station_id=station_id, occurred_at=AT, evse_id=1, connector_id=number, status="Occupied"
    )


@pytest.fixture
async def bus() -> AsyncIterator[MemoryBus]:
    bus = MemoryBus()
    yield bus
    await bus.close()


@pytest.fixture
async def hub(bus: MemoryBus) -> AsyncIterator[EventHub]:
    hub = EventHub(bus, "node-a")
    await hub.start()
    yield hub
    await hub.stop()


class Listener:
    """A started stream: its first `__anext__` is under way, so the subscriber is registered."""

    def __init__(self, hub: EventHub, station_id: str | None) -> None:
        self.stream: Stream = hub.deliveries(station_id)
        self.pending: asyncio.Future[Delivery] | None = None

    async def start(self, hub: EventHub) -> Listener:
        self.pending = await first_read(hub, self.stream)
        return self

    async def next(self) -> Event:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            return (await asyncio.wait_for(pending, WAIT)).event
        return (await asyncio.wait_for(anext(self.stream), WAIT)).event

    async def close(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
            await asyncio.gather(self.pending, return_exceptions=True)
            self.pending = None
        await self.stream.aclose()


async def listen(hub: EventHub, station_id: str | None = None) -> Listener:
    return await Listener(hub, station_id).start(hub)


async def publish(bus: MemoryBus, *events: Event) -> None:
    for item in events:
        await bus.publish(topics.EVENTS, item.to_bytes())


# --- filtering ----------------------------------------------------------------------------------


async def test_a_station_subscriber_gets_only_that_stations_events(
    bus: MemoryBus, hub: EventHub
) -> None:
    station = await listen(hub, "CS1")
    fleet = await listen(hub)

    await publish(bus, event("CS2", 1), event("CS1", 2), event("CS3", 3), event("CS1", 4))

    assert [await fleet.next() for _ in range(4)] == [
        event("CS2", 1),
        event("CS1", 2),
        event("CS3", 3),
        event("CS1", 4),
    ]
    assert [await station.next(), await station.next()] == [event("CS1", 2), event("CS1", 4)]
    await fleet.close()
    await station.close()


async def test_a_fleet_subscriber_gets_every_event(bus: MemoryBus, hub: EventHub) -> None:
    fleet = await listen(hub)
    sent = [event(f"CS{i % 3}", i) for i in range(10)]

    await publish(bus, *sent)

    assert [await fleet.next() for _ in sent] == sent
    await fleet.close()


async def test_every_subscriber_gets_its_own_copy(bus: MemoryBus, hub: EventHub) -> None:
    one, two = await listen(hub, "CS1"), await listen(hub, "CS1")

    await publish(bus, event("CS1", 7))

    assert await one.next() == event("CS1", 7)
    assert await two.next() == event("CS1", 7)
    await one.close()
    await two.close()


async def test_a_station_filter_does_not_match_other_stations_by_prefix(hub: EventHub) -> None:
    listener = await listen(hub, "CS1")

    hub.publish_local(event("CS10", 1))
    hub.publish_local(event("cs1", 2))
    hub.publish_local(event("CS1", 3))

    assert await listener.next() == event("CS1", 3)
    await listener.close()


async def test_events_published_before_subscribing_are_not_replayed(hub: EventHub) -> None:
    hub.publish_local(event("CS1", 1))
    listener = await listen(hub)

    hub.publish_local(event("CS1", 2))

    assert await listener.next() == event("CS1", 2)
    await listener.close()


# --- slow subscribers ---------------------------------------------------------------------------


async def test_a_full_queue_drops_the_oldest_events_and_counts_them(hub: EventHub) -> None:
    listener = await listen(hub, "CS1")
    (subscriber,) = hub._subscribers
    overflow = 7

    for number in range(QUEUE_SIZE + overflow):  # nobody consumes while these go in
        hub.publish_local(event("CS1", number))

    assert subscriber.dropped == overflow
    received = [await listener.next() for _ in range(QUEUE_SIZE)]
    assert received == [event("CS1", n) for n in range(overflow, QUEUE_SIZE + overflow)]
    assert subscriber.queue.empty()
    await listener.close()


async def test_a_slow_subscriber_does_not_hold_back_a_fast_one(hub: EventHub) -> None:
    slow = await listen(hub)
    fast = await listen(hub)
    overflow = 5

    for number in range(QUEUE_SIZE + overflow):
        hub.publish_local(event("CS1", number))
        assert await fast.next() == event("CS1", number)

    # The slow consumer's read already under way took event 0; of the rest, the oldest that do not
    # fit its queue are gone.
    assert await slow.next() == event("CS1", 0)
    assert await slow.next() == event("CS1", overflow)
    assert sorted(s.dropped for s in hub._subscribers) == [0, overflow - 1]
    await slow.close()
    await fast.close()


async def test_filtered_out_events_do_not_count_as_dropped() -> None:
    subscriber = Subscriber("CS1")

    for number in range(QUEUE_SIZE + 10):
        subscriber.offer(event("CS2", number))

    assert subscriber.dropped == 0
    assert subscriber.queue.empty()


# --- closing ------------------------------------------------------------------------------------


async def test_closing_the_stream_removes_the_subscriber(hub: EventHub) -> None:
    listener = await listen(hub, "CS1")
    hub.publish_local(event("CS1"))
    assert await listener.next() == event("CS1")
    assert hub.subscriber_count == 1

    await listener.stream.aclose()

    assert hub.subscriber_count == 0
    hub.publish_local(event("CS1"))  # nobody left to deliver to; must not fail


async def test_cancelling_a_waiting_consumer_removes_the_subscriber(hub: EventHub) -> None:
    first, second = await listen(hub), await listen(hub, "CS1")
    assert hub.subscriber_count == 2

    await first.close()

    assert hub.subscriber_count == 1
    await second.close()
    assert hub.subscriber_count == 0


async def test_a_stream_registers_nothing_until_it_is_iterated(hub: EventHub) -> None:
    stream = hub.deliveries("CS1")

    assert hub.subscriber_count == 0
    await stream.aclose()
    assert hub.subscriber_count == 0


# --- typed events -------------------------------------------------------------------------------


async def test_events_from_the_bus_arrive_as_their_producers_typed_events(
    bus: MemoryBus, hub: EventHub
) -> None:
    """What provisioning and availability emit reaches a subscriber as the same typed event
    (B01 boot, G03 ChangeAvailability), its payload in the producer's camelCase keys."""
    fleet = await listen(hub)
    boot = acme_boot("CS1", AT)
    changed = inoperative("CS2", AT, scope="evse", connector_id=None, status="Scheduled")

    await publish(bus, boot, changed)

    got_boot, got_changed = await fleet.next(), await fleet.next()
    assert isinstance(got_boot, Booted) and got_boot == boot
    assert isinstance(got_changed, AvailabilityChanged) and got_changed == changed
    assert got_boot.payload == {
        "reason": "PowerUp",
        "registrationStatus": "Accepted",
        "vendorName": "Acme",
        "model": "Fast",
        "firmwareVersion": None,
        "configure": False,
    }
    assert got_changed.payload["operationalStatus"] == "Inoperative"
    await fleet.close()


async def test_an_event_type_this_node_does_not_know_is_still_delivered(
    bus: MemoryBus, hub: EventHub
) -> None:
    """A newer node's event type reaches subscribers untyped, its payload as sent."""
    fleet = await listen(hub)
    raw = b'{"type":"NEWER_EVENT","station_id":"CS1","occurred_at":"2026-01-01T00:00:00+00:00",'
    raw += b'"payload":{"someKey":1}}'

    await bus.publish(topics.EVENTS, raw)

    got = await fleet.next()
    assert (got.type, got.station_id, got.occurred_at, got.payload) == (
        "NEWER_EVENT",
        "CS1",
        AT,
        {"someKey": 1},
    )
    await fleet.close()
