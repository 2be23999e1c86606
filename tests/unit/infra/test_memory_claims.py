"""The in-process twin of the station directory's atomic steps (infra/cache/claims.py): it
never suspends between reading and writing, so no other task runs in between, and the
directory reads its results as on Redis (the shared cases are in
tests/contract/test_cache_claims_contract.py)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest

from infra.cache.aio import AioCache
from infra.cache.claims import Claimed, generation_held
from infra.cache.directory import Claim, StationDirectory
from modules.kernel.connection_ids import connection_id

T = TypeVar("T")
KEY = "station-node:CS1"


def without_suspending(step: Coroutine[Any, Any, T]) -> T:
    """`step`'s result, failing if it yields to the event loop on the way."""
    try:
        step.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    step.close()
    pytest.fail("the step suspended: another task could run between its read and its write")


def entry(node: str, generation: int) -> str:
    return f"{node} {connection_id(generation)}"


@pytest.mark.parametrize(
    ("held", "generation"),
    [
        (entry("node-a", 0x1F), 0x1F),
        (f"node-a {connection_id(2**63).upper()}", 2**63),
        ("node-a", 0),
        ("node-a c-1", 0),
        (f"node-a 0x{'0' * 13}1{connection_id(1)[16:]}", 0),
    ],
    ids=["lower-case", "upper-case-above-2^53", "no-id", "old-id", "hex-prefix"],
)
def test_the_generation_held_is_read_from_the_connection_id(held: str, generation: int) -> None:
    assert generation_held(held) == generation


def test_a_claim_reads_and_writes_without_suspending() -> None:
    cache = AioCache.memory(namespace="t")
    older, newer = entry("node-a", 1), entry("node-b", 2)

    assert without_suspending(cache.claim_newest(KEY, older)) == Claimed(True, None)
    assert without_suspending(cache.claim_newest(KEY, newer)) == Claimed(True, older)
    assert without_suspending(cache.claim_newest(KEY, older)) == Claimed(False, newer)


def test_a_delete_if_equal_reads_and_deletes_without_suspending() -> None:
    cache = AioCache.memory(namespace="t")
    mine = entry("node-a", 1)
    without_suspending(cache.claim_newest(KEY, mine))

    assert without_suspending(cache.delete_if_equal(KEY, entry("node-a", 2))) is False
    assert without_suspending(cache.delete_if_equal(KEY, mine)) is True
    assert without_suspending(cache.get(KEY)) is None


async def test_a_lost_claim_evicts_nobody() -> None:
    directory = StationDirectory(AioCache.memory(namespace="t"))
    older = await directory.new_connection_id("CS1")
    newer = await directory.new_connection_id("CS1")
    await directory.claim("CS1", "node-b", newer)

    assert await directory.claim("CS1", "node-a", older) == Claim(stale=True)


async def test_replacing_the_same_nodes_older_connection_evicts_nobody() -> None:
    """The node closes its own older socket itself (its registry), not through the bus."""
    directory = StationDirectory(AioCache.memory(namespace="t"))
    older = await directory.new_connection_id("CS1")
    newer = await directory.new_connection_id("CS1")
    await directory.claim("CS1", "node-a", older)

    assert await directory.claim("CS1", "node-a", newer) == Claim(stale=False)


async def test_replacing_another_nodes_connection_evicts_that_node_only() -> None:
    directory = StationDirectory(AioCache.memory(namespace="t"))
    first, second, third = [await directory.new_connection_id("CS1") for _ in range(3)]
    await directory.claim("CS1", "node-a", first)
    await directory.claim("CS1", "node-b", second)

    assert await directory.claim("CS1", "node-c", third) == Claim(
        stale=False, evict=frozenset({"node-b"})
    )
