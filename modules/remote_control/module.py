"""The remote-control routing table."""

from __future__ import annotations

from modules.kernel.routing import Module, command
from modules.remote_control import handlers


def build_module() -> Module:
    """The remote-control module (block F: F01-F03, F05, F06)."""
    return Module(
        name="remote_control",
        commands={
            "RequestStartTransaction": command(
                "RequestStartTransaction", handlers.request_start_transaction_result
            ),
            "RequestStopTransaction": command(
                "RequestStopTransaction", handlers.request_stop_transaction_result
            ),
            "UnlockConnector": command("UnlockConnector", handlers.unlock_connector_result),
            "TriggerMessage": command("TriggerMessage", handlers.trigger_message_result),
        },
    )
