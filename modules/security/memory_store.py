"""The security store's in-memory twin, for tests."""

from __future__ import annotations

from dataclasses import asdict

from modules.kernel.pages import matches, newest_first
from modules.security.records import ReportedSecurityEvent, SecurityEventView


class MemorySecurityStore:
    """SecurityStore in a list; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.events: list[SecurityEventView] = []

    async def add_security_event(self, event: ReportedSecurityEvent) -> bool:
        """Append the event with the next id, unless its natural key is stored already."""
        key = (event.station_id, event.type, event.timestamp, event.tech_info or "")
        if any(
            (row.station_id, row.type, row.timestamp, row.tech_info or "") == key
            for row in self.events
        ):
            return False
        self.events.append(SecurityEventView(id=len(self.events) + 1, **asdict(event)))
        return True

    async def security_events(
        self, station_id: str | None, type: str | None, limit: int, before_id: int | None
    ) -> list[SecurityEventView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [row for row in self.events if matches(row, station_id=station_id, type=type)]
        return newest_first(mine, lambda row: row.id, limit, before_id)
