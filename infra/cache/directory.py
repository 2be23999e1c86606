"""The station directory: which node holds each connected station's websocket."""

from __future__ import annotations

from modules.kernel.ports import Cache

_PREFIX = "station-node:"


class StationDirectory:
    """Station id -> node id, kept in the shared cache."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    async def register(self, station_id: str, node_id: str) -> None:
        """Record that `station_id` is connected to `node_id`."""
        await self._cache.set(_PREFIX + station_id, node_id)

    async def lookup(self, station_id: str) -> str | None:
        """The node holding the station, or None when it is not connected anywhere."""
        return await self._cache.get(_PREFIX + station_id)

    async def unregister(self, station_id: str, node_id: str) -> None:
        """Forget the station, unless another node has taken it over meanwhile."""
        if await self._cache.get(_PREFIX + station_id) == node_id:
            await self._cache.delete(_PREFIX + station_id)
