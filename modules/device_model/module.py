"""The device-model routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.device_model import handlers
from modules.kernel.routing import Module, StationCallRoute, command


def build_module() -> Module:
    """The device-model module (block B: B05-B08)."""
    return Module(
        name="device_model",
        station_calls={"NotifyReport": StationCallRoute(call.NotifyReport, handlers.notify_report)},
        commands={
            "GetBaseReport": command("GetBaseReport", handlers.get_base_report_result),
            "GetReport": command("GetReport", handlers.get_report_result),
            "GetVariables": command("GetVariables", handlers.get_variables_result),
            "SetVariables": command("SetVariables", handlers.set_variables_result),
        },
    )
