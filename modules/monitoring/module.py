"""The monitoring routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute
from modules.monitoring.handlers import MonitoringHandlers
from modules.monitoring.store import MonitoringStore


def build_module(store: MonitoringStore) -> Module:
    """The monitoring module (block N: N02, N07) on `store`."""
    handlers = MonitoringHandlers(store)
    return Module(
        name="monitoring",
        station_calls={
            "NotifyEvent": StationCallRoute(call.NotifyEvent, handlers.notify_event),
            "NotifyMonitoringReport": StationCallRoute(
                call.NotifyMonitoringReport, handlers.notify_monitoring_report
            ),
        },
    )
