"""Security handlers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.security.events import SecurityEventReported
from modules.security.records import ReportedSecurityEvent
from modules.security.store import SecurityStore


class SecurityHandlers(OnStore[SecurityStore]):
    """The security block's answers to station calls, built with its store."""

    async def security_event_notification(
        self, ctx: HandlerContext, request: call.SecurityEventNotification
    ) -> call_result.SecurityEventNotification:
        """A04.FR.03: store the event and confirm it; emit SECURITY_EVENT. A resend (same type,
        timestamp and techInfo, stored already) is confirmed again, neither stored nor emitted."""
        stored = await self._store.add_security_event(
            ReportedSecurityEvent(
                station_id=ctx.station_id,
                type=request.type,
                timestamp=parse_ocpp_datetime(request.timestamp),
                tech_info=request.tech_info,
                received_at=ctx.now,
            )
        )
        if not stored:
            return call_result.SecurityEventNotification()
        ctx.emit(
            SecurityEventReported(
                **ctx.origin,
                type_=request.type,
                timestamp=request.timestamp,
                tech_info=request.tech_info,
            )
        )
        return call_result.SecurityEventNotification()
