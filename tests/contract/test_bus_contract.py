"""The `Bus` delivery contract, run against the in-process bus and against Pub/Sub (emulator)."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable

import pytest

from infra.bus.memory import MemoryBus
from infra.bus.pubsub import PubSubBus
from modules.kernel.ports import Bus
from tests.support.pubsub_emulator import PUBSUB_TEST_PROJECT
from tests.unit.polling import eventually as eventually_within

WAIT = 30.0
"""Only a guard against hanging: every wait ends as soon as its condition holds."""
POLL = 0.01
"""How often a wait looks again."""
SETTLE = 0.3
"""How long to keep listening before asserting that something did *not* arrive."""


@pytest.fixture(
    params=[
        "memory",
        pytest.param("pubsub", marks=pytest.mark.pubsub),
        pytest.param("pubsub-streaming", marks=pytest.mark.pubsub),
    ]
)
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[Bus]:
    adapter: Bus
    if request.param == "memory":
        adapter = MemoryBus()
    else:
        host: str = request.getfixturevalue("pubsub_emulator_host")
        prefix = f"t{uuid.uuid4().hex[:12]}"  # tests never see each other's topics
        adapter = PubSubBus(
            PUBSUB_TEST_PROJECT,
            emulator_host=host,
            topic_prefix=prefix,
            receive="streaming" if request.param == "pubsub-streaming" else "pull",
        )
    try:
        yield adapter
    finally:
        await adapter.close()


async def eventually(condition: Callable[[], bool], what: str) -> None:
    """Wait (at most WAIT) until `condition()` holds."""
    await eventually_within(condition, what, WAIT, POLL)


class Recorder:
    """A handler that records every payload it is given."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def __call__(self, data: bytes) -> None:
        self.received.append(data)


async def recorders(bus: Bus, topic: str, *subscriptions: str) -> list[Recorder]:
    """One recorder subscribed under each of `subscriptions` to `topic`, in order."""
    made = [Recorder() for _ in subscriptions]
    for subscription, recorder in zip(subscriptions, made, strict=True):
        await bus.subscribe(topic, subscription, recorder)
    return made


async def publish_numbered(bus: Bus, topic: str, count: int) -> list[bytes]:
    """Publish `count` messages m0, m1, ... to `topic` and return them."""
    sent = [f"m{i}".encode() for i in range(count)]
    for data in sent:
        await bus.publish(topic, data)
    return sent


async def test_subscriber_receives_the_exact_bytes(bus: Bus) -> None:
    payloads = [bytes(range(256)), b"", b"\x00", "Grüße ⚡".encode() * 500, b'{"a":1}']
    recorder = Recorder()
    await bus.subscribe("exact", "exact-sub", recorder)

    for payload in payloads:
        await bus.publish("exact", payload)

    await eventually(lambda: len(recorder.received) >= len(payloads), "all payloads")
    assert sorted(recorder.received) == sorted(payloads)


async def test_every_subscription_of_a_topic_gets_every_message(bus: Bus) -> None:
    first, second = await recorders(bus, "fan", "fan-first", "fan-second")

    sent = await publish_numbered(bus, "fan", 20)

    await eventually(
        lambda: len(first.received) >= 20 and len(second.received) >= 20, "both subscriptions"
    )
    assert sorted(first.received) == sorted(sent)
    assert sorted(second.received) == sorted(sent)


async def test_consumers_of_one_subscription_share_its_messages(bus: Bus) -> None:
    one, two = await recorders(bus, "shared", "shared-sub", "shared-sub")

    sent = await publish_numbered(bus, "shared", 40)

    await eventually(lambda: len(one.received) + len(two.received) >= 40, "all messages")
    await asyncio.sleep(SETTLE)
    assert sorted(one.received + two.received) == sorted(sent)


async def test_same_key_is_handled_one_at_a_time_in_publish_order(bus: Bus) -> None:
    handled: dict[str, list[int]] = defaultdict(list)
    in_flight: Counter[str] = Counter()
    most_in_flight: Counter[str] = Counter()

    async def handler(data: bytes) -> None:
        key, number = data.decode().split(":")
        in_flight[key] += 1
        most_in_flight[key] = max(most_in_flight[key], in_flight[key])
        await asyncio.sleep(random.uniform(0, 0.003))
        handled[key].append(int(number))
        in_flight[key] -= 1

    await bus.subscribe("ordered", "ordered-sub", handler)
    for number in range(50):
        for key in ("station-a", "station-b"):
            await bus.publish("ordered", f"{key}:{number}".encode(), ordering_key=key)

    await eventually(
        lambda: sum(len(numbers) for numbers in handled.values()) >= 100, "all messages"
    )
    assert handled == {"station-a": list(range(50)), "station-b": list(range(50))}
    assert most_in_flight == {"station-a": 1, "station-b": 1}


async def test_a_slow_key_does_not_hold_up_another_key(bus: Bus) -> None:
    release_slow = asyncio.Event()
    handled: list[bytes] = []

    async def handler(data: bytes) -> None:
        if data.startswith(b"slow"):
            await release_slow.wait()
        handled.append(data)

    await bus.subscribe("keys", "keys-sub", handler)
    await bus.publish("keys", b"slow-0", ordering_key="slow")
    fast = [f"fast-{i}".encode() for i in range(5)]
    for data in fast:
        await bus.publish("keys", data, ordering_key="fast")

    await eventually(lambda: len(handled) >= 5, "the fast key while the slow one is busy")
    assert handled == fast
    release_slow.set()
    await eventually(lambda: b"slow-0" in handled, "the slow key once released")


async def test_messages_without_a_key_are_handled_concurrently(bus: Bus) -> None:
    entered = 0
    both_inside = asyncio.Event()
    handled: list[bytes] = []

    async def handler(data: bytes) -> None:
        nonlocal entered
        entered += 1
        if entered >= 2:
            both_inside.set()
        await both_inside.wait()  # never returns if messages were handled one by one
        handled.append(data)

    await bus.subscribe("unkeyed", "unkeyed-sub", handler)
    await bus.publish("unkeyed", b"one")
    await bus.publish("unkeyed", b"two")

    await eventually(lambda: len(handled) >= 2, "two handlers running at the same time")
    assert sorted(handled) == [b"one", b"two"]


async def test_a_failing_handler_gets_the_message_again(bus: Bus) -> None:
    attempts: list[bytes] = []
    handled: list[bytes] = []

    async def handler(data: bytes) -> None:
        attempts.append(data)
        if len(attempts) == 1:
            raise RuntimeError("transient failure")
        handled.append(data)

    await bus.subscribe("retry", "retry-sub", handler)
    await bus.publish("retry", b"payload")

    await eventually(lambda: bool(handled), "the redelivery")
    assert attempts == [b"payload", b"payload"]
    assert handled == [b"payload"]


async def test_a_retried_message_keeps_its_place_in_the_key_order(bus: Bus) -> None:
    failed_once = False
    handled: list[int] = []

    async def handler(data: bytes) -> None:
        nonlocal failed_once
        number = int(data)
        if number == 3 and not failed_once:
            failed_once = True
            raise RuntimeError("transient failure")
        handled.append(number)

    await bus.subscribe("retry-ordered", "retry-ordered-sub", handler)
    for number in range(10):
        await bus.publish("retry-ordered", str(number).encode(), ordering_key="station")

    await eventually(lambda: len(handled) >= 10, "all messages")
    await asyncio.sleep(SETTLE)
    assert failed_once
    assert handled == list(range(10))


async def test_publishing_to_a_topic_without_subscriptions_drops_the_message(bus: Bus) -> None:
    await bus.publish("lonely", b"nobody listens")
    recorder = Recorder()
    await bus.subscribe("lonely", "lonely-sub", recorder)
    await bus.publish("lonely", b"now someone does")

    await eventually(lambda: bool(recorder.received), "the message after subscribing")
    await asyncio.sleep(SETTLE)
    assert recorder.received == [b"now someone does"]


async def test_deleting_a_subscription_stops_its_delivery(bus: Bus) -> None:
    gone, kept = Recorder(), Recorder()
    await bus.subscribe("deleting", "deleting-gone", gone)
    await bus.subscribe("deleting", "deleting-kept", kept)
    await bus.publish("deleting", b"before")
    await eventually(lambda: bool(gone.received) and bool(kept.received), "the first message")

    await bus.delete_subscription("deleting-gone")
    await bus.publish("deleting", b"after")

    await eventually(lambda: len(kept.received) >= 2, "the second message on the kept one")
    await asyncio.sleep(SETTLE)
    assert gone.received == [b"before"]
    assert kept.received == [b"before", b"after"]


async def test_deleting_an_unknown_subscription_is_fine(bus: Bus) -> None:
    await bus.delete_subscription("never-created")


async def test_ping_is_true_while_open_and_false_after_close(bus: Bus) -> None:
    assert await bus.ping() is True
    await bus.close()
    assert await bus.ping() is False
    await bus.close()  # closing twice is harmless


async def test_close_lets_a_handler_under_way_finish(bus: Bus) -> None:
    started, release = asyncio.Event(), asyncio.Event()
    handled: list[bytes] = []

    async def handler(data: bytes) -> None:
        started.set()
        await release.wait()
        handled.append(data)

    await bus.subscribe("closing", "closing-sub", handler)
    await bus.publish("closing", b"in flight")
    await asyncio.wait_for(started.wait(), WAIT)

    closing = asyncio.create_task(bus.close())
    await asyncio.sleep(SETTLE)  # close is now waiting for the handler
    release.set()
    await asyncio.wait_for(closing, WAIT)
    assert handled == [b"in flight"]


async def test_drain_finishes_the_handler_under_way_and_stops_delivering(bus: Bus) -> None:
    """Shutdown's first step (issue 24 item 15): the handler under way finishes and may still
    publish; nothing more is handed over, and publishing stays open until `close`."""
    started, release = asyncio.Event(), asyncio.Event()
    handled: list[bytes] = []

    async def handler(data: bytes) -> None:
        started.set()
        await release.wait()
        await bus.publish("drained-follow-ups", b"follow-up")  # a reply, an event
        handled.append(data)

    await bus.subscribe("draining", "draining-sub", handler)
    await bus.publish("draining", b"in flight")
    await asyncio.wait_for(started.wait(), WAIT)

    draining = asyncio.create_task(bus.drain(WAIT))
    await asyncio.sleep(SETTLE)
    assert not draining.done()  # waiting for the handler
    release.set()
    await asyncio.wait_for(draining, WAIT)
    assert handled == [b"in flight"]

    await bus.publish("draining", b"after the drain")
    await asyncio.sleep(SETTLE)
    assert handled == [b"in flight"]


async def test_drain_gives_up_on_a_handler_after_the_grace_period(bus: Bus) -> None:
    started = asyncio.Event()

    async def stuck(data: bytes) -> None:
        started.set()
        await asyncio.Event().wait()

    await bus.subscribe("stuck", "stuck-sub", stuck)
    await bus.publish("stuck", b"never finishes")
    await asyncio.wait_for(started.wait(), WAIT)
    await asyncio.wait_for(bus.drain(0.1), WAIT)  # returns: the handler was cancelled
