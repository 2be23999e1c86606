"""The monitoring store's in-memory twin, for tests."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from ocpp.v201 import datatypes

from modules.kernel.pages import matches, newest_first
from modules.kernel.records import component_variable, record_of
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring.policy import report_complete, variable_key
from modules.monitoring.records import (
    AlertFilter,
    AlertInput,
    AlertStateView,
    MonitoringReportRecord,
    MonitoringStateView,
    MonitorInput,
    MonitorView,
    Part,
    ReportedMonitorView,
    ReportPartOutcome,
    StationAlertView,
)


class MemoryMonitoringStore:
    """MonitoringStore in lists; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.event_items: list[StationAlertView] = []
        self.event_keys: set[tuple[str, datetime, int, int]] = set()
        self.reported: list[tuple[int, str, ReportedMonitorView]] = []
        self.station_monitors: dict[tuple[str, int], MonitorView] = {}
        self.states: dict[tuple[str, str], AlertStateView] = {}
        self.state_ids = 0
        self.requests: dict[tuple[str, int], MonitoringReportRecord] = {}
        self.report_parts: dict[tuple[str, int], set[int]] = {}
        self.states_set: dict[str, MonitoringStateView] = {}
        self.device_values: dict[tuple[str, str], str | None] = {}
        """Actual values of device-model variables by (station, key), as a test sets them."""

    async def add_event_items(self, part: Part, items: Sequence[datatypes.EventDataType]) -> bool:
        """Append every item whose natural key is not known yet, with the next ids."""
        stored = False
        for item in items:
            key = (part.station_id, part.generated_at, part.seq_no, item.event_id)
            if key in self.event_keys:
                continue
            self.event_keys.add(key)
            stored = True
            self.event_items.append(
                record_of(
                    StationAlertView,
                    item,
                    id=len(self.event_items) + 1,
                    timestamp=parse_ocpp_datetime(item.timestamp),
                    trigger=item.trigger.value,
                    event_notification_type=item.event_notification_type.value,
                    **component_variable(item.component, item.variable),
                    **asdict(part),
                )
            )
        return stored

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
                self.reported.append((len(self.reported) + 1, part.station_id, view))

    async def station_alerts(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[StationAlertView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [row for row in self.event_items if matches(row, station_id=station_id)]
        return newest_first(mine, lambda row: row.id, limit, before_id)

    async def last_report_request_id(self, station_id: str) -> int | None:
        """The requestId of the station's last monitor."""
        for _, station, view in reversed(self.reported):
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
                for row_id, station, view in self.reported
                if station == station_id and view.request_id == request_id
            ),
            key=lambda entry: (entry[0], entry[1]),
        )
        return [view for _, _, view in rows[:limit]]

    async def apply_alerts(
        self, station_id: str, changes: Sequence[AlertInput], now: datetime
    ) -> list[AlertStateView]:
        """As the SQL store: a newer state is kept, raised_at kept while raised."""
        written: list[AlertStateView] = []
        for change in changes:
            monitor = None
            if change.variable_monitoring_id is not None:
                monitor = self.station_monitors.get((station_id, change.variable_monitoring_id))
            key = variable_key(change)
            old = self.states.get((station_id, key))
            if old is not None and old.event_at > change.event_at:
                continue
            raised_at = change.event_at if change.active else None
            if old is not None and (not change.active or old.active):
                raised_at = old.raised_at if old.raised_at is not None else raised_at
            if old is None:
                self.state_ids += 1
            fields = {
                name: getattr(change, name)
                for name in (
                    "component",
                    "component_instance",
                    "evse_id",
                    "connector_id",
                    "variable",
                    "variable_instance",
                    "active",
                    "trigger",
                    "actual_value",
                    "event_id",
                    "variable_monitoring_id",
                    "event_notification_type",
                    "event_at",
                )
            }
            state = AlertStateView(
                **fields,
                id=old.id if old is not None else self.state_ids,
                station_id=station_id,
                variable_key=key,
                severity=monitor.severity if monitor else None,
                monitor_type=monitor.type if monitor else None,
                raised_at=raised_at,
                cleared_at=None if change.active else change.event_at,
                updated_at=now,
            )
            self.states[(station_id, key)] = state
            written.append(state)
        return written

    async def alerts(
        self, wanted: AlertFilter, limit: int, before_id: int | None
    ) -> list[AlertStateView]:
        """Filtered as the SQL store filters, newest id first."""
        rows = [
            row
            for row in self.states.values()
            if matches(row, station_id=wanted.station_id)
            and (not wanted.active_only or row.active)
            and (
                wanted.max_severity is None
                or (row.severity is not None and row.severity <= wanted.max_severity)
            )
        ]
        return newest_first(rows, lambda row: row.id, limit, before_id)

    async def upsert_monitors(
        self, station_id: str, monitors: Sequence[MonitorInput], now: datetime
    ) -> None:
        """Replace by monitor id."""
        for monitor in monitors:
            self.station_monitors[(station_id, monitor.monitor_id)] = MonitorView(
                **asdict(monitor),
                station_id=station_id,
                variable_key=variable_key(monitor),
                updated_at=now,
            )

    async def delete_monitors(self, station_id: str, monitor_ids: Collection[int] | None) -> None:
        """Drop by monitor id (all of the station's when None)."""
        for key in list(self.station_monitors):
            if key[0] == station_id and (monitor_ids is None or key[1] in monitor_ids):
                del self.station_monitors[key]

    async def prune_monitors(self, station_id: str, before: datetime) -> int:
        """Drop the station's monitors not written since `before`."""
        old = [
            key
            for key, monitor in self.station_monitors.items()
            if key[0] == station_id and monitor.updated_at < before
        ]
        for key in old:
            del self.station_monitors[key]
        return len(old)

    async def set_monitoring_state(
        self, station_id: str, now: datetime, base: str | None = None, level: int | None = None
    ) -> None:
        """The given fields replaced."""
        state = self.states_set.get(station_id) or MonitoringStateView(station_id)
        if base is not None:
            state = replace(state, monitoring_base=base, base_set_at=now)
        if level is not None:
            state = replace(state, monitoring_level=level, level_set_at=now)
        if base is not None or level is not None:
            self.states_set[station_id] = state

    async def monitoring_state(self, station_id: str) -> MonitoringStateView | None:
        """As set."""
        return self.states_set.get(station_id)

    async def monitors(self, station_id: str, limit: int) -> list[MonitorView]:
        """By monitor id."""
        mine = sorted(
            (view for key, view in self.station_monitors.items() if key[0] == station_id),
            key=lambda view: view.monitor_id,
        )
        return mine[:limit]

    async def monitors_by_key(self, keys: Collection[tuple[str, int]]) -> list[MonitorView]:
        """By (station, monitor id)."""
        return [self.station_monitors[key] for key in set(keys) if key in self.station_monitors]

    async def open_report(
        self,
        station_id: str,
        criteria: list[str] | None,
        component_variables: list[dict[str, Any]] | None,
        now: datetime,
    ) -> int | None:
        """One more than the station's highest request id (every station is known)."""
        used = [request_id for station, request_id in self.requests if station == station_id]
        request_id = max(used, default=0) + 1
        self.requests[(station_id, request_id)] = MonitoringReportRecord(
            station_id, request_id, criteria, component_variables, requested_at=now
        )
        return request_id

    async def record_report_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """On the report, when known."""
        key = (station_id, request_id)
        if key in self.requests:
            self.requests[key] = replace(self.requests[key], outcome=outcome, error_code=error_code)

    async def record_report_answer(
        self, station_id: str, request_id: int, status: str, reason: str | None
    ) -> None:
        """On the report, created if absent."""
        key = (station_id, request_id)
        report = self.requests.get(key) or MonitoringReportRecord(station_id, request_id)
        self.requests[key] = replace(report, outcome="RESULT", status=status, status_reason=reason)

    async def receive_report_part(
        self, station_id: str, request_id: int, part: Part, monitors: int
    ) -> ReportPartOutcome:
        """As the SQL store."""
        key = (station_id, request_id)
        report = self.requests.get(key) or MonitoringReportRecord(station_id, request_id)
        seen = self.report_parts.setdefault(key, set())
        if part.seq_no in seen:
            self.requests[key] = report
            return ReportPartOutcome(duplicate=True, completed=False, report=report)
        seen.add(part.seq_no)
        final = report.final_seq_no
        if not part.tbc and final is None:
            final = part.seq_no
        report = replace(
            report,
            parts=report.parts + 1,
            monitors=report.monitors + monitors,
            last_part_at=part.received_at,
            final_seq_no=final,
        )
        completed = False
        if report.completed_at is None:
            first = 0 if report.requested_at is not None else None
            if report_complete(seen, final, first):
                report = replace(report, completed_at=part.received_at)
                completed = True
        self.requests[key] = report
        return ReportPartOutcome(duplicate=False, completed=completed, report=report)

    async def report(self, station_id: str, request_id: int) -> MonitoringReportRecord | None:
        """The report, if any."""
        return self.requests.get((station_id, request_id))

    async def reports(self, station_id: str, limit: int) -> list[MonitoringReportRecord]:
        """The station's reports, newest request id first."""
        mine = [report for key, report in self.requests.items() if key[0] == station_id]
        return sorted(mine, key=lambda report: report.request_id, reverse=True)[:limit]

    async def limit_values(self, station_id: str, keys: Collection[str]) -> dict[str, str | None]:
        """From `device_values`."""
        return {
            key: self.device_values[(station_id, key)]
            for key in keys
            if (station_id, key) in self.device_values
        }
