"""Events of the security block."""

from __future__ import annotations

from modules.kernel.events import Event, event


@event("SECURITY_EVENT")
class SecurityEventReported(Event):
    """A04: a station reported a security event (stored before this is emitted).

    `type_` is the payload's `type` (the security event type of Appendix 1 of Part 2): the
    trailing underscore keeps it apart from `Event.type`, the event's own type name, and the
    codec's camelCasing drops it. `timestamp` is the station's, as it sent it.
    """

    type_: str
    timestamp: str
    tech_info: str | None = None
