"""The security reads GraphQL uses: the security event feed, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from modules.security.records import SecurityEventView

if TYPE_CHECKING:
    from modules.security.store import SecurityStore


class SecurityQueries:
    """Reads of stored security events."""

    def __init__(self, store: SecurityStore) -> None:
        self._store = store

    async def security_events(
        self,
        station_id: str | None = None,
        type: str | None = None,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[SecurityEventView]:
        """Up to `limit` events, newest (last received) first, of one station (or the fleet
        when `station_id` is None), of one `type` when given, older than `before_id` when
        given."""
        return await self._store.security_events(station_id, type, limit, before_id)
