"""The monitoring reads GraphQL uses: the alert feed (NotifyEvent items, newest first) and the
monitors of one monitoring report."""

from __future__ import annotations

from modules.kernel.services import OnStore
from modules.monitoring.records import ReportedMonitorView, StationAlertView
from modules.monitoring.store import MonitoringStore

MAX_MONITORS = 10000
"""The most monitors one monitoring report read returns."""


class MonitoringQueries(OnStore[MonitoringStore]):
    """Reads of stored alerts and monitoring reports."""

    async def station_alerts(
        self, station_id: str | None = None, limit: int = 100, before_id: int | None = None
    ) -> list[StationAlertView]:
        """Up to `limit` NotifyEvent items, newest (last received) first, of one station (or
        the fleet when `station_id` is None), older than `before_id` when given."""
        return await self._store.station_alerts(station_id, limit, before_id)

    async def monitoring_report(
        self, station_id: str, request_id: int | None = None
    ) -> list[ReportedMonitorView]:
        """The monitors of report `request_id` (the last report received when None), in the
        order the station listed them (by seqNo, then as received), at most MAX_MONITORS."""
        if request_id is None:
            request_id = await self._store.last_report_request_id(station_id)
            if request_id is None:
                return []
        return await self._store.reported_monitors(station_id, request_id, MAX_MONITORS)
