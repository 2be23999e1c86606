"""The `Cache` port contract and the station directory built on it, run against the in-process
cache and against Redis (the `cache` fixture of tests/contract/conftest.py).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable

import pytest

from infra.cache.aio import AioCache
from infra.cache.directory import SEED_FLOOR, StationDirectory
from modules.kernel.connection_ids import generation_of

WAIT = 10.0
"""Only a guard against hanging: every wait ends as soon as its condition holds."""


async def eventually(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    try:
        async with asyncio.timeout(WAIT):
            while not await condition():  # noqa: ASYNC110 - polling the store is the point
                await asyncio.sleep(0.05)
    except TimeoutError:
        pytest.fail(f"timed out waiting for {what}")


# --- Cache --------------------------------------------------------------------------------------


async def test_a_missing_key_is_none(cache: AioCache) -> None:
    assert await cache.get("never-set") is None


async def test_a_stored_value_is_returned(cache: AioCache) -> None:
    await cache.set("key", "value")

    assert await cache.get("key") == "value"


async def test_values_keep_their_exact_text(cache: AioCache) -> None:
    texts = {"empty": "", "unicode": "Grüße ⚡", "spaces": "  a b  ", "json": '{"a": [1, null]}'}
    for key, text in texts.items():
        await cache.set(key, text)

    for key, text in texts.items():
        assert await cache.get(key) == text


async def test_keys_are_independent(cache: AioCache) -> None:
    await cache.set("one", "1")
    await cache.set("two", "2")

    assert await cache.get("one") == "1"
    assert await cache.get("two") == "2"


async def test_set_overwrites(cache: AioCache) -> None:
    await cache.set("key", "first")
    await cache.set("key", "second")

    assert await cache.get("key") == "second"


async def test_delete_removes_the_key(cache: AioCache) -> None:
    await cache.set("key", "value")
    await cache.set("other", "kept")

    await cache.delete("key")

    assert await cache.get("key") is None
    assert await cache.get("other") == "kept"


async def test_deleting_a_missing_key_is_harmless(cache: AioCache) -> None:
    await cache.delete("never-set")

    assert await cache.get("never-set") is None


async def test_increment_counts_from_zero_and_adds_its_delta(cache: AioCache) -> None:
    assert await cache.increment("counter") == 1
    assert await cache.increment("counter") == 2
    assert await cache.increment("counter", 1000) == 1002
    assert await cache.get("counter") == "1002"


async def test_concurrent_increments_are_all_counted(cache: AioCache) -> None:
    results = await asyncio.gather(*(cache.increment("shared") for _ in range(50)))

    assert sorted(results) == list(range(1, 51))


async def gone(cache: AioCache, key: str) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await cache.get(key) is None

    return check


@pytest.mark.parametrize("ttl", [1, 0.5], ids=["whole-seconds", "fraction-of-a-second"])
async def test_a_value_with_a_ttl_expires(cache: AioCache, ttl: float) -> None:
    await cache.set("short-lived", "value", ttl=ttl)
    await cache.set("forever", "value")
    assert await cache.get("short-lived") == "value"

    await eventually(await gone(cache, "short-lived"), "the key to expire")

    assert await cache.get("forever") == "value"


async def test_overwriting_without_a_ttl_cancels_the_expiry(cache: AioCache) -> None:
    await cache.set("key", "first", ttl=1)
    await cache.set("key", "second")
    await cache.set("marker", "m", ttl=1)  # set after `key`'s expiry, so it expires after it

    await eventually(await gone(cache, "marker"), "the marker to expire")

    assert await cache.get("key") == "second"


async def test_overwriting_with_a_new_ttl_restarts_the_expiry(cache: AioCache) -> None:
    await cache.set("key", "first", ttl=1)
    await cache.set("key", "second", ttl=1)

    assert await cache.get("key") == "second"
    await eventually(await gone(cache, "key"), "the key to expire")


async def test_ping_is_true_when_reachable(cache: AioCache) -> None:
    assert await cache.ping() is True


async def test_ping_is_false_when_redis_cannot_be_reached() -> None:
    unreachable = AioCache.redis("redis://127.0.0.1:1/0", namespace=f"x-{uuid.uuid4().hex}")
    try:
        assert await unreachable.ping() is False
    finally:
        await unreachable.close()


# --- StationDirectory ---------------------------------------------------------------------------


async def _claimed(directory: StationDirectory, station: str, node: str) -> str:
    connection = await directory.new_connection_id(station)
    claim = await directory.claim(station, node, connection)
    assert claim.stale is False
    return connection


async def test_a_claimed_station_is_found_on_its_node(cache: AioCache) -> None:
    directory = StationDirectory(cache)

    await _claimed(directory, "CS1", "node-a")
    await _claimed(directory, "CS2", "node-b")

    assert await directory.lookup("CS1") == "node-a"
    assert await directory.lookup("CS2") == "node-b"


async def test_an_unknown_station_is_not_connected_anywhere(cache: AioCache) -> None:
    assert await StationDirectory(cache).lookup("CS1") is None


async def test_unregister_by_the_holding_connection_removes_the_station(cache: AioCache) -> None:
    directory = StationDirectory(cache)
    connection = await _claimed(directory, "CS1", "node-a")

    await directory.unregister("CS1", "node-a", connection)

    assert await directory.lookup("CS1") is None


async def test_unregister_by_another_connection_leaves_the_station(cache: AioCache) -> None:
    directory = StationDirectory(cache)
    older = await _claimed(directory, "CS1", "node-a")
    await _claimed(directory, "CS1", "node-a")

    await directory.unregister("CS1", "node-a", older)
    await directory.unregister("CS1", "node-b", older)

    assert await directory.lookup("CS1") == "node-a"


async def test_a_reconnect_on_another_node_takes_the_station_over(cache: AioCache) -> None:
    directory = StationDirectory(cache)
    older = await _claimed(directory, "CS1", "node-a")

    newer = await directory.new_connection_id("CS1")
    claim = await directory.claim("CS1", "node-b", newer)
    await directory.unregister("CS1", "node-a", older)  # the old node's late disconnect

    assert claim.evict == frozenset({"node-a"})
    assert await directory.lookup("CS1") == "node-b"


async def test_connection_ids_grow_per_station_and_start_above_the_clock(cache: AioCache) -> None:
    """Issue 20 item 2: a counter the cache lost starts again above every earlier one."""
    directory = StationDirectory(cache)
    first = await directory.new_connection_id("CS1")
    second = await directory.new_connection_id("CS1")

    assert generation_of(first) >= SEED_FLOOR
    assert generation_of(second) == generation_of(first) + 1
    assert second > first  # as text too, as SQL compares them


async def test_an_older_connection_cannot_claim_over_a_newer_one(cache: AioCache) -> None:
    directory = StationDirectory(cache)
    older = await directory.new_connection_id("CS1")
    await _claimed(directory, "CS1", "node-b")

    claim = await directory.claim("CS1", "node-a", older)

    assert claim.stale is True
    assert await directory.lookup("CS1") == "node-b"


async def test_unregistering_an_unknown_station_is_harmless(cache: AioCache) -> None:
    directory = StationDirectory(cache)

    await directory.unregister("CS1", "node-a", "c-1")

    assert await directory.lookup("CS1") is None


async def test_nodes_sharing_the_cache_see_each_others_registrations(cache: AioCache) -> None:
    on_node_a, on_node_b = StationDirectory(cache), StationDirectory(cache)

    await _claimed(on_node_a, "CS1", "node-a")

    assert await on_node_b.lookup("CS1") == "node-a"
