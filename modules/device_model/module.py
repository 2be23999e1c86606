"""The device-model routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.device_model.commands import CommandResults
from modules.device_model.handlers import DeviceModelHandlers
from modules.device_model.store import DeviceModelStore
from modules.kernel.routing import Module, StationCallRoute, command


def build_module(store: DeviceModelStore) -> Module:
    """The device-model module (block B: B05-B08) on `store`."""
    handlers = DeviceModelHandlers(store)
    results = CommandResults(store)
    return Module(
        name="device_model",
        station_calls={"NotifyReport": StationCallRoute(call.NotifyReport, handlers.notify_report)},
        commands={
            "GetBaseReport": command("GetBaseReport", results.get_base_report_result),
            "GetReport": command("GetReport", results.get_report_result),
            "GetVariables": command("GetVariables", results.get_variables_result),
            "SetVariables": command("SetVariables", results.set_variables_result),
        },
    )
