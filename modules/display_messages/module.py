"""The display-message routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.display_messages.commands import DisplayMessageResults
from modules.display_messages.handlers import DisplayMessageHandlers
from modules.display_messages.store import DisplayMessageStore
from modules.kernel.routing import Module, StationCallRoute, command


def build_module(store: DisplayMessageStore) -> Module:
    """The display-message module (block O: O01-O06) on `store`."""
    handlers = DisplayMessageHandlers(store)
    results = DisplayMessageResults(store)
    return Module(
        name="display_messages",
        station_calls={
            "NotifyDisplayMessages": StationCallRoute(
                call.NotifyDisplayMessages, handlers.notify_display_messages
            )
        },
        commands={
            "SetDisplayMessage": command("SetDisplayMessage", results.set_display_message_result),
            "GetDisplayMessages": command(
                "GetDisplayMessages", results.get_display_messages_result
            ),
            "ClearDisplayMessage": command(
                "ClearDisplayMessage", results.clear_display_message_result
            ),
        },
    )
