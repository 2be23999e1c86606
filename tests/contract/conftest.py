"""Contract tests: one behaviour spec run against every adapter of a port.

The `pubsub_emulator_host` fixture comes from `tests.support.pubsub_emulator`, registered as a
plugin by the top-level tests/conftest.py.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from infra.cache.aio import AioCache
from tests.support.caches import redis_caches
from tests.support.proxy import TcpProxy


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def cache(request: pytest.FixtureRequest) -> AsyncIterator[AioCache]:
    """The in-process cache, then Redis, each under a namespace of the test's own."""
    namespace = f"csms-test-{uuid.uuid4().hex}"  # tests never see each other's keys
    if request.param == "memory":
        adapter = AioCache.memory(namespace=namespace)
        try:
            yield adapter
        finally:
            await adapter.close()
        return
    async with redis_caches(namespace) as (adapter,):
        yield adapter


@pytest.fixture
async def emulator_proxy(pubsub_emulator_host: str) -> AsyncIterator[TcpProxy]:
    """A TCP proxy in front of the session's Pub/Sub emulator, which a test can make hang."""
    host, port = pubsub_emulator_host.rsplit(":", 1)
    proxy = TcpProxy(host, int(port))
    await proxy.start()
    yield proxy
    await proxy.stop()
