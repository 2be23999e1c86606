"""Security (OCPP 2.0.1 block A): security event notifications.

Answers SecurityEventNotification (A04): every event is stored against its station before the
answer, then SECURITY_EVENT is emitted.
"""

from modules.security.module import build_module

__all__ = ["build_module"]
