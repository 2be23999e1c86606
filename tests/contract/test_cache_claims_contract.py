"""The station directory's two atomic steps on the cache (`claim_newest`, `delete_if_equal`,
infra/cache/claims.py), run against the in-process cache and against Redis: the Lua scripts and
their Python twin decide alike, down to ids of odd shapes."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from infra.cache.aio import AioCache
from infra.cache.claims import Claimed
from modules.kernel.connection_ids import connection_id
from modules.kernel.outages import CACHE, DependencyUnavailable
from tests.support.caches import delete_namespace
from tests.support.proxy import TcpProxy

KEY = "station-node:CS1"
WAIT = 10.0
"""Only a guard against hanging: every wait ends as soon as its condition holds."""


def entry(node: str, generation: int) -> str:
    return f"{node} {connection_id(generation)}"


async def test_a_claim_on_an_empty_key_stores_it(cache: AioCache) -> None:
    mine = entry("node-a", 5)

    assert await cache.claim_newest(KEY, mine) == Claimed(stored=True, previous=None)
    assert await cache.get(KEY) == mine


async def test_a_claim_replaces_an_older_entry_and_says_which(cache: AioCache) -> None:
    older, newer = entry("node-a", 5), entry("node-b", 6)
    await cache.claim_newest(KEY, older)

    assert await cache.claim_newest(KEY, newer) == Claimed(stored=True, previous=older)
    assert await cache.get(KEY) == newer


async def test_a_claim_replaces_an_entry_of_the_same_generation(cache: AioCache) -> None:
    first, again = entry("node-a", 5), entry("node-b", 5)
    await cache.claim_newest(KEY, first)

    assert await cache.claim_newest(KEY, again) == Claimed(stored=True, previous=first)
    assert await cache.get(KEY) == again


async def test_an_older_claim_leaves_a_newer_entry_and_names_it(cache: AioCache) -> None:
    newer, older = entry("node-b", 0x10), entry("node-a", 0xF)  # 0x10 > 0xf: not as "1" < "f"
    await cache.claim_newest(KEY, newer)

    assert await cache.claim_newest(KEY, older) == Claimed(stored=False, previous=newer)
    assert await cache.get(KEY) == newer


def generation_zero_entries() -> dict[str, str]:
    """Entries whose connection id is not of the generation shape (counted as 0): one of each
    odd shape, most of them generation 1 to a loose reading such as `int(id[:16], 16)`."""
    well_formed = connection_id(1)
    suffix = well_formed[16:]
    return {
        "no-space": f"node-a{well_formed}",
        "empty-id": "node-a ",
        "short-id": f"node-a {well_formed[:-1]}",
        "long-id": f"node-a {well_formed}0",
        "no-dash": f"node-a {well_formed[:16]}x{suffix[1:]}",
        "hex-prefix": f"node-a 0x{'0' * 13}1{suffix}",
        "underscores": f"node-a {'0_' * 7}01{suffix}",
        "sign": f"node-a +{'0' * 14}1{suffix}",
        "padded": f"node-a  {'0' * 14}1{suffix}",
        "not-hex": f"node-a {'0' * 15}g{suffix}",
    }


@pytest.mark.parametrize("shape", list(generation_zero_entries()))
async def test_an_id_of_another_shape_counts_as_generation_zero(
    cache: AioCache, shape: str
) -> None:
    odd, newest = generation_zero_entries()[shape], entry("node-b", 1)
    await cache.claim_newest(KEY, newest)

    assert await cache.claim_newest(KEY, odd) == Claimed(stored=False, previous=newest)
    await cache.delete(KEY)
    await cache.claim_newest(KEY, odd)
    assert await cache.claim_newest(KEY, newest) == Claimed(stored=True, previous=odd)


async def test_upper_case_hex_is_read_as_its_number(cache: AioCache) -> None:
    upper = "node-a " + connection_id(0xAB).upper()  # 0xab: above 0xa0, below 0xac
    await cache.claim_newest(KEY, upper)

    assert (await cache.claim_newest(KEY, entry("node-b", 0xA0))).stored is False
    assert (await cache.claim_newest(KEY, entry("node-b", 0xAC))).stored is True


async def test_a_claim_keeps_no_expiry_of_the_entry_it_replaces(cache: AioCache) -> None:
    await cache.set(KEY, entry("node-a", 1), ttl=0.5)
    await cache.claim_newest(KEY, mine := entry("node-b", 2))
    await cache.set("marker", "m", ttl=0.5)  # set after the entry's expiry, so it ends after it

    async with asyncio.timeout(WAIT):
        while await cache.get("marker") is not None:  # noqa: ASYNC110 - polling is the point
            await asyncio.sleep(0.05)

    assert await cache.get(KEY) == mine


async def test_delete_if_equal_removes_the_entry_it_names(cache: AioCache) -> None:
    mine = entry("node-a", 5)
    await cache.claim_newest(KEY, mine)

    assert await cache.delete_if_equal(KEY, mine) is True
    assert await cache.get(KEY) is None


async def test_delete_if_equal_leaves_any_other_entry(cache: AioCache) -> None:
    older, newer = entry("node-a", 5), entry("node-a", 6)
    await cache.claim_newest(KEY, newer)

    assert await cache.delete_if_equal(KEY, older) is False
    assert await cache.delete_if_equal(KEY, newer.replace("node-a", "node-b")) is False
    assert await cache.get(KEY) == newer


async def test_delete_if_equal_on_a_missing_key_is_harmless(cache: AioCache) -> None:
    assert await cache.delete_if_equal(KEY, entry("node-a", 5)) is False
    assert await cache.get(KEY) is None


# --- outages (the same mapping as every other cache call) ------------------------------------


@pytest.fixture
async def redis_proxy() -> AsyncIterator[TcpProxy]:
    """A proxy in front of the Redis server, forwarding."""
    proxy = TcpProxy("127.0.0.1", 6379)
    await proxy.start()
    yield proxy
    await proxy.stop()


async def test_the_steps_on_an_unreachable_redis_name_the_cache() -> None:
    unreachable = AioCache.redis("redis://127.0.0.1:1/0", namespace=f"x-{uuid.uuid4().hex}")
    try:
        with pytest.raises(DependencyUnavailable) as claiming:
            await unreachable.claim_newest(KEY, entry("node-a", 5))
        with pytest.raises(DependencyUnavailable) as deleting:
            await unreachable.delete_if_equal(KEY, entry("node-a", 5))
    finally:
        await unreachable.close()

    assert claiming.value.dependency == deleting.value.dependency == CACHE


@pytest.mark.redis
async def test_the_steps_on_a_hanging_redis_end_at_the_deadline_naming_the_cache(
    redis_proxy: TcpProxy,
) -> None:
    namespace = f"csms-test-{uuid.uuid4().hex}"
    hanging = AioCache.redis(
        f"redis://127.0.0.1:{redis_proxy.port}/0", namespace=namespace, timeout=0.3
    )
    try:
        assert await hanging.ping() is True
        await redis_proxy.hang()
        async with asyncio.timeout(WAIT):
            with pytest.raises(DependencyUnavailable) as claiming:
                await hanging.claim_newest(KEY, entry("node-a", 5))
            with pytest.raises(DependencyUnavailable) as deleting:
                await hanging.delete_if_equal(KEY, entry("node-a", 5))
    finally:
        await hanging.close()
        await delete_namespace(namespace)

    assert claiming.value.dependency == deleting.value.dependency == CACHE
