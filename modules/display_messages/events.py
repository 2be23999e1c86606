"""Events of the display-message block (camelCase payload keys as on the events topic).

DISPLAY_MESSAGE_SET, when a station answered a SetDisplayMessage (O01/O02/O06):
    {messageId, priority, transactionId, status, reasonCode, additionalInfo}
DISPLAY_MESSAGE_CLEARED, when a station answered a ClearDisplayMessage (O05):
    {messageId, status, reasonCode, additionalInfo}
DISPLAY_MESSAGES_REQUESTED, when a station answered a GetDisplayMessages (O03/O04):
    {requestId, status, reasonCode, additionalInfo}
DISPLAY_MESSAGES_REPORTED, when the last NotifyDisplayMessages of a request (tbc false) was
stored: {requestId, parts, messages}
"""

from __future__ import annotations

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@event("DISPLAY_MESSAGE_SET")
class DisplayMessageSet(Answered):
    """O01/O02/O06: the station answered a SetDisplayMessage."""

    message_id: int
    priority: str
    transaction_id: str | None = None


@event("DISPLAY_MESSAGE_CLEARED")
class DisplayMessageCleared(Answered):
    """O05: the station answered a ClearDisplayMessage."""

    message_id: int


@event("DISPLAY_MESSAGES_REQUESTED")
class DisplayMessagesRequested(Answered):
    """O03/O04: the station answered a GetDisplayMessages (Accepted: reports follow)."""

    request_id: int


@event("DISPLAY_MESSAGES_REPORTED")
class DisplayMessagesReported(Event):
    """O03/O04: the last NotifyDisplayMessages of a request was stored; `parts` counts the
    NotifyDisplayMessages received for it, `messages` the distinct ids they reported."""

    request_id: int
    parts: int
    messages: int
