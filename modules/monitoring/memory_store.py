"""The monitoring store's in-memory twin, for tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ocpp.v201 import datatypes

from modules.kernel.pages import matches, newest_first
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring.records import ReportedMonitorView, StationAlertView
from modules.monitoring.store import Part


def _where(component: datatypes.ComponentType, variable: datatypes.VariableType) -> dict[str, Any]:
    """The views' component and variable fields."""
    evse = component.evse
    return {
        "component": component.name,
        "component_instance": component.instance,
        "evse_id": evse.id if evse else None,
        "connector_id": evse.connector_id if evse else None,
        "variable": variable.name,
        "variable_instance": variable.instance,
    }


class MemoryMonitoringStore:
    """MonitoringStore in lists; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.alerts: list[StationAlertView] = []
        self.monitors: list[tuple[int, str, ReportedMonitorView]] = []

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> None:
        """Append every item with the next ids."""
        for item in items:
            self.alerts.append(
                StationAlertView(
                    id=len(self.alerts) + 1,
                    station_id=part.station_id,
                    event_id=item.event_id,
                    timestamp=parse_ocpp_datetime(item.timestamp),
                    trigger=item.trigger.value,
                    cause=item.cause,
                    actual_value=item.actual_value,
                    tech_code=item.tech_code,
                    tech_info=item.tech_info,
                    cleared=item.cleared,
                    transaction_id=item.transaction_id,
                    variable_monitoring_id=item.variable_monitoring_id,
                    event_notification_type=item.event_notification_type.value,
                    **_where(item.component, item.variable),
                    seq_no=part.seq_no,
                    tbc=part.tbc,
                    generated_at=part.generated_at,
                    received_at=part.received_at,
                )
            )

    async def add_monitors(
        self, part: Part, request_id: int, monitors: Sequence[datatypes.MonitoringDataType]
    ) -> None:
        """Append every monitor with the next ids."""
        for data in monitors:
            where = _where(data.component, data.variable)
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
