"""Display messages (OCPP 2.0.1 block O): SetDisplayMessage, GetDisplayMessages,
ClearDisplayMessage, NotifyDisplayMessages.

Keeps the CSMS's record of every message id of every station (what it set, where it stands:
`Presence`) and the station's catalogue as the station last reported it. A message is checked
before sending (its own fields, then what the station's device model says it supports and
how many messages it holds: O01.FR.01-03, O01.FR.11), its id allocated when the operator
gives none, and the station's answer stored by the result handler (O01, O02, O06);
GetDisplayMessages requests get a requestId and their NotifyDisplayMessages parts fill the
catalogue (O03, O04); a cleared message leaves both (O05); a transaction's end removes the
messages bound to it (O02.FR.02, `transaction_end_follower`). `FleetMessages` sends one message
to many stations in the background. Emits DISPLAY_MESSAGE_SET, DISPLAY_MESSAGE_CLEARED,
DISPLAY_MESSAGES_REQUESTED and DISPLAY_MESSAGES_REPORTED.
"""

from modules.display_messages.commands import (
    DisplayMessages,
    RequestOutcome,
    SetOutcome,
    clear_display_message,
)
from modules.display_messages.events import (
    DisplayMessageCleared,
    DisplayMessageSet,
    DisplayMessagesReported,
    DisplayMessagesRequested,
)
from modules.display_messages.fleet import MAX_CONCURRENCY, FleetMessage, FleetMessages
from modules.display_messages.module import build_module
from modules.display_messages.queries import DisplayMessageQueries
from modules.display_messages.records import (
    Audience,
    BroadcastStatus,
    BroadcastTargetView,
    BroadcastView,
    DisplayMessageView,
    MessageBody,
    MessageRequestView,
    MessageState,
    Presence,
    ReportedMessageView,
    RequestFilter,
    TargetOutcome,
)
from modules.display_messages.store import DisplayMessageStore, SqlDisplayMessageStore
from modules.display_messages.transaction_end import transaction_end_follower

__all__ = [
    "MAX_CONCURRENCY",
    "Audience",
    "BroadcastStatus",
    "BroadcastTargetView",
    "BroadcastView",
    "DisplayMessageCleared",
    "DisplayMessageQueries",
    "DisplayMessageSet",
    "DisplayMessageStore",
    "DisplayMessageView",
    "DisplayMessages",
    "DisplayMessagesReported",
    "DisplayMessagesRequested",
    "FleetMessage",
    "FleetMessages",
    "MessageBody",
    "MessageRequestView",
    "MessageState",
    "Presence",
    "ReportedMessageView",
    "RequestFilter",
    "RequestOutcome",
    "SetOutcome",
    "SqlDisplayMessageStore",
    "TargetOutcome",
    "build_module",
    "clear_display_message",
    "transaction_end_follower",
]
