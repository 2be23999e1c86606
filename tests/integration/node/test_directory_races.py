"""The station directory under races (issue 20 item 2, fencing): many connections of one
station claiming at once from several nodes, each node with its own Redis client, and a late
unregister of an old connection racing a newer claim. Whatever order Redis runs them in, the
entry ends with the newest connection, and every other claimant learns it lost exactly once:
told stale by its own claim, or evicted by the claim that replaced it. The in-process cache
(one node) runs the same cases."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import AsyncIterator, Awaitable

import pytest

from infra.cache.aio import AioCache
from infra.cache.directory import StationDirectory
from tests.support.caches import redis_caches

NODES = 4
CLAIMANTS = 24
ROUNDS = 12
RACES = 200


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def directories(request: pytest.FixtureRequest) -> AsyncIterator[list[StationDirectory]]:
    """One directory per node over a cache shared by all: on Redis, one client each."""
    namespace = f"csms-test-{uuid.uuid4().hex}"
    if request.param == "memory":
        cache = AioCache.memory(namespace=namespace)
        yield [StationDirectory(cache)] * NODES
        await cache.close()
        return
    async with redis_caches(namespace, count=NODES) as caches:
        yield [StationDirectory(cache) for cache in caches]


async def test_concurrent_claims_leave_the_newest_and_every_other_claimant_learns_it_lost(
    directories: list[StationDirectory],
) -> None:
    """Each claimant names a node of its own, so an eviction says which claimant it tells."""
    shuffle = random.Random(2020).shuffle
    for round_number in range(ROUNDS):
        station = f"CS-{round_number}"
        connections = [await directories[0].new_connection_id(station) for _ in range(CLAIMANTS)]
        newest = max(connections)  # ids order by generation as text
        shuffle(connections)
        node_of = {connection: f"node-{index}" for index, connection in enumerate(connections)}

        claims = await asyncio.gather(
            *(
                directories[index % NODES].claim(station, node_of[connection], connection)
                for index, connection in enumerate(connections)
            )
        )

        claim_of = dict(zip(connections, claims, strict=True))
        evicted = [node for claim in claims for node in claim.evict]
        told_stale = [node_of[c] for c in connections if claim_of[c].stale]
        losers = [node_of[c] for c in connections if c != newest]
        assert not claim_of[newest].stale and node_of[newest] not in evicted
        assert sorted(evicted + told_stale) == sorted(losers)  # each loser once, no one else
        for directory in directories:
            assert await directory.lookup(station) == node_of[newest]
        await _entry_is_the_newest_connections(directories, station, node_of, newest)


async def _entry_is_the_newest_connections(
    directories: list[StationDirectory], station: str, node_of: dict[str, str], newest: str
) -> None:
    """Only the newest connection's own unregister removes the entry."""
    for connection, node in node_of.items():
        if connection != newest:
            await directories[1].unregister(station, node, connection)
    assert await directories[2].lookup(station) == node_of[newest]
    await directories[3].unregister(station, node_of[newest], newest)
    assert await directories[0].lookup(station) is None


async def after_turns(turns: int, step: Awaitable[None]) -> None:
    """`step`, started after `turns` turns of the event loop: spreads the racers' commands."""
    for _ in range(turns):
        await asyncio.sleep(0)
    await step


async def test_a_late_unregister_racing_a_newer_claim_never_removes_it(
    directories: list[StationDirectory],
) -> None:
    """The old connection's node unregisters it (and retries, through other clients) while the
    new connection's node claims the station."""
    turns = random.Random(2021).randrange
    for race in range(RACES):
        station = f"CS-{race}"
        older = await directories[0].new_connection_id(station)
        await directories[0].claim(station, "node-a", older)
        newer = await directories[1].new_connection_id(station)

        await asyncio.gather(
            after_turns(turns(4), _claimed(directories[1], station, "node-b", newer)),
            *(
                after_turns(turns(12), directory.unregister(station, "node-a", older))
                for directory in (directories[0], directories[2], directories[3])
            ),
        )

        for directory in directories:
            assert await directory.lookup(station) == "node-b"


async def _claimed(directory: StationDirectory, station: str, node: str, connection: str) -> None:
    assert (await directory.claim(station, node, connection)).stale is False
