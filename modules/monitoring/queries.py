"""The monitoring reads GraphQL uses: the alert feed (NotifyEvent items, newest first), the
monitors of one monitoring report, the station's monitors, its monitoring reports, and the
alert states of the fleet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from modules.monitoring.policy import DEFAULT_REPORT_TIMEOUT_SECONDS, judge
from modules.monitoring.records import (
    AlertFilter,
    AlertStateView,
    JudgedReport,
    MonitoringStateView,
    MonitorView,
    ReportedMonitorView,
    StationAlertView,
)
from modules.monitoring.store import MonitoringStore

MAX_MONITORS = 10000
"""The most monitors one monitoring report read (or one station's monitors) returns."""
MAX_REPORTS = 100
"""The most monitoring reports one read returns."""


class MonitoringQueries:
    """Reads of stored alerts, monitors and monitoring reports."""

    def __init__(
        self,
        store: MonitoringStore,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        report_timeout: float = DEFAULT_REPORT_TIMEOUT_SECONDS,
    ) -> None:
        self._store = store
        self._now = now
        self._report_timeout = report_timeout

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

    async def monitors(self, station_id: str) -> list[MonitorView]:
        """The station's monitors as the CSMS knows them, by monitor id (at most
        MAX_MONITORS)."""
        return await self._store.monitors(station_id, MAX_MONITORS)

    async def monitors_by_key(self, keys: list[tuple[str, int]]) -> list[MonitorView | None]:
        """The stored monitor of each (station, monitor id) key, None where unknown, in the
        keys' order (a DataLoader's batch)."""
        found = await self._store.monitors_by_key(keys)
        by_key = {(view.station_id, view.monitor_id): view for view in found}
        return [by_key.get(key) for key in keys]

    async def monitoring_state(self, station_id: str) -> MonitoringStateView:
        """The monitoring base and level the station last accepted (empty when none)."""
        state = await self._store.monitoring_state(station_id)
        return state if state is not None else MonitoringStateView(station_id)

    async def alerts(
        self, wanted: AlertFilter, limit: int = 100, before_id: int | None = None
    ) -> list[AlertStateView]:
        """Up to `limit` alert states `wanted` selects, newest id first, below `before_id`."""
        return await self._store.alerts(wanted, limit, before_id)

    async def monitoring_reports(
        self, station_id: str, limit: int = MAX_REPORTS
    ) -> list[JudgedReport]:
        """The station's monitoring reports, newest request id first, each with its state."""
        now = self._now()
        reports = await self._store.reports(station_id, min(limit, MAX_REPORTS))
        return [judge(report, now, self._report_timeout) for report in reports]
