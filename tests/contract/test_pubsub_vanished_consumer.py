"""A node that vanishes without closing its connection to Pub/Sub (a lost host, or a SIGKILL
the emulator has not noticed) leaves its last long-polling pull waiting on the server, and a
message the server hands to that pull stays there until its ack deadline (10 s), every later
message of its ordering key queued behind it. The dead-node sweep publishes a dead node's
DISCONNECTEDs once its liveness key has expired, at the earliest `ALIVE_TTL_SECONDS -
BEAT_SECONDS` after it stopped; by then none of its pulls may be left, or the first
DISCONNECTED of a swept station reaches no live worker for another 10 s."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from app.node_liveness import ALIVE_TTL_SECONDS, BEAT_SECONDS
from infra.bus.pubsub import PubSubBus
from tests.support.proxy import TcpProxy
from tests.support.pubsub_emulator import PUBSUB_TEST_PROJECT

pytestmark = pytest.mark.pubsub

BOUND = 30.0
"""A correctness bound for what must happen eventually, not a speed target."""
SEEN_DEAD_AFTER = ALIVE_TTL_SECONDS - BEAT_SECONDS
"""The least time from a node's last sign of life to its key's expiry: its last refresh may
be a whole beat older than its death."""
SWEPT = b"DISCONNECTED of a station the vanished node held"


async def test_a_vanished_consumer_takes_nothing_published_once_it_would_be_seen_dead(
    pubsub_emulator_host: str, emulator_proxy: TcpProxy
) -> None:
    prefix = f"t{uuid.uuid4().hex[:12]}"
    vanishing = PubSubBus(
        PUBSUB_TEST_PROJECT,
        emulator_host=f"127.0.0.1:{emulator_proxy.port}",
        topic_prefix=prefix,
    )
    publisher = PubSubBus(
        PUBSUB_TEST_PROJECT, emulator_host=pubsub_emulator_host, topic_prefix=prefix
    )
    survivor = PubSubBus(
        PUBSUB_TEST_PROJECT, emulator_host=pubsub_emulator_host, topic_prefix=prefix
    )
    pulling = asyncio.Event()
    swept = asyncio.Event()

    async def vanishing_worker(data: bytes) -> None:
        del data
        pulling.set()

    async def live_worker(data: bytes) -> None:
        if data == SWEPT:
            swept.set()

    try:
        await vanishing.subscribe("station-calls", "workers", vanishing_worker)
        await publisher.publish("station-calls", b"a call", ordering_key="CS-OTHER")
        await asyncio.wait_for(pulling.wait(), BOUND)
        await asyncio.sleep(0.5)  # its ack and its next pull reach the server
        await emulator_proxy.hang()  # the node vanishes: its connection stays open, silent
        await asyncio.sleep(SEEN_DEAD_AFTER)  # the earliest a sweep acts on it
        await publisher.publish("station-calls", SWEPT, ordering_key="CS-SWEPT")
        # a pull left on the server takes it within its next 50 ms poll; only then does the
        # live worker ask, so that the two do not race for it
        await asyncio.sleep(0.5)
        await survivor.subscribe("station-calls", "workers", live_worker)
        await asyncio.wait_for(swept.wait(), BOUND)
        assert SWEPT not in emulator_proxy.swallowed
    finally:
        await survivor.close()
        await publisher.close()
        await vanishing.close()
