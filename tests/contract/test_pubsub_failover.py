"""A consumer process killed while it holds messages (SIGKILL: no nack, no lease extension)
does not keep them: another consumer of the subscription gets them after the ack deadline,
in their key's order (issue 20 item 4). And a node's own subscriptions expire when nobody
reads them, while shared ones never do (item 8)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import textwrap
import uuid
from datetime import timedelta

import pytest

from infra.bus.pubsub import NODE_SUBSCRIPTION_TTL, PubSubBus
from modules.kernel import topics
from tests.support.pubsub_emulator import PUBSUB_TEST_PROJECT

pytestmark = pytest.mark.pubsub

REDELIVERY_BOUND = 30.0
"""A correctness bound, not a speed target: with the 60 s ack deadline of before, a dead
consumer's messages came back after a minute."""

HOLDER = textwrap.dedent(
    """
    import asyncio, sys
    from infra.bus.pubsub import PubSubBus

    async def main(host: str, prefix: str) -> None:
        bus = PubSubBus("{project}", emulator_host=host, topic_prefix=prefix)

        async def hold(data: bytes) -> None:
            print("holding", data.decode(), flush=True)
            await asyncio.Event().wait()

        await bus.subscribe("calls", "workers", hold)
        print("ready", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main(sys.argv[1], sys.argv[2]))
    """
).format(project=PUBSUB_TEST_PROJECT)


async def _line(stream: asyncio.StreamReader) -> str:
    return (await asyncio.wait_for(stream.readline(), 60)).decode().strip()


async def test_a_killed_consumers_messages_go_to_another_consumer_in_key_order(
    pubsub_emulator_host: str,
) -> None:
    prefix = f"t{uuid.uuid4().hex[:12]}"
    publisher = PubSubBus(
        PUBSUB_TEST_PROJECT, emulator_host=pubsub_emulator_host, topic_prefix=prefix
    )
    holder = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        HOLDER,
        pubsub_emulator_host,
        prefix,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    survivor = PubSubBus(
        PUBSUB_TEST_PROJECT, emulator_host=pubsub_emulator_host, topic_prefix=prefix
    )
    received: list[str] = []
    both = asyncio.Event()

    async def record(data: bytes) -> None:
        received.append(data.decode())
        if len(received) >= 2:
            both.set()

    try:
        assert holder.stdout is not None
        assert await _line(holder.stdout) == "ready"
        await publisher.publish("calls", b"first", ordering_key="CS-1")
        await publisher.publish("calls", b"second", ordering_key="CS-1")
        assert await _line(holder.stdout) == "holding first"
        holder.send_signal(signal.SIGKILL)
        await holder.wait()

        await survivor.subscribe("calls", "workers", record)
        await asyncio.wait_for(both.wait(), REDELIVERY_BOUND)
        assert received[:2] == ["first", "second"]
    finally:
        if holder.returncode is None:
            holder.kill()
            await holder.wait()
        await survivor.close()
        await publisher.close()


async def test_node_subscriptions_expire_and_shared_ones_never_do(
    pubsub_emulator_host: str,
) -> None:
    bus = PubSubBus(
        PUBSUB_TEST_PROJECT,
        emulator_host=pubsub_emulator_host,
        topic_prefix=f"t{uuid.uuid4().hex[:12]}",
    )

    async def ignore(data: bytes) -> None:
        del data

    try:
        await bus.subscribe("events", topics.node_events_subscription("node-a"), ignore)
        await bus.subscribe("events", "reservation-keeper", ignore)
        client = bus._subscriber()
        own = await client.get_subscription(
            subscription=bus.subscription_path(topics.node_events_subscription("node-a"))
        )
        shared = await client.get_subscription(
            subscription=bus.subscription_path("reservation-keeper")
        )
        assert timedelta(seconds=own.expiration_policy.ttl.total_seconds()) == NODE_SUBSCRIPTION_TTL
        assert "ttl" not in shared.expiration_policy
    finally:
        await bus.close()
