"""Pub/Sub that stops answering (issue 24 item 11): a publish gives up within the bus's
deadline with `DependencyUnavailable("bus")` instead of waiting without end, the health check
says so, and publishing works again once Pub/Sub answers."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from infra.bus.pubsub import PING_TIMEOUT, PubSubBus
from modules.kernel.outages import DependencyUnavailable
from tests.support.proxy import TcpProxy
from tests.support.pubsub_emulator import PUBSUB_TEST_PROJECT

pytestmark = pytest.mark.pubsub

BUS_TIMEOUT = 0.5
PROMPT = 4 * BUS_TIMEOUT + PING_TIMEOUT + 2.0
"""A generous bound (a correctness deadline, not a speed target)."""


async def test_a_publish_to_a_hanging_pubsub_gives_up_within_the_deadline(
    emulator_proxy: TcpProxy,
) -> None:
    bus = PubSubBus(
        PUBSUB_TEST_PROJECT,
        emulator_host=f"127.0.0.1:{emulator_proxy.port}",
        topic_prefix=f"t{uuid.uuid4().hex[:12]}",
        timeout=BUS_TIMEOUT,
    )
    received: list[bytes] = []

    async def record(data: bytes) -> None:
        received.append(data)

    try:
        await bus.subscribe("deadlines", "deadlines-sub", record)
        await bus.publish("deadlines", b"before")
        await emulator_proxy.hang()

        started = time.monotonic()
        with pytest.raises(DependencyUnavailable) as refused:
            await bus.publish("deadlines", b"during")
        assert refused.value.dependency == "bus"
        assert time.monotonic() - started < PROMPT
        assert await bus.ping() is False

        await emulator_proxy.restore()
        deadline = time.monotonic() + 60
        while True:  # the channel reconnects with its own backoff
            try:
                await bus.publish("deadlines", b"after")
                break
            except DependencyUnavailable:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.2)
        while b"after" not in received:  # ("before" may be stuck in a pull lost in the hang:
            assert time.monotonic() < deadline  # Pub/Sub delivers it again after its deadline)
            await asyncio.sleep(0.05)
    finally:
        await bus.close()
