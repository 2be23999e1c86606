"""The station directory: which node holds each connected station's websocket, and the
generation counter that orders a station's connections (issue 20 item 2, fencing)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from modules.kernel.connection_ids import connection_id, generation_of
from modules.kernel.ports import Cache

_PREFIX = "station-node:"
_GENERATION = "station-generation:"
SEED_FLOOR = 10**12
"""A counter below this was just created, or the cache lost it: it is moved up by the clock
in milliseconds, so it stays above every generation handed out before."""
CLAIM_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Claim:
    """The result of claiming a station for a connection."""

    stale: bool
    """A newer connection holds the station: this one must close."""
    evict: frozenset[str] = field(default_factory=frozenset)
    """Other nodes that held the station for an older connection: tell them to close it."""


def _entry(node_id: str, connection: str) -> str:
    return f"{node_id} {connection}"


def _parse(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    node_id, _, connection = value.partition(" ")
    return node_id, connection


class StationDirectory:
    """Station id -> node id and connection id, kept in the shared cache."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    async def new_connection_id(self, station_id: str) -> str:
        """The id of the station's next connection, newer than every earlier one anywhere."""
        key = _GENERATION + station_id
        generation = await self._cache.increment(key)
        if generation < SEED_FLOOR:
            generation = await self._cache.increment(key, int(time.time() * 1000))
        return connection_id(generation)

    async def claim(self, station_id: str, node_id: str, connection: str) -> Claim:
        """Record that `connection` on `node_id` holds the station, unless a newer connection
        already does. The entry is read back after writing: when another node's write landed
        in between, the newer of the two wins on the next attempt."""
        key = _PREFIX + station_id
        mine = _entry(node_id, connection)
        evict: set[str] = set()
        for _ in range(CLAIM_ATTEMPTS):
            current = await self._cache.get(key)
            holder = _parse(current)
            if holder is not None:
                if generation_of(holder[1]) > generation_of(connection):
                    return Claim(stale=True, evict=frozenset(evict))
                if holder[0] != node_id:
                    evict.add(holder[0])
            if current != mine:
                await self._cache.set(key, mine)
            if await self._cache.get(key) == mine:
                break
        return Claim(stale=False, evict=frozenset(evict))

    async def lookup(self, station_id: str) -> str | None:
        """The node holding the station, or None when it is not connected anywhere."""
        holder = _parse(await self._cache.get(_PREFIX + station_id))
        return None if holder is None else holder[0]

    async def unregister(self, station_id: str, node_id: str, connection: str) -> None:
        """Forget the station, unless another connection has taken it over meanwhile."""
        key = _PREFIX + station_id
        if await self._cache.get(key) == _entry(node_id, connection):
            await self._cache.delete(key)
