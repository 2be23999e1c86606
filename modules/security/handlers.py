"""Security handlers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from infra.db.models import SecurityEvent
from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.security import events


async def security_event_notification(
    ctx: HandlerContext, request: call.SecurityEventNotification
) -> call_result.SecurityEventNotification:
    """A04: store the event; emit SECURITY_EVENT."""
    await SecurityEvent.create(
        station_id=ctx.station_id,
        type=request.type,
        timestamp=parse_ocpp_datetime(request.timestamp),
        tech_info=request.tech_info,
        received_at=ctx.now,
    )
    ctx.emit(
        events.SECURITY_EVENT,
        {"type": request.type, "timestamp": request.timestamp, "techInfo": request.tech_info},
    )
    return call_result.SecurityEventNotification()
