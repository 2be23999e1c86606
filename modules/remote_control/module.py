"""The remote-control routing table."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.kernel.routing import Module, ResultRoute
from modules.remote_control import handlers


def build_module() -> Module:
    """The remote-control module (block F: F01-F03, F05, F06)."""
    return Module(
        name="remote_control",
        block="F",
        commands=frozenset(
            {
                "RequestStartTransaction",
                "RequestStopTransaction",
                "UnlockConnector",
                "TriggerMessage",
            }
        ),
        results={
            "RequestStartTransaction": ResultRoute(
                call.RequestStartTransaction,
                call_result.RequestStartTransaction,
                handlers.request_start_transaction_result,
            ),
            "RequestStopTransaction": ResultRoute(
                call.RequestStopTransaction,
                call_result.RequestStopTransaction,
                handlers.request_stop_transaction_result,
            ),
            "UnlockConnector": ResultRoute(
                call.UnlockConnector, call_result.UnlockConnector, handlers.unlock_connector_result
            ),
            "TriggerMessage": ResultRoute(
                call.TriggerMessage, call_result.TriggerMessage, handlers.trigger_message_result
            ),
        },
    )
