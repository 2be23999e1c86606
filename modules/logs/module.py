"""The logs routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute, command
from modules.logs.commands import LogResults
from modules.logs.handlers import LogHandlers
from modules.logs.store import LogStore


def build_module(store: LogStore) -> Module:
    """The logs module (block N: N01) on `store`."""
    handlers = LogHandlers(store)
    results = LogResults(store)
    return Module(
        name="logs",
        station_calls={
            "LogStatusNotification": StationCallRoute(
                call.LogStatusNotification, handlers.log_status_notification
            ),
        },
        commands={"GetLog": command("GetLog", results.get_log_result)},
    )
