"""The connections held by this node."""

from __future__ import annotations

from app.gateway.connection import StationConnection
from modules.kernel.connection_ids import is_newer


class ConnectionRegistry:
    """Station id -> its live connection on this node; a newer connection replaces an older."""

    def __init__(self) -> None:
        self._connections: dict[str, StationConnection] = {}

    def add(self, connection: StationConnection) -> StationConnection | None:
        """Keep the newer of `connection` and the station's current one; returns the other
        (to be closed), if any."""
        previous = self._connections.get(connection.station_id)
        if previous is not None and is_newer(previous.connection_id, connection.connection_id):
            return connection
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
