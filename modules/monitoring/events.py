"""Events of the monitoring block (camelCase payload keys as on the events topic).

ALERT, per NotifyEvent part stored: {generatedAt, seqNo, tbc, count, events}
ALERT_CHANGED, per alert state raised or cleared: {component, ..., active, severity, ...}
MONITORS_SET / MONITORS_CLEARED, when a station answered SetVariableMonitoring /
ClearVariableMonitoring: {results}
MONITORING_BASE_SET / MONITORING_LEVEL_SET: {monitoringBase | severity, status, reasonCode,
additionalInfo}
MONITORING_REPORT_COMPLETED: {requestId, parts, monitors, pruned}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertItem:
    """One eventData item of a NotifyEvent, summarised; `timestamp` as the station sent it,
    `trigger` its OCPP text (Alerting, Delta, Periodic)."""

    event_id: int
    timestamp: str
    trigger: str
    component: str
    variable: str
    actual_value: str
    cleared: bool | None = None


@event("ALERT")
class AlertReported(Event):
    """N07: one NotifyEvent part was stored; `events` summarises its `count` items.
    `generated_at` is the station's, as it sent it."""

    generated_at: str
    seq_no: int
    tbc: bool
    count: int
    events: tuple[AlertItem, ...]


@event("ALERT_CHANGED")
class AlertChanged(Event):
    """N07/N08: the alert state of a component-variable was raised (`active`) or cleared by an
    eventData item; `severity` is its monitor's (None when the monitor is unknown),
    `event_at` the item's timestamp."""

    component: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable: str
    variable_instance: str | None = None
    active: bool
    severity: int | None = None
    trigger: str
    actual_value: str
    event_id: int
    variable_monitoring_id: int | None = None
    event_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class MonitorSetStatus:
    """One SetMonitoringResult: the monitor id (None when the station set none), its status,
    what it monitors."""

    id: int | None
    status: str
    type: str
    severity: int
    component: str
    variable: str


@event("MONITORS_SET")
class MonitorsSet(Event):
    """N04: the station answered a SetVariableMonitoring; Accepted monitors are stored."""

    results: tuple[MonitorSetStatus, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MonitorClearStatus:
    """One ClearMonitoringResult: the monitor id and its status."""

    id: int
    status: str


@event("MONITORS_CLEARED")
class MonitorsCleared(Event):
    """N06: the station answered a ClearVariableMonitoring; monitors it no longer has
    (Accepted, NotFound) are forgotten."""

    results: tuple[MonitorClearStatus, ...]


@event("MONITORING_BASE_SET")
class MonitoringBaseSet(Answered):
    """N03: the station answered a SetMonitoringBase."""

    monitoring_base: str


@event("MONITORING_LEVEL_SET")
class MonitoringLevelSet(Answered):
    """N05: the station answered a SetMonitoringLevel."""

    severity: int


@event("MONITORING_REPORT_COMPLETED")
class MonitoringReportCompleted(Event):
    """N02: every NotifyMonitoringReport part of a report arrived; `monitors` counts what they
    listed, `pruned` the stored monitors a whole-set report showed gone."""

    request_id: int
    parts: int
    monitors: int
    pruned: int = 0
