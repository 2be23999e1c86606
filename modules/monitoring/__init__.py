"""Monitoring (OCPP 2.0.1 block N): events and monitoring reports from stations.

Answers NotifyEvent (N07: every eventData item stored as its part arrives, ALERT
(`AlertReported`) emitted per message) and NotifyMonitoringReport (N02: the reported monitors
stored per requestId and seqNo, parts as they arrive). Each message's items are written with
one multi-row INSERT. `MonitoringQueries` reads the alert feed and monitoring reports back.
Whether every part of a multi-part message arrived is not tracked.
"""

from modules.monitoring.events import AlertItem, AlertReported
from modules.monitoring.module import build_module
from modules.monitoring.queries import MonitoringQueries
from modules.monitoring.records import ReportedMonitorView, StationAlertView
from modules.monitoring.store import MonitoringStore, Part, SqlMonitoringStore

__all__ = [
    "AlertItem",
    "AlertReported",
    "MonitoringQueries",
    "MonitoringStore",
    "Part",
    "ReportedMonitorView",
    "SqlMonitoringStore",
    "StationAlertView",
    "build_module",
]
