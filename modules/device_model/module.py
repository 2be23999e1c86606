"""The device-model routing table."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.device_model import handlers
from modules.kernel.routing import Module, ResultRoute, StationCallRoute


def build_module() -> Module:
    """The device-model module (block B: B05-B08)."""
    return Module(
        name="device_model",
        block="B",
        station_calls={"NotifyReport": StationCallRoute(call.NotifyReport, handlers.notify_report)},
        commands=frozenset({"GetBaseReport", "GetReport", "GetVariables", "SetVariables"}),
        results={
            "GetBaseReport": ResultRoute(
                call.GetBaseReport, call_result.GetBaseReport, handlers.get_base_report_result
            ),
            "GetReport": ResultRoute(
                call.GetReport, call_result.GetReport, handlers.get_report_result
            ),
            "GetVariables": ResultRoute(
                call.GetVariables, call_result.GetVariables, handlers.get_variables_result
            ),
            "SetVariables": ResultRoute(
                call.SetVariables, call_result.SetVariables, handlers.set_variables_result
            ),
        },
    )
