"""The display-message routing table."""

from __future__ import annotations

from ocpp.v201 import call_result

from modules.display_messages import payloads
from modules.display_messages.commands import DisplayMessageResults
from modules.display_messages.handlers import DisplayMessageHandlers
from modules.display_messages.store import DisplayMessageStore
from modules.kernel.routing import CommandRoute, Module, StationCallRoute, command


def build_module(store: DisplayMessageStore) -> Module:
    """The display-message module (block O: O01-O06) on `store`. The actions carrying a
    message state route the block's own request dataclasses (`payloads.py`)."""
    handlers = DisplayMessageHandlers(store)
    results = DisplayMessageResults(store)
    return Module(
        name="display_messages",
        station_calls={
            "NotifyDisplayMessages": StationCallRoute(
                payloads.NotifyDisplayMessages, handlers.notify_display_messages
            )
        },
        commands={
            "SetDisplayMessage": CommandRoute(
                payloads.SetDisplayMessage,
                call_result.SetDisplayMessage,
                results.set_display_message_result,
            ),
            "GetDisplayMessages": CommandRoute(
                payloads.GetDisplayMessages,
                call_result.GetDisplayMessages,
                results.get_display_messages_result,
            ),
            "ClearDisplayMessage": command(
                "ClearDisplayMessage", results.clear_display_message_result
            ),
        },
    )
