"""The security store's in-memory twin, for tests."""

from __future__ import annotations

from datetime import datetime

from modules.kernel.pages import matches, newest_first
from modules.security.records import SecurityEventView


class MemorySecurityStore:
    """SecurityStore in a list; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.events: list[SecurityEventView] = []

    async def add_security_event(
        self,
        station_id: str,
        type: str,
        timestamp: datetime,
        tech_info: str | None,
        received_at: datetime,
    ) -> None:
        """Append the event with the next id."""
        self.events.append(
            SecurityEventView(
                id=len(self.events) + 1,
                station_id=station_id,
                type=type,
                timestamp=timestamp,
                tech_info=tech_info,
                received_at=received_at,
            )
        )

    async def security_events(
        self, station_id: str | None, type: str | None, limit: int, before_id: int | None
    ) -> list[SecurityEventView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [row for row in self.events if matches(row, station_id=station_id, type=type)]
        return newest_first(mine, lambda row: row.id, limit, before_id)
