"""The remote-control routing table."""

from __future__ import annotations

from modules.kernel.routing import Module, command
from modules.remote_control import commands
from modules.remote_control.ports import StartProfiles
from modules.remote_control.store import RemoteControlStore


def build_module(store: RemoteControlStore, profiles: StartProfiles | None = None) -> Module:
    """The remote-control module (block F: F01-F03, F05, F06) on its store; `profiles`
    records the charging profile of an accepted remote start (K05; None: not recorded)."""
    starts = commands.RemoteStartResults(store, profiles)
    return Module(
        name="remote_control",
        commands={
            "RequestStartTransaction": command(
                "RequestStartTransaction", starts.request_start_transaction_result
            ),
            "RequestStopTransaction": command(
                "RequestStopTransaction", commands.request_stop_transaction_result
            ),
            "UnlockConnector": command("UnlockConnector", commands.unlock_connector_result),
            "TriggerMessage": command("TriggerMessage", commands.trigger_message_result),
        },
    )
