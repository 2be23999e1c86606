"""Events a node publishes reach its own subscribers in process (app/local_shortcut.py,
app/event_hub.py): once, at once and in publish order, while the bus still carries them, tagged
with the node's id, to the other nodes and the shared followers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from app.event_hub import EventHub
from app.local_shortcut import LocalShortcut
from infra.bus.memory import MemoryBus
from modules.kernel import topics
from modules.kernel.events import Event, from_bytes, with_origin
from modules.kernel.followers import EventsFollower
from modules.kernel.live import Subscriber
from modules.kernel.outages import BUS, DependencyUnavailable
from modules.provisioning import StatusChanged
from tests.unit.polling import eventually

AT = datetime(2026, 1, 1, tzinfo=UTC)


def status(station_id: str, connector_id: int = 1) -> Event:
    """A connector status change; `connector_id` tells the events of a test apart."""
    return StatusChanged(
        station_id=station_id,
        occurred_at=AT,
        evse_id=1,
        connector_id=connector_id,
        status="Occupied",
    )


def queued(subscriber: Subscriber) -> list[Event]:
    """Everything `subscriber` has queued, taken out."""
    events = []
    while not subscriber.queue.empty():
        events.append(subscriber.queue.get_nowait())
    return events


class Recorder(EventsFollower):
    """A shared follower of the events topic that keeps what it follows."""

    def __init__(self, bus: MemoryBus) -> None:
        super().__init__(bus, "recorder")
        self.followed: list[Event] = []

    def follow(self, event: Event) -> None:
        """Keep `event`."""
        self.followed.append(event)


class Node:
    """One node's bus (behind its shortcut) and event hub, on a bus shared with others."""

    def __init__(self, bus: MemoryBus, node_id: str) -> None:
        self.bus = LocalShortcut(bus, node_id)
        self.hub = EventHub(self.bus, node_id)

    async def start(self) -> Node:
        await self.hub.start()
        self.bus.deliver_events_locally(self.hub.deliver_own)
        return self


@pytest.fixture
async def bus() -> AsyncIterator[MemoryBus]:
    bus = MemoryBus()
    yield bus
    await bus.close()


@pytest.fixture
async def recorder(bus: MemoryBus) -> AsyncIterator[Recorder]:
    recorder = Recorder(bus)
    await recorder.start()
    yield recorder
    await recorder.stop()


async def test_an_own_event_reaches_the_subscriber_at_once_and_once(
    bus: MemoryBus, recorder: Recorder
) -> None:
    node = await Node(bus, "node-a").start()
    subscriber = node.hub.subscribe()

    await node.bus.publish(topics.EVENTS, status("CS1").to_bytes(), ordering_key="CS1")

    # queued before publish returned: no bus round trip, no task in between
    assert queued(subscriber) == [status("CS1")]
    await eventually(lambda: node.hub.own_copies_skipped == 1, "the copy back from the bus")
    assert queued(subscriber) == []
    assert node.hub.delivered_in_process == 1
    await eventually(lambda: len(recorder.followed) == 1, "the follower")
    assert recorder.followed == [status("CS1")]


async def test_own_events_keep_their_publish_order(bus: MemoryBus) -> None:
    node = await Node(bus, "node-a").start()
    subscriber = node.hub.subscribe("CS1")
    sent = [status("CS1", number) for number in range(20)]

    for item in sent:
        await node.bus.publish(topics.EVENTS, item.to_bytes(), ordering_key="CS1")

    assert queued(subscriber) == sent
    await eventually(lambda: node.hub.own_copies_skipped == len(sent), "the copies back")
    assert queued(subscriber) == []


async def test_another_nodes_event_comes_through_the_bus_once_on_each_node(
    bus: MemoryBus,
) -> None:
    a = await Node(bus, "node-a").start()
    b = await Node(bus, "node-b").start()
    on_a, on_b = a.hub.subscribe(), b.hub.subscribe()

    await b.bus.publish(topics.EVENTS, status("CS2").to_bytes(), ordering_key="CS2")

    assert queued(on_b) == [status("CS2")]
    await eventually(lambda: b.hub.own_copies_skipped == 1, "B's own copy back")
    await eventually(lambda: not on_a.queue.empty(), "A's copy")
    assert queued(on_a) == [status("CS2")]
    assert queued(on_b) == []
    assert (a.hub.delivered_in_process, a.hub.own_copies_skipped) == (0, 0)


async def test_a_process_without_a_hub_publishes_as_before(
    bus: MemoryBus, recorder: Recorder
) -> None:
    """A worker-only process: its events are not tagged, and every hub gets them by the bus."""
    a = await Node(bus, "node-a").start()
    on_a = a.hub.subscribe()
    worker = LocalShortcut(bus, "worker-1")
    seen: list[bytes] = []

    async def keep(data: bytes) -> None:
        seen.append(data)

    await bus.subscribe(topics.EVENTS, "raw", keep)

    await worker.publish(topics.EVENTS, status("CS3").to_bytes(), ordering_key="CS3")

    await eventually(lambda: bool(seen) and len(recorder.followed) == 1, "the bus copies")
    assert seen == [status("CS3").to_bytes()]
    await eventually(lambda: not on_a.queue.empty(), "A's copy")
    assert queued(on_a) == [status("CS3")]
    assert recorder.followed == [status("CS3")]


def test_tagged_bytes_decode_to_the_same_event() -> None:
    event = status("CS4")
    tagged = with_origin(event.to_bytes(), "node-a")

    assert tagged != event.to_bytes()
    assert from_bytes(tagged) == event
    assert with_origin(tagged, "node-b") == tagged


async def test_a_hand_off_that_raises_leaves_the_event_to_the_bus(bus: MemoryBus) -> None:
    node = await Node(bus, "node-a").start()
    subscriber = node.hub.subscribe()

    def broken(data: bytes) -> None:
        raise RuntimeError("hub broken")

    node.bus.deliver_events_locally(broken)

    await node.bus.publish(topics.EVENTS, status("CS5").to_bytes(), ordering_key="CS5")

    # published untagged: this node's own subscription delivers it, once
    await eventually(lambda: not subscriber.queue.empty(), "the copy from the bus")
    assert queued(subscriber) == [status("CS5")]
    assert (node.hub.delivered_in_process, node.hub.own_copies_skipped) == (0, 0)


class RefusingBus(MemoryBus):
    """A bus whose publishes fail, as Pub/Sub out of reach."""

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Refuse."""
        raise DependencyUnavailable(BUS)


async def test_a_failed_publish_still_fails_for_the_publisher() -> None:
    node = await Node(RefusingBus(), "node-a").start()
    subscriber = node.hub.subscribe()

    with pytest.raises(DependencyUnavailable):
        await node.bus.publish(topics.EVENTS, status("CS6").to_bytes(), ordering_key="CS6")

    # the event was committed before it was published: this node's subscribers saw it
    assert queued(subscriber) == [status("CS6")]


async def test_events_reach_the_hub_while_draining_but_not_once_closed(bus: MemoryBus) -> None:
    node = await Node(bus, "node-a").start()
    subscriber = node.hub.subscribe()

    await node.bus.drain(1.0)
    await node.bus.publish(topics.EVENTS, status("CS7", 1).to_bytes(), ordering_key="CS7")
    assert queued(subscriber) == [status("CS7", 1)]

    await node.bus.close()
    with pytest.raises(RuntimeError):
        await node.bus.publish(topics.EVENTS, status("CS7", 2).to_bytes(), ordering_key="CS7")
    assert queued(subscriber) == []
