"""The monitoring store's in-memory twin, for tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from ocpp.v201 import datatypes

from modules.kernel.pages import matches, newest_first
from modules.kernel.records import component_variable, record_of
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring.records import ReportedMonitorView, StationAlertView
from modules.monitoring.store import Part


class MemoryMonitoringStore:
    """MonitoringStore in lists; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.alerts: list[StationAlertView] = []
        self.monitors: list[tuple[int, str, ReportedMonitorView]] = []

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> None:
        """Append every item with the next ids."""
        for item in items:
            self.alerts.append(
                record_of(
                    StationAlertView,
                    item,
                    id=len(self.alerts) + 1,
                    timestamp=parse_ocpp_datetime(item.timestamp),
                    trigger=item.trigger.value,
                    event_notification_type=item.event_notification_type.value,
                    **component_variable(item.component, item.variable),
                    **asdict(part),
                )
            )

    async def add_monitors(
        self, part: Part, request_id: int, monitors: Sequence[datatypes.MonitoringDataType]
    ) -> None:
        """Append every monitor with the next ids."""
        for data in monitors:
            where = component_variable(data.component, data.variable)
            for monitor in data.variable_monitoring:
                view = ReportedMonitorView(
                    request_id=request_id,
                    seq_no=part.seq_no,
                    generated_at=part.generated_at,
                    **where,
                    monitor_id=monitor.id,
                    transaction=monitor.transaction,
                    type=monitor.type.value,
                    severity=monitor.severity,
                    value=float(monitor.value),
                )
                self.monitors.append((len(self.monitors) + 1, part.station_id, view))

    async def station_alerts(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[StationAlertView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [row for row in self.alerts if matches(row, station_id=station_id)]
        return newest_first(mine, lambda row: row.id, limit, before_id)

    async def last_report_request_id(self, station_id: str) -> int | None:
        """The requestId of the station's last monitor."""
        for _, station, view in reversed(self.monitors):
            if station == station_id:
                return view.request_id
        return None

    async def reported_monitors(
        self, station_id: str, request_id: int, limit: int
    ) -> list[ReportedMonitorView]:
        """By seqNo, then as received."""
        rows = sorted(
            (
                (view.seq_no, row_id, view)
                for row_id, station, view in self.monitors
                if station == station_id and view.request_id == request_id
            ),
            key=lambda entry: (entry[0], entry[1]),
        )
        return [view for _, _, view in rows[:limit]]
