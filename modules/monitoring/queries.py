"""The monitoring reads GraphQL uses: the alert feed (NotifyEvent items, newest first) and the
monitors of one monitoring report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modules.monitoring.store import MonitoringStore

MAX_MONITORS = 10000
"""The most monitors one monitoring report read returns."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StationAlertView:
    """One stored eventData item of a NotifyEvent (N07); `id` orders the feed (later
    received, higher)."""

    id: int
    station_id: str
    event_id: int
    timestamp: datetime
    trigger: str
    cause: int | None
    actual_value: str
    tech_code: str | None
    tech_info: str | None
    cleared: bool | None
    transaction_id: str | None
    variable_monitoring_id: int | None
    event_notification_type: str
    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    seq_no: int
    tbc: bool
    generated_at: datetime
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedMonitorView:
    """One variable monitor a NotifyMonitoringReport part listed (N02); `monitor_id` is the
    monitor's id on the station."""

    request_id: int
    seq_no: int
    generated_at: datetime
    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    monitor_id: int
    transaction: bool
    type: str
    severity: int
    value: float


class MonitoringQueries:
    """Reads of stored alerts and monitoring reports."""

    def __init__(self, store: MonitoringStore) -> None:
        self._store = store

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
