"""Plain records of the monitoring block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from modules.kernel.records import ComponentVariable


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
