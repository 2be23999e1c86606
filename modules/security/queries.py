"""The security reads GraphQL uses: the security event feed, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modules.security.store import SecurityStore


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityEventView:
    """One stored security event; `id` orders the feed (later received, higher)."""

    id: int
    station_id: str
    type: str
    timestamp: datetime
    tech_info: str | None
    received_at: datetime


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
