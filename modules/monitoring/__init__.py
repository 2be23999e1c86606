"""Monitoring (OCPP 2.0.1 block N): monitors, monitoring reports, events and alerts.

Answers NotifyEvent (N07/N08: every eventData item stored as its part arrives, a repeated part
once; Alerting items raise and cleared items clear the alert state of their component-variable,
ALERT_CHANGED per state written, ALERT per part) and NotifyMonitoringReport (N02: parts counted
per requestId in any order, a repeated seqNo once, the listed monitors stored as the station's,
MONITORING_REPORT_COMPLETED when all parts arrived). Sends SetVariableMonitoring (N04),
ClearVariableMonitoring (N06), SetMonitoringBase (N03), SetMonitoringLevel (N05) and
GetMonitoringReport (N02, `MonitoringReports` allocates the request id) and stores what the
answers mean; `MonitorRequests` splits SetVariableMonitoring and ClearVariableMonitoring by the
station's MonitoringCtrlr ItemsPerMessage / BytesPerMessage. `MonitoringQueries` reads alerts,
monitors and reports back.
"""

from modules.monitoring.commands import (
    MonitoringReportOutcome,
    MonitoringReports,
    MonitorSelector,
    MonitorSetting,
    clear_variable_monitoring,
    set_monitoring_base,
    set_monitoring_level,
    set_variable_monitoring,
)
from modules.monitoring.events import (
    AlertChanged,
    AlertItem,
    AlertReported,
    MonitorClearStatus,
    MonitoringBaseSet,
    MonitoringLevelSet,
    MonitoringReportCompleted,
    MonitorsCleared,
    MonitorSetStatus,
    MonitorsSet,
)
from modules.monitoring.module import build_module
from modules.monitoring.payloads import ClearVariableMonitoring
from modules.monitoring.policy import DEFAULT_REPORT_TIMEOUT_SECONDS, ReportState
from modules.monitoring.queries import MonitoringQueries
from modules.monitoring.records import (
    AlertFilter,
    AlertStateView,
    JudgedReport,
    MonitoringReportRecord,
    MonitoringStateView,
    MonitorView,
    Part,
    ReportedMonitorView,
    StationAlertView,
)
from modules.monitoring.requests import MonitorRequests, MonitorsOutcome
from modules.monitoring.store import MonitoringStore, SqlMonitoringStore

__all__ = [
    "DEFAULT_REPORT_TIMEOUT_SECONDS",
    "AlertChanged",
    "AlertFilter",
    "AlertItem",
    "AlertReported",
    "AlertStateView",
    "ClearVariableMonitoring",
    "JudgedReport",
    "MonitorClearStatus",
    "MonitorRequests",
    "MonitorSelector",
    "MonitorSetStatus",
    "MonitorSetting",
    "MonitorView",
    "MonitoringBaseSet",
    "MonitoringLevelSet",
    "MonitoringQueries",
    "MonitoringReportCompleted",
    "MonitoringReportOutcome",
    "MonitoringReportRecord",
    "MonitoringReports",
    "MonitoringStateView",
    "MonitoringStore",
    "MonitorsCleared",
    "MonitorsOutcome",
    "MonitorsSet",
    "Part",
    "ReportState",
    "ReportedMonitorView",
    "SqlMonitoringStore",
    "StationAlertView",
    "build_module",
    "clear_variable_monitoring",
    "set_monitoring_base",
    "set_monitoring_level",
    "set_variable_monitoring",
]
