"""The smart-charging routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute, command
from modules.smart_charging.commands import SmartChargingResults
from modules.smart_charging.handlers import SmartChargingHandlers
from modules.smart_charging.store import SmartChargingStore


def build_module(store: SmartChargingStore) -> Module:
    """The smart-charging module (block K: K01-K17) on `store`."""
    handlers = SmartChargingHandlers(store)
    results = SmartChargingResults(store)
    return Module(
        name="smart_charging",
        station_calls={
            "ReportChargingProfiles": StationCallRoute(
                call.ReportChargingProfiles, handlers.report_charging_profiles
            ),
            "NotifyChargingLimit": StationCallRoute(
                call.NotifyChargingLimit, handlers.notify_charging_limit
            ),
            "ClearedChargingLimit": StationCallRoute(
                call.ClearedChargingLimit, handlers.cleared_charging_limit
            ),
            "NotifyEVChargingNeeds": StationCallRoute(
                call.NotifyEVChargingNeeds, handlers.notify_ev_charging_needs
            ),
            "NotifyEVChargingSchedule": StationCallRoute(
                call.NotifyEVChargingSchedule, handlers.notify_ev_charging_schedule
            ),
        },
        commands={
            "SetChargingProfile": command(
                "SetChargingProfile", results.set_charging_profile_result
            ),
            "ClearChargingProfile": command(
                "ClearChargingProfile", results.clear_charging_profile_result
            ),
            "GetChargingProfiles": command(
                "GetChargingProfiles", results.get_charging_profiles_result
            ),
            "GetCompositeSchedule": command(
                "GetCompositeSchedule", results.get_composite_schedule_result
            ),
        },
    )
