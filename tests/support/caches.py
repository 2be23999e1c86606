"""Caches for tests: the in-process one, or Redis (127.0.0.1:6379) under a namespace of the
test's own, whose keys are deleted afterwards. A Redis run fails, it does not skip, when Redis
is down."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import redis.asyncio

from infra.cache.aio import DEFAULT_TIMEOUT, AioCache

REDIS_URL = "redis://127.0.0.1:6379/0"


async def delete_namespace(namespace: str) -> None:
    """Delete every Redis key under `namespace`."""
    client = redis.asyncio.Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{namespace}:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


@asynccontextmanager
async def redis_caches(
    namespace: str, count: int = 1, timeout: float = DEFAULT_TIMEOUT
) -> AsyncIterator[list[AioCache]]:
    """`count` independent Redis clients (one connection pool each, as on separate nodes)
    sharing `namespace`; its keys are deleted afterwards."""
    caches = [AioCache.redis(REDIS_URL, namespace=namespace, timeout=timeout) for _ in range(count)]
    try:
        if not await caches[0].ping():
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        yield caches
    finally:
        for cache in caches:
            await cache.close()
        await delete_namespace(namespace)
