"""Security (OCPP 2.0.1 block A): security event notifications.

Answers SecurityEventNotification (A04): every event is stored against its station before the
answer, then SECURITY_EVENT (`SecurityEventReported`) is emitted. `SecurityQueries` reads the
stored events back, newest first.
"""

from modules.security.events import SecurityEventReported
from modules.security.module import build_module
from modules.security.queries import SecurityQueries
from modules.security.records import ReportedSecurityEvent, SecurityEventView
from modules.security.store import SecurityStore, SqlSecurityStore

__all__ = [
    "ReportedSecurityEvent",
    "SecurityEventReported",
    "SecurityEventView",
    "SecurityQueries",
    "SecurityStore",
    "SqlSecurityStore",
    "build_module",
]
