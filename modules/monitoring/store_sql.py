"""The monitoring store's writes that take more than one statement: monitors upserted by the
station's monitor id, alert states raised and cleared under their row's lock, report parts
counted under the report's lock (store code: only `store.py` calls it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from infra.db.models import (
    COMPONENT_VARIABLE_RENAMES,
    MonitoringReportPart,
    MonitoringReportRequest,
    StationAlertState,
    StationMonitor,
)
from infra.db.pages import newest_first, where_given
from modules.kernel.records import record_of
from modules.monitoring.policy import report_complete, variable_key
from modules.monitoring.records import (
    AlertFilter,
    AlertInput,
    AlertStateView,
    MonitoringReportRecord,
    MonitorInput,
    Part,
    ReportPartOutcome,
)

MONITOR_UPDATES = [
    "component_name",
    "component_instance",
    "evse_id",
    "connector_id",
    "variable_name",
    "variable_instance",
    "variable_key",
    "type",
    "value",
    "severity",
    "transaction",
    "source",
    "request_id",
    "updated_at",
]
"""The columns an upsert of a known monitor id replaces."""


def _monitor_row(station_id: str, monitor: MonitorInput, now: datetime) -> StationMonitor:
    return StationMonitor(
        station_id=station_id,
        monitor_id=monitor.monitor_id,
        variable_key=variable_key(monitor),
        component_name=monitor.component,
        component_instance=monitor.component_instance,
        evse_id=monitor.evse_id,
        connector_id=monitor.connector_id,
        variable_name=monitor.variable,
        variable_instance=monitor.variable_instance,
        type=monitor.type,
        value=monitor.value,
        severity=monitor.severity,
        transaction=monitor.transaction,
        source=monitor.source,
        request_id=monitor.request_id,
        updated_at=now,
    )


async def upsert_monitors(station_id: str, monitors: Sequence[MonitorInput], now: datetime) -> None:
    """One INSERT ... ON CONFLICT per chunk; the last of a repeated monitor id wins."""
    unique = {monitor.monitor_id: monitor for monitor in monitors}
    if not unique:
        return
    await StationMonitor.bulk_create(
        [_monitor_row(station_id, unique[key], now) for key in sorted(unique)],
        on_conflict=["station_id", "monitor_id"],
        update_fields=MONITOR_UPDATES,
        batch_size=500,
    )


def alert_view(row: StationAlertState) -> AlertStateView:
    """The view of a stored alert state."""
    return record_of(AlertStateView, row, COMPONENT_VARIABLE_RENAMES)


async def _locked_state(station_id: str, key: str, fresh: StationAlertState) -> StationAlertState:
    """The state row of `key`, inserted as `fresh` if absent, locked until the transaction
    ends (PostgreSQL; SQLite serialises transactions anyway)."""
    query = StationAlertState.filter(station_id=station_id, variable_key=key)
    row = await query.select_for_update().first()
    if row is None:
        await StationAlertState.bulk_create([fresh], ignore_conflicts=True)
        row = await query.select_for_update().get()
    return row


async def apply_alerts(
    station_id: str, changes: Sequence[AlertInput], now: datetime
) -> list[AlertStateView]:
    """Per item: its monitor read, its state row locked and written unless newer."""
    written: list[AlertStateView] = []
    for change in changes:
        monitor = None
        if change.variable_monitoring_id is not None:
            monitor = await StationMonitor.get_or_none(
                station_id=station_id, monitor_id=change.variable_monitoring_id
            )
        key = variable_key(change)
        values: dict[str, Any] = {
            "component_name": change.component,
            "component_instance": change.component_instance,
            "evse_id": change.evse_id,
            "connector_id": change.connector_id,
            "variable_name": change.variable,
            "variable_instance": change.variable_instance,
            "active": change.active,
            "severity": monitor.severity if monitor else None,
            "monitor_type": monitor.type if monitor else None,
            "trigger": change.trigger,
            "actual_value": change.actual_value,
            "event_id": change.event_id,
            "variable_monitoring_id": change.variable_monitoring_id,
            "event_notification_type": change.event_notification_type,
            "event_at": change.event_at,
            "raised_at": change.event_at if change.active else None,
            "cleared_at": None if change.active else change.event_at,
            "updated_at": now,
        }
        fresh = StationAlertState(station_id=station_id, variable_key=key, **values)
        row = await _locked_state(station_id, key, fresh)
        if row.event_at > change.event_at:
            continue
        if change.active and row.active and row.raised_at is not None:
            values["raised_at"] = row.raised_at
        if not change.active:
            values["raised_at"] = row.raised_at
        for name, value in values.items():
            setattr(row, name, value)
        await row.save(update_fields=list(values))
        written.append(alert_view(row))
    return written


async def alerts(wanted: AlertFilter, limit: int, before_id: int | None) -> list[AlertStateView]:
    """One SELECT, newest id first."""
    query = where_given(
        StationAlertState.all(),
        station_id=wanted.station_id,
        severity__lte=wanted.max_severity,
        active=True if wanted.active_only else None,
    )
    rows = await newest_first(query, limit, before_id)
    return [alert_view(row) for row in rows]


def report_record(row: MonitoringReportRequest) -> MonitoringReportRecord:
    """The record of a report row."""
    criteria = row.criteria if isinstance(row.criteria, list) else None
    wanted = row.component_variables if isinstance(row.component_variables, list) else None
    return record_of(
        MonitoringReportRecord,
        row,
        station_id=str(row.station_id),  # type: ignore[attr-defined]
        criteria=criteria,
        component_variables=wanted,
    )


async def _locked_report(station_id: str, request_id: int) -> MonitoringReportRequest:
    """The report row, created if unknown, locked until the transaction ends."""
    query = MonitoringReportRequest.filter(station_id=station_id, request_id=request_id)
    report = await query.select_for_update().first()
    if report is None:
        await MonitoringReportRequest.bulk_create(
            [MonitoringReportRequest(station_id=station_id, request_id=request_id)],
            ignore_conflicts=True,
        )
        report = await query.select_for_update().get()
    return report


async def receive_report_part(
    station_id: str, request_id: int, part: Part, monitors: int
) -> ReportPartOutcome:
    """Under the report row's lock: a new seqNo is stored and counted, then completion is
    judged on every seqNo received."""
    report = await _locked_report(station_id, request_id)
    if await MonitoringReportPart.exists(report_id=report.id, seq_no=part.seq_no):
        return ReportPartOutcome(duplicate=True, completed=False, report=report_record(report))
    await MonitoringReportPart.create(
        report_id=report.id,
        seq_no=part.seq_no,
        tbc=part.tbc,
        monitors=monitors,
        received_at=part.received_at,
    )
    report.parts += 1
    report.monitors += monitors
    report.last_part_at = part.received_at
    if not part.tbc and report.final_seq_no is None:
        report.final_seq_no = part.seq_no
    completed = False
    if report.completed_at is None and report.final_seq_no is not None:
        seq_nos: list[Any] = await MonitoringReportPart.filter(report_id=report.id).values_list(
            "seq_no", flat=True
        )
        first = 0 if report.requested_at is not None else None
        if report_complete([int(n) for n in seq_nos], report.final_seq_no, first):
            report.completed_at = part.received_at
            completed = True
    await report.save(
        update_fields=["parts", "monitors", "last_part_at", "final_seq_no", "completed_at"]
    )
    return ReportPartOutcome(duplicate=False, completed=completed, report=report_record(report))
