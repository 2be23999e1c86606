"""The monitoring routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import CommandRoute, Module, StationCallRoute, command
from modules.monitoring import payloads
from modules.monitoring.commands import CommandResults
from modules.monitoring.handlers import MonitoringHandlers
from modules.monitoring.store import MonitoringStore


def build_module(store: MonitoringStore) -> Module:
    """The monitoring module (block N: N02-N08) on `store`."""
    handlers = MonitoringHandlers(store)
    results = CommandResults(store)
    return Module(
        name="monitoring",
        station_calls={
            "NotifyEvent": StationCallRoute(call.NotifyEvent, handlers.notify_event),
            "NotifyMonitoringReport": StationCallRoute(
                call.NotifyMonitoringReport, handlers.notify_monitoring_report
            ),
        },
        commands={
            "SetVariableMonitoring": command(
                "SetVariableMonitoring", results.set_variable_monitoring_result
            ),
            # the ocpp package's response dataclass cannot decode a valid answer
            "ClearVariableMonitoring": CommandRoute(
                call.ClearVariableMonitoring,
                payloads.ClearVariableMonitoring,
                results.clear_variable_monitoring_result,
            ),
            "SetMonitoringBase": command("SetMonitoringBase", results.set_monitoring_base_result),
            "SetMonitoringLevel": command(
                "SetMonitoringLevel", results.set_monitoring_level_result
            ),
            "GetMonitoringReport": command(
                "GetMonitoringReport", results.get_monitoring_report_result
            ),
        },
    )
