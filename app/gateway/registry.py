"""The connections held by this node."""

from __future__ import annotations

from app.gateway.connection import StationConnection


class ConnectionRegistry:
    """Station id -> its live connection on this node; a newer connection replaces an older."""

    def __init__(self) -> None:
        self._connections: dict[str, StationConnection] = {}

    def add(self, connection: StationConnection) -> StationConnection | None:
        """Register `connection`; returns the connection it replaces, if any."""
        previous = self._connections.get(connection.station_id)
        self._connections[connection.station_id] = connection
        return previous

    def remove(self, connection: StationConnection) -> bool:
        """Forget `connection` unless it was already replaced; True if it was current."""
        if self._connections.get(connection.station_id) is connection:
            del self._connections[connection.station_id]
            return True
        return False

    def get(self, station_id: str) -> StationConnection | None:
        """The current connection of `station_id` on this node."""
        return self._connections.get(station_id)

    def all(self) -> list[StationConnection]:
        """Every current connection."""
        return list(self._connections.values())

    def __len__(self) -> int:
        return len(self._connections)
