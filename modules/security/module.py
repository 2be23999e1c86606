"""The security routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute
from modules.security import handlers


def build_module() -> Module:
    """The security module (block A: A04)."""
    return Module(
        name="security",
        station_calls={
            "SecurityEventNotification": StationCallRoute(
                call.SecurityEventNotification, handlers.security_event_notification
            )
        },
    )
