"""The station directory: which node holds each connected station's websocket, and the
generation counter that orders a station's connections (issue 20 item 2, fencing).

An entry is `station-node:<station id>` = "<node id> <connection id>". It is claimed and
forgotten in one atomic step each (`infra/cache/claims.py`): nodes claiming at once end with
the newest connection's entry, and a late unregister never removes a newer one's entry."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from infra.cache.claims import Claimed
from modules.kernel.connection_ids import connection_id
from modules.kernel.ports import Cache

_PREFIX = "station-node:"
_GENERATION = "station-generation:"
SEED_FLOOR = 10**12
"""A counter below this was just created, or the cache lost it: it is moved up by the clock
in milliseconds, so it stays above every generation handed out before."""


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


class DirectoryCache(Cache, Protocol):
    """The Cache port plus the two atomic steps the directory's entries need."""

    async def claim_newest(self, key: str, entry: str) -> Claimed:
        """Store `entry` unless `key` holds one of a later generation, atomically."""
        ...

    async def delete_if_equal(self, key: str, entry: str) -> bool:
        """Remove `key` if it still holds `entry`, atomically; True when it did."""
        ...


class StationDirectory:
    """Station id -> node id and connection id, kept in the shared cache."""

    def __init__(self, cache: DirectoryCache) -> None:
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
        already does; another node that held it for an older connection is to be evicted."""
        claimed = await self._cache.claim_newest(_PREFIX + station_id, _entry(node_id, connection))
        if not claimed.stored:
            return Claim(stale=True)
        holder = _parse(claimed.previous)
        if holder is None or holder[0] == node_id:
            return Claim(stale=False)
        return Claim(stale=False, evict=frozenset({holder[0]}))

    async def lookup(self, station_id: str) -> str | None:
        """The node holding the station, or None when it is not connected anywhere."""
        holder = _parse(await self._cache.get(_PREFIX + station_id))
        return None if holder is None else holder[0]

    async def unregister(self, station_id: str, node_id: str, connection: str) -> None:
        """Forget the station, unless another connection has taken it over meanwhile."""
        await self._cache.delete_if_equal(_PREFIX + station_id, _entry(node_id, connection))
