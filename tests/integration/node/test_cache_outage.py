"""A Redis outage (issue 24 item 11): a node whose cache (the station directory) is reached
through a TCP proxy that starts to hang. Every cache call has a deadline, so `/readyz` answers
503 naming the cache at once, and a new station is not left hanging: its socket is closed
with 1013 (try again later) saying the cache is unavailable. Restored, everything works."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator

import pytest

from app.health import READINESS_DEADLINE
from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode
from tests.support.proxy import TcpProxy

pytestmark = pytest.mark.redis

CACHE_TIMEOUT = 0.3
"""The node's cache deadline in this test (CSMS_CACHE_TIMEOUT_SECONDS)."""
PROMPT = 4 * CACHE_TIMEOUT + READINESS_DEADLINE + 2.0
"""A generous bound for an answer during the outage (a correctness deadline, not a speed
target)."""
TRY_AGAIN_LATER = 1013


@pytest.fixture
async def redis_proxy() -> AsyncIterator[TcpProxy]:
    """A proxy in front of the Redis server, forwarding."""
    proxy = TcpProxy("127.0.0.1", 6379)
    await proxy.start()
    yield proxy
    await proxy.stop()


async def test_a_hanging_cache_is_named_promptly_and_new_stations_retry_later(
    redis_proxy: TcpProxy, make_node: NodeFactory, sqlite_url: str
) -> None:
    node: RunningNode = await make_node(
        sqlite_url,
        redis_url=f"redis://127.0.0.1:{redis_proxy.port}/0",
        cache_namespace=f"csms-test-{uuid.uuid4().hex[:8]}",
        cache_timeout_seconds=CACHE_TIMEOUT,
    )
    before = await node.booted_station("cs-before")
    await redis_proxy.hang()

    started = time.monotonic()
    async with node.session.get(f"{node.http_url}/readyz") as response:
        body = await response.json()
        assert (response.status, body["unavailable"]) == (503, ["cache"]), body
    assert time.monotonic() - started < PROMPT

    started = time.monotonic()
    station = await node.station("cs-during")
    closed = await station.wait_closed()
    assert closed == TRY_AGAIN_LATER
    assert time.monotonic() - started < PROMPT
    assert (await before.call("Heartbeat", {}))[0] == 3  # connected stations carry on

    await redis_proxy.restore()
    newcomer = await node.booted_station("cs-after")
    async with node.session.get(f"{node.http_url}/readyz") as response:
        assert response.status == 200
    await newcomer.ws.close()
