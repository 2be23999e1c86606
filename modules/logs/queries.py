"""The log reads GraphQL uses: a station's GetLog requests with their timelines and files,
and its LogStatusNotifications (with or without a requestId)."""

from __future__ import annotations

from modules.kernel.services import OnStore
from modules.logs.records import LogRequestRecord, LogStatusReport
from modules.logs.store import LogStore


class LogQueries(OnStore[LogStore]):
    """Reads of log requests and statuses."""

    async def request(self, station_id: str, request_id: int) -> LogRequestRecord | None:
        """The station's request `request_id` with its timeline and file, or None."""
        return await self._store.request(station_id, request_id)

    async def requests(
        self, station_id: str, limit: int = 100, before_row: int | None = None
    ) -> list[LogRequestRecord]:
        """Up to `limit` requests of the station, newest first, older than `before_row` when
        given."""
        return await self._store.requests(station_id, limit, before_row)

    async def statuses(
        self, station_id: str, limit: int = 100, before_id: int | None = None
    ) -> list[LogStatusReport]:
        """Up to `limit` LogStatusNotifications of the station, newest first, older than
        `before_id` when given."""
        return await self._store.statuses(station_id, limit, before_id)
