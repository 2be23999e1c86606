"""The security routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute
from modules.security.handlers import SecurityHandlers
from modules.security.store import SecurityStore


def build_module(store: SecurityStore) -> Module:
    """The security module (block A: A04) on `store`."""
    handlers = SecurityHandlers(store)
    return Module(
        name="security",
        station_calls={
            "SecurityEventNotification": StationCallRoute(
                call.SecurityEventNotification, handlers.security_event_notification
            )
        },
    )
