"""Plain records of the monitoring block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from modules.kernel.records import ComponentVariable


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One part of a multi-part station message: its station, seqNo and tbc, when the
    station generated it and when it was received."""

    station_id: str
    seq_no: int
    tbc: bool
    generated_at: datetime
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StationAlertView(ComponentVariable):
    """One stored eventData item of a NotifyEvent (N07), with its component and variable;
    `id` orders the feed (later received, higher)."""

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
    seq_no: int
    tbc: bool
    generated_at: datetime
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedMonitorView(ComponentVariable):
    """One variable monitor a NotifyMonitoringReport part listed (N02), with its component and
    variable; `monitor_id` is the monitor's id on the station."""

    request_id: int
    seq_no: int
    generated_at: datetime
    monitor_id: int
    transaction: bool
    type: str
    severity: int
    value: float


@dataclass(frozen=True, slots=True, kw_only=True)
class MonitorView(ComponentVariable):
    """One variable monitor a station has, as the CSMS last learned it (N02/N04): `monitor_id`
    is the id the station assigned; `variable_key` links it to the station's device-model
    variable (`device_variable.key`); `source` is SetVariableMonitoring or
    NotifyMonitoringReport, `request_id` the report that last listed it."""

    station_id: str
    monitor_id: int
    variable_key: str
    type: str
    value: float
    severity: int
    transaction: bool
    source: str
    request_id: int | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MonitoringReportRecord:
    """A GetMonitoringReport request (N02) by requestId: what was asked, how the call went,
    the station's answer, the NotifyMonitoringReport parts received. `requested_at` is None
    for a report this CSMS did not request (its parts arrived on their own)."""

    station_id: str
    request_id: int
    criteria: list[str] | None = None
    component_variables: list[dict[str, object]] | None = None
    requested_at: datetime | None = None
    outcome: str | None = None
    error_code: str | None = None
    status: str | None = None
    status_reason: str | None = None
    parts: int = 0
    monitors: int = 0
    final_seq_no: int | None = None
    last_part_at: datetime | None = None
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReportPartOutcome:
    """What one NotifyMonitoringReport part did to its report: a repeated seqNo is a
    duplicate (stored once already), `completed` when it completed the report."""

    duplicate: bool
    completed: bool
    report: MonitoringReportRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertStateView(ComponentVariable):
    """The alert state of one component-variable of a station (N07/N08): raised (`active`) or
    cleared, by the last Alerting (or cleared) eventData item, with the severity of the
    monitor that raised it (None when the CSMS does not know that monitor). `event_at` is the
    item's timestamp: an older item never overwrites a newer one."""

    id: int
    station_id: str
    variable_key: str
    active: bool
    severity: int | None
    trigger: str
    actual_value: str
    event_id: int
    variable_monitoring_id: int | None
    monitor_type: str | None
    event_notification_type: str
    event_at: datetime
    raised_at: datetime | None
    cleared_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alert states a read wants: one station (all when None), severity at most
    `max_severity` (0 is the most severe), only raised ones when `active_only`."""

    station_id: str | None = None
    max_severity: int | None = None
    active_only: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class MonitorInput(ComponentVariable):
    """A monitor to store for a station: set (SetVariableMonitoring answered Accepted) or
    listed by a NotifyMonitoringReport part (`request_id`)."""

    monitor_id: int
    type: str
    value: float
    severity: int
    transaction: bool
    source: str
    request_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertInput(ComponentVariable):
    """An eventData item that raises (`active`) or clears the alert of its component-variable;
    `event_at` is its timestamp."""

    active: bool
    trigger: str
    actual_value: str
    event_id: int
    variable_monitoring_id: int | None
    event_notification_type: str
    event_at: datetime


@dataclass(frozen=True, slots=True)
class JudgedReport:
    """A monitoring report with where it stands (PENDING, COMPLETED, FAILED) and, when it
    failed, why."""

    record: MonitoringReportRecord
    state: str
    failure_reason: str | None = None


@dataclass(frozen=True, slots=True)
class MonitoringStateView:
    """The monitoring base (N03) and level (N05) a station last accepted from the CSMS, and
    when; None where it accepted none."""

    station_id: str
    monitoring_base: str | None = None
    base_set_at: datetime | None = None
    monitoring_level: int | None = None
    level_set_at: datetime | None = None
