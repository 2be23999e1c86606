"""The monitoring routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute
from modules.monitoring import handlers


def build_module() -> Module:
    """The monitoring module (block N: N02, N07)."""
    return Module(
        name="monitoring",
        station_calls={
            "NotifyEvent": StationCallRoute(call.NotifyEvent, handlers.notify_event),
            "NotifyMonitoringReport": StationCallRoute(
                call.NotifyMonitoringReport, handlers.notify_monitoring_report
            ),
        },
    )
