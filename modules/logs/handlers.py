"""LogStatusNotification from stations (N01): each stored on the station's timeline in the
call's transaction; LOG_STATUS goes out after the commit."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.logs import policy
from modules.logs.events import LogStatusReported
from modules.logs.store import LogStore


class LogHandlers(OnStore[LogStore]):
    """The logs block's answers to station calls, on its store."""

    async def log_status_notification(
        self, ctx: HandlerContext, request: call.LogStatusNotification
    ) -> call_result.LogStatusNotification:
        """N01.FR.07-10, N01.FR.20: store the status on its request's timeline (the requestId
        of the GetLog) and confirm it; emit LOG_STATUS. A status without a requestId (Idle
        after a TriggerMessage, N01.FR.13) or with one the CSMS never sent is kept on the
        station's timeline all the same."""
        request_id = policy.stored_request_id(request.request_id)
        status = request.status.value
        await self._store.add_status(ctx.station_id, request_id, status, ctx.now)
        ctx.emit(LogStatusReported(**ctx.origin, status=status, request_id=request_id))
        return call_result.LogStatusNotification()
