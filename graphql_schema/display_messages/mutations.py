"""Display-message mutations (block O): arguments to the block's workflows and commands,
their results to GraphQL types. When the station answered, the block's result handler has
already stored what the answer means by the time a mutation returns."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.common import commands
from graphql_schema.common.commands import CallOutcomeEnum, StationCall, check_timeout
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.display_messages.types import (
    ClearDisplayMessageResult,
    DisplayMessageBroadcastType,
    DisplayMessageInput,
    DisplayMessageRequestType,
    DisplayMessageType,
    GetDisplayMessagesResult,
    SetDisplayMessageResult,
)
from modules import display_messages
from modules.display_messages import (
    DisplayMessageQueries,
    DisplayMessages,
    FleetMessage,
    FleetMessages,
    MessageState,
    RequestFilter,
)
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError


@strawberry.type
class DisplayMessagesMutation:
    """Display-message commands (block O)."""

    @mutation(
        "O01/O02/O06: set a display message; an id the station holds is replaced with all "
        "the new fields. Without `message.id` the CSMS allocates one. Checked before sending: "
        "its fields (language an RFC 5646 tag, content ASCII for format ASCII, an end after "
        "the start and not past) and what the station reported in its device model "
        "(DisplayMessageCtrlr SupportedFormats, SupportedPriorities, SupportedStates, the "
        "DisplayMessages maxLimit against the messages the CSMS believes it holds): an input "
        "error naming the field, code UNSUPPORTED_BY_STATION for the device model's refusals."
    )
    async def set_display_message(
        self, call: StationCall, message: DisplayMessageInput
    ) -> SetDisplayMessageResult:
        """Check, record (allocating the id when none is given), send."""
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await call.block(DisplayMessages).set(
                call.station_id, message.id, message.body(), call.timeout
            )
        return SetDisplayMessageResult(
            outcome=CallOutcomeEnum(done.outcome.value),
            message_id=done.message_id,
            **commands.status_fields(done.answer),
            error_code=done.error_code,
            error_description=done.error_description,
            message=DisplayMessageType.of(done.message) if done.message else None,
        )

    @mutation(
        "O03/O04: ask the station for its display messages (all, or by ids, priority, state) "
        "under a requestId the CSMS allocates; its NotifyDisplayMessages fill "
        "`reportedDisplayMessages`, and `displayMessageRequest` says when the last arrived."
    )
    async def get_display_messages(
        self,
        call: StationCall,
        ids: list[int] | None = None,
        priority: enums.MessagePriorityEnumType | None = None,
        state: MessageState | None = None,
    ) -> GetDisplayMessagesResult:
        """Allocate a requestId and send GetDisplayMessages."""
        wanted = RequestFilter(
            tuple(ids) if ids is not None else None,
            priority.value if priority else None,
            state.value if state else None,
        )
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await call.block(DisplayMessages).get(call.station_id, wanted, call.timeout)
        return GetDisplayMessagesResult(
            outcome=CallOutcomeEnum(done.outcome.value),
            request_id=done.request_id,
            **commands.status_fields(done.answer),
            error_code=done.error_code,
            error_description=done.error_description,
            request=DisplayMessageRequestType.of(done.request) if done.request else None,
        )

    @mutation(
        "O05: clear a display message. Accepted: the CSMS records it CLEARED; Unknown: the "
        "station did not hold it, recorded NOT_ON_STATION."
    )
    async def clear_display_message(
        self, call: StationCall, message_id: int
    ) -> ClearDisplayMessageResult:
        """Send ClearDisplayMessage; the message as recorded afterwards."""
        request = display_messages.clear_display_message(message_id)
        result = await call.send(request, call_result.ClearDisplayMessage)
        view = await call.block(DisplayMessageQueries).message(call.station_id, message_id)
        return ClearDisplayMessageResult(
            **commands.call_fields(result),
            **commands.status_fields(result.response),
            message=DisplayMessageType.of(view) if view else None,
        )

    @mutation(
        "Send one display message to many stations: `stationIds`, or every station (only the "
        "connected ones with `onlineOnly`; with `stationIds`, `onlineOnly` keeps the "
        "connected ones of the list). Runs in the background, `concurrency` stations at a "
        "time (1-100), each checked against its own device model as setDisplayMessage is; "
        "read progress and each station's outcome with `displayMessageBroadcast` and "
        "`displayMessageBroadcastTargets`. `timeoutSeconds` bounds each station's call."
    )
    async def broadcast_display_message(
        self,
        fleet: FleetMessages,
        message: DisplayMessageInput,
        station_ids: list[strawberry.ID] | None = None,
        online_only: bool = False,
        concurrency: int = 10,
        timeout_seconds: float | None = None,
    ) -> DisplayMessageBroadcastType:
        """Record the fleet-wide message and start it."""
        timeout = check_timeout(timeout_seconds)
        order = FleetMessage(
            body=message.body(),
            message_id=message.id,
            station_ids=tuple(str(item) for item in station_ids) if station_ids else None,
            online_only=online_only,
            concurrency=concurrency,
        )
        with refusals_as_input_errors(InvalidCommand, OcppError):
            view = await fleet.send(order, timeout)
        return DisplayMessageBroadcastType.of(view)
