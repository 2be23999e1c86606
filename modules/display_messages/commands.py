"""Display-message commands (block O): the typed requests built from an operator's
arguments, the SetDisplayMessage and GetDisplayMessages workflows (checked against the
station's device model, ids allocated and recorded before sending), and the result handlers
that store what each answer means (each in the answer's transaction; events after it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ocpp.v201 import call, call_result, enums

from modules.display_messages import conversions, payloads, policy
from modules.display_messages.events import (
    DisplayMessageCleared,
    DisplayMessageSet,
    DisplayMessagesRequested,
)
from modules.display_messages.records import (
    DisplayMessageView,
    MessageBody,
    MessageInfo,
    MessageRequestView,
    RequestFilter,
    StationAnswer,
)
from modules.display_messages.store import DisplayMessageStore
from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand, send
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore

PLACEHOLDER_ID = 0
"""Stands in for an id the CSMS has not allocated yet while a request is checked."""


def set_display_message(message: MessageInfo) -> payloads.SetDisplayMessage:
    """O01/O02/O06: the request setting `message` (its id replaces any message of that id)."""
    return payloads.SetDisplayMessage(message=conversions.info_of(message))


def get_display_messages(request_id: int, wanted: RequestFilter) -> payloads.GetDisplayMessages:
    """O03 (no filter: every message) / O04 (ids, priority, state) under `request_id`."""
    return payloads.GetDisplayMessages(
        request_id=request_id,
        id=list(wanted.ids) if wanted.ids is not None else None,
        priority=enums.MessagePriorityEnumType(wanted.priority) if wanted.priority else None,
        state=wanted.state,
    )


def clear_display_message(message_id: int) -> call.ClearDisplayMessage:
    """O05: the request clearing message `message_id`; InvalidCommand below 0."""
    if message_id < 0:
        raise InvalidCommand("messageId", "must be >= 0")
    return call.ClearDisplayMessage(id=message_id)


def filter_of(request: payloads.GetDisplayMessages) -> RequestFilter:
    """What a GetDisplayMessages asked for."""
    return RequestFilter(
        tuple(request.id) if request.id else None,
        request.priority.value if request.priority else None,
        request.state,
    )


@dataclass(frozen=True, slots=True)
class SetOutcome:
    """How a SetDisplayMessage went: the message id (None, and nothing sent, when the station
    is unknown), how the call ended, the station's answer, the message as recorded after."""

    outcome: Outcome
    message_id: int | None = None
    answer: call_result.SetDisplayMessage | None = None
    error_code: str | None = None
    error_description: str | None = None
    message: DisplayMessageView | None = None

    @property
    def station_known(self) -> bool:
        """Whether the station is registered (else nothing was recorded or sent)."""
        return self.message_id is not None


@dataclass(frozen=True, slots=True)
class RequestOutcome:
    """How a GetDisplayMessages went: the requestId (None for an unknown station, then
    nothing was sent), how the call ended, the answer, the request as recorded after."""

    outcome: Outcome
    request_id: int | None = None
    answer: call_result.GetDisplayMessages | None = None
    error_code: str | None = None
    error_description: str | None = None
    request: MessageRequestView | None = None


class DisplayMessages:
    """SetDisplayMessage (O01/O02/O06) and GetDisplayMessages (O03/O04): checked, recorded
    (message id or requestId allocated when the CSMS picks it), sent, answer read back."""

    def __init__(
        self, store: DisplayMessageStore, sender: CommandSender, now: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._sender = sender
        self._now = now

    def check_message(self, message_id: int | None, body: MessageBody) -> None:
        """Raise InvalidCommand when the message cannot be sent to any station; the schema's
        OcppError when its payload does not conform."""
        policy.check_message(message_id, body, self._now())
        request = set_display_message(conversions.with_id(body, message_id or PLACEHOLDER_ID))
        schemas.validate("SetDisplayMessage", "Request", codec.encode(request))

    async def check(self, station_id: str, message_id: int | None, body: MessageBody) -> None:
        """Raise InvalidCommand when the message cannot be sent, or the station's device model
        says the station would refuse it; the schema's OcppError when the payload does not
        conform."""
        self.check_message(message_id, body)
        capabilities = policy.capabilities_of(await self._store.controller_variables(station_id))
        held = await self._store.held_messages(station_id, self._now())
        policy.check_supported(message_id, body, capabilities, held)

    async def set(
        self,
        station_id: str,
        message_id: int | None,
        body: MessageBody,
        timeout: float | None = None,
    ) -> SetOutcome:
        """Check, record (allocating the id when None), send; the result handler records the
        station's answer, this records a call that got none."""
        await self.check(station_id, message_id, body)
        allocated = await self._store.open_message(station_id, message_id, body, self._now())
        if allocated is None:
            return SetOutcome(Outcome.OFFLINE)
        request = set_display_message(conversions.with_id(body, allocated))
        result = await send(
            self._sender, station_id, request, call_result.SetDisplayMessage, timeout
        )
        if not result.answered:
            await self._store.record_set_failure(
                station_id, allocated, result.outcome.value, result.error_code
            )
        return SetOutcome(
            result.outcome,
            allocated,
            result.response,
            result.error_code,
            result.error_description,
            await self._store.message(station_id, allocated),
        )

    async def get(
        self, station_id: str, wanted: RequestFilter, timeout: float | None = None
    ) -> RequestOutcome:
        """Check the ids, allocate and record a requestId, send; the station's
        NotifyDisplayMessages follow under that requestId."""
        capabilities = policy.capabilities_of(await self._store.controller_variables(station_id))
        policy.check_request_ids(wanted.ids, capabilities)
        request = get_display_messages(PLACEHOLDER_ID, wanted)
        schemas.validate("GetDisplayMessages", "Request", codec.encode(request))
        request_id = await self._store.open_request(station_id, wanted, self._now())
        if request_id is None:
            return RequestOutcome(Outcome.OFFLINE)
        result = await send(
            self._sender,
            station_id,
            get_display_messages(request_id, wanted),
            call_result.GetDisplayMessages,
            timeout,
        )
        if not result.answered:
            await self._store.record_request_outcome(
                station_id, request_id, result.outcome.value, result.error_code
            )
        return RequestOutcome(
            result.outcome,
            request_id,
            result.response,
            result.error_code,
            result.error_description,
            await self._store.request(station_id, request_id),
        )


class DisplayMessageResults(OnStore[DisplayMessageStore]):
    """The result handlers of the block's commands, on its store."""

    async def set_display_message_result(
        self,
        ctx: HandlerContext,
        request: payloads.SetDisplayMessage,
        response: call_result.SetDisplayMessage,
    ) -> None:
        """O01/O02/O06: store the answer (Accepted: the station holds the message, a replace
        took all its new fields; otherwise a message it held stays as it was); emit
        DISPLAY_MESSAGE_SET."""
        message = conversions.message_of(request.message, "message")
        answer = answer_fields(response)
        await self._store.record_set_answer(
            ctx.station_id, message, StationAnswer.of(answer), ctx.now
        )
        ctx.emit(
            DisplayMessageSet(
                **ctx.origin,
                message_id=message.message_id,
                priority=message.priority,
                transaction_id=message.transaction_id,
                **answer,
            )
        )

    async def get_display_messages_result(
        self,
        ctx: HandlerContext,
        request: payloads.GetDisplayMessages,
        response: call_result.GetDisplayMessages,
    ) -> None:
        """O03/O04: store the answer on the request; Unknown (no message matches) completes
        it with nothing reported. Emit DISPLAY_MESSAGES_REQUESTED."""
        answer = answer_fields(response)
        await self._store.record_request_answer(
            ctx.station_id,
            request.request_id,
            filter_of(request),
            StationAnswer.of(answer),
            ctx.now,
        )
        ctx.emit(DisplayMessagesRequested(**ctx.origin, request_id=request.request_id, **answer))

    async def clear_display_message_result(
        self,
        ctx: HandlerContext,
        request: call.ClearDisplayMessage,
        response: call_result.ClearDisplayMessage,
    ) -> None:
        """O05: Accepted, the message is CLEARED; Unknown, the station did not hold it
        (NOT_ON_STATION). Out of the catalogue either way; emit DISPLAY_MESSAGE_CLEARED."""
        answer = answer_fields(response)
        await self._store.record_clear_answer(
            ctx.station_id,
            request.id,
            StationAnswer.of(answer),
            ctx.now,
        )
        ctx.emit(DisplayMessageCleared(**ctx.origin, message_id=request.id, **answer))
