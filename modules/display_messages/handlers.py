"""NotifyDisplayMessages from stations (O03/O04): each part stored as it arrives, in the
call's transaction; DISPLAY_MESSAGES_REPORTED goes out after the commit."""

from __future__ import annotations

from ocpp.v201 import call_result

from modules.display_messages import conversions, payloads, policy
from modules.display_messages.events import DisplayMessagesReported
from modules.display_messages.records import NotifiedPart
from modules.display_messages.store import DisplayMessageStore
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore


class DisplayMessageHandlers(OnStore[DisplayMessageStore]):
    """The block's answers to station calls, on its store."""

    async def notify_display_messages(
        self, ctx: HandlerContext, request: payloads.NotifyDisplayMessages
    ) -> call_result.NotifyDisplayMessages:
        """O03/O04: store the part's messages as the station's catalogue (a repeated part
                changes nothing but the part count); the first part with tbc false completes its
                request and, for a request that covered them, drops the ids it did not report. An id
        reported twice in one part counts once, as its last entry.

                A value the CSMS cannot store (an integer beyond 32 bits, an unreadable date-time, a
                NUL character) is answered PropertyConstraintViolation naming the field, and nothing
                is stored."""
        policy.check_storable_integer(request.request_id, "requestId")
        by_id = {
            message.message_id: message
            for message in (
                conversions.message_of(info, f"messageInfo.{index}")
                for index, info in enumerate(request.message_info or [])
            )
        }
        part = NotifiedPart(request.request_id, tuple(by_id.values()), bool(request.tbc))
        outcome = await self._store.receive_part(ctx.station_id, part, ctx.now)
        if outcome.completed:
            ctx.emit(
                DisplayMessagesReported(
                    **ctx.origin,
                    request_id=request.request_id,
                    parts=outcome.request.parts,
                    messages=outcome.request.messages,
                )
            )
        return call_result.NotifyDisplayMessages()
