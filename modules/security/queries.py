"""The security reads GraphQL uses: the security event feed, newest first."""

from __future__ import annotations

from modules.kernel.services import OnStore
from modules.security.records import SecurityEventView
from modules.security.store import SecurityStore


class SecurityQueries(OnStore[SecurityStore]):
    """Reads of stored security events."""

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
