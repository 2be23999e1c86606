"""The in-process bus's pool of delivery tasks: capped like the Pub/Sub consumer, reused, and
emptied by deleting a subscription (the delivery contract itself is in tests/contract)."""

from __future__ import annotations

import asyncio

import pytest

from infra.bus import memory
from infra.bus.memory import MemoryBus

WAIT = 10.0
"""Only a guard against hanging."""


async def settle() -> None:
    """Let every ready task run until none is ready (handlers here only wait on events)."""
    for _ in range(20):
        await asyncio.sleep(0)


async def test_no_more_handlers_run_at_once_than_the_cap_and_the_rest_follow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(memory, "MAX_CONCURRENT", 3)
    bus = MemoryBus()
    release = asyncio.Event()
    running: list[bytes] = []
    done: list[bytes] = []

    async def handler(data: bytes) -> None:
        running.append(data)
        await release.wait()
        done.append(data)

    await bus.subscribe("capped", "capped-sub", handler)
    for number in range(10):
        await bus.publish("capped", b"%d" % number)
    await settle()

    assert running == [b"0", b"1", b"2"]
    release.set()
    async with asyncio.timeout(WAIT):
        while len(done) < 10:  # noqa: ASYNC110 - plain state
            await asyncio.sleep(0.001)
    assert sorted(done) == sorted(b"%d" % number for number in range(10))
    await bus.close()


async def test_a_quiet_subscription_reuses_its_delivery_tasks() -> None:
    bus = MemoryBus()
    seen: list[bytes] = []

    async def handler(data: bytes) -> None:
        seen.append(data)

    await bus.subscribe("reuse", "reuse-sub", handler)
    for number in range(100):
        await bus.publish("reuse", b"%d" % number)
        await settle()
    tasks = [task for task in asyncio.all_tasks() if "MemoryBus._work" in repr(task.get_coro())]

    assert len(seen) == 100
    assert len(tasks) == 1
    await bus.close()


async def test_deleting_a_subscription_drops_what_waits_behind_a_key() -> None:
    bus = MemoryBus()
    release = asyncio.Event()
    handled: list[bytes] = []

    async def handler(data: bytes) -> None:
        await release.wait()
        handled.append(data)

    await bus.subscribe("keyed", "keyed-sub", handler)
    for number in range(3):
        await bus.publish("keyed", b"%d" % number, ordering_key="CS1")
    await settle()

    await bus.delete_subscription("keyed-sub")
    release.set()
    await settle()

    assert handled == [b"0"]  # the one under way finishes; the two behind it are dropped
    closing = asyncio.create_task(bus.close())
    await settle()
    assert closing.done()  # nothing counts as in flight any more: close did not wait
