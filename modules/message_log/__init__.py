"""The OCPP message log, read side: the frames exchanged with a station, as the gateway's
writer (app/gateway/message_log.py, an app-level adapter on the hot path) stored them.

Not an OCPP 2.0.1 functional block: an audit trail of every OCPP-J frame in and out. This
package only reads it (the `ocppMessages` query); it routes no message and emits no event.
"""

from modules.message_log.policy import payload_of
from modules.message_log.queries import LoggedFrame, MessageLogQueries
from modules.message_log.store import MessageLogStore, SqlMessageLogStore

__all__ = [
    "LoggedFrame",
    "MessageLogQueries",
    "MessageLogStore",
    "SqlMessageLogStore",
    "payload_of",
]
