"""GraphQL types of the display-message block (O): the OCPP enums spelled as OCPP spells
them, a station's messages (as the CSMS knows them, as the station reported them), the
GetDisplayMessages requests, fleet-wide messages, the message input and the command
results."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from ocpp.v201 import enums
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import FeedRow, from_record
from modules.display_messages import (
    Audience,
    BroadcastStatus,
    BroadcastView,
    DisplayMessageView,
    MessageBody,
    MessageRequestView,
    MessageState,
    Presence,
    ReportedMessageView,
    TargetOutcome,
)

BROADCASTS_CURSOR = "displayMessageBroadcasts"
TARGETS_CURSOR = "displayMessageBroadcastTargets"

MessagePriority = ocpp_enum(
    enums.MessagePriorityEnumType,
    "MessagePriority",
    "How a display message is shown: AlwaysFront (over everything, one at a time), InFront "
    "(before the normal cycle), NormalCycle.",
)
MessageStateEnum = strawberry.enum(
    MessageState,
    name="MessageState",
    description="In which state of the station a display message is shown (any when "
    "omitted): MessageStateEnumType, Unavailable included.",
)
MessageFormat = ocpp_enum(enums.MessageFormatEnumType, "MessageFormat", "MessageFormatEnumType.")
DisplayMessageStatus = ocpp_enum(
    enums.DisplayMessageStatusEnumType,
    "DisplayMessageStatus",
    "The station's answer to SetDisplayMessage.",
)
GetDisplayMessagesStatus = ocpp_enum(
    enums.GetDisplayMessagesStatusEnumType,
    "GetDisplayMessagesStatus",
    "The station's answer to GetDisplayMessages: Accepted (reports follow) or Unknown (no "
    "message matches).",
)
ClearMessageStatus = ocpp_enum(
    enums.ClearMessageStatusEnumType,
    "ClearMessageStatus",
    "The station's answer to ClearDisplayMessage: Accepted (cleared) or Unknown (it held "
    "no message of that id).",
)
DisplayMessagePresence = strawberry.enum(
    Presence,
    name="DisplayMessagePresence",
    description="Where a message id of a station stands, as far as the CSMS knows: PENDING "
    "(sent, no answer yet), SET (the station holds it), REFUSED, FAILED (no answer), REPLACED "
    "(by a newer AlwaysFront message), CLEARED, NOT_ON_STATION (ClearDisplayMessage answered "
    "Unknown, or left out of a complete report), TRANSACTION_ENDED.",
)
DisplayMessageBroadcastStatus = strawberry.enum(
    BroadcastStatus,
    name="DisplayMessageBroadcastStatus",
    description="RUNNING, DONE, or INTERRUPTED (its node stopped first).",
)
DisplayMessageTargetOutcome = strawberry.enum(
    TargetOutcome,
    name="DisplayMessageTargetOutcome",
    description="How a fleet-wide message went on one station.",
)
DisplayMessageAudience = strawberry.enum(
    Audience, name="DisplayMessageAudience", description="Who a fleet-wide message went to."
)


@strawberry.type(name="DisplayComponent", description="The display a message is shown on.")
class DisplayComponentType:
    """A ComponentType naming a display (an EVSE's, or the station's)."""

    name: str
    instance: str | None
    evse_id: int | None
    connector_id: int | None

    @classmethod
    def of(cls, message: MessageBody) -> DisplayComponentType | None:
        """The display of `message`, or None when it names none."""
        if message.display_component is None:
            return None
        return cls(
            name=message.display_component,
            instance=message.display_instance,
            evse_id=message.display_evse_id,
            connector_id=message.display_connector_id,
        )


@strawberry.type
class MessageInfoFields:
    """The MessageInfoType fields every message type begins with (no GraphQL type of its
    own)."""

    station_id: strawberry.ID
    message_id: int
    priority: enums.MessagePriorityEnumType
    state: MessageState | None
    start_date_time: datetime | None
    end_date_time: datetime | None
    transaction_id: str | None
    format: enums.MessageFormatEnumType
    language: str | None
    content: str
    display: DisplayComponentType | None


@strawberry.type(
    name="ReportedDisplayMessage",
    description="A message as the station last reported it (NotifyDisplayMessages).",
)
class ReportedDisplayMessageType(MessageInfoFields):
    """One message of the station's catalogue."""

    request_id: int = strawberry.field(description="The GetDisplayMessages it came under.")
    reported_at: datetime

    @classmethod
    def of(cls, view: ReportedMessageView) -> ReportedDisplayMessageType:
        """Build from the block's view."""
        return from_record(cls, view, display=DisplayComponentType.of(view))


@strawberry.type(
    name="DisplayMessage", description="A message id of a station as the CSMS knows it."
)
class DisplayMessageType(MessageInfoFields):
    """The message as last set (or as the station reported it), where it stands, and the
    station's answer to the last SetDisplayMessage of the id."""

    presence: Presence
    status: enums.DisplayMessageStatusEnumType | None = strawberry.field(
        description="The station's answer to the last SetDisplayMessage of this id; null when "
        "none came. A refused replace leaves a SET message as it was."
    )
    status_reason: str | None
    outcome: CallOutcomeEnum | None = strawberry.field(
        description="How the last SetDisplayMessage of this id ended."
    )
    error_code: str | None
    requested_at: datetime | None
    answered_at: datetime | None
    confirmed_at: datetime | None = strawberry.field(
        description="When the station last reported holding it."
    )
    removed_at: datetime | None
    updated_at: datetime
    reported: ReportedDisplayMessageType | None = strawberry.field(
        description="The message as the station last reported it; null when not reported."
    )

    @classmethod
    def of(
        cls, view: DisplayMessageView, reported: ReportedMessageView | None = None
    ) -> DisplayMessageType:
        """Build from the block's view and the station's report of the id."""
        return from_record(
            cls,
            view,
            display=DisplayComponentType.of(view),
            reported=ReportedDisplayMessageType.of(reported) if reported else None,
        )


@strawberry.type(
    name="DisplayMessageRequest",
    description="A GetDisplayMessages request and the NotifyDisplayMessages that answered it.",
)
class DisplayMessageRequestType:
    """One request by requestId; the filters are null for a request this CSMS did not send."""

    station_id: strawberry.ID
    request_id: int
    ids: list[int] | None
    priority: enums.MessagePriorityEnumType | None
    state: MessageState | None
    requested_at: datetime | None
    outcome: CallOutcomeEnum | None
    status: enums.GetDisplayMessagesStatusEnumType | None
    status_reason: str | None
    error_code: str | None
    parts: int = strawberry.field(description="NotifyDisplayMessages received (repeats too).")
    messages: int = strawberry.field(description="Distinct message ids they reported.")
    last_part_at: datetime | None
    completed: bool = strawberry.field(
        description="The part with tbc false arrived, or the station answered Unknown."
    )
    completed_at: datetime | None

    @classmethod
    def of(cls, view: MessageRequestView) -> DisplayMessageRequestType:
        """Build from the block's view."""
        return from_record(cls, view, completed=view.completed_at is not None)


@strawberry.type(
    name="DisplayMessageBroadcast",
    description="One message sent to a set of stations, and how far it got.",
)
class DisplayMessageBroadcastType:
    """A fleet-wide message with its stations counted per outcome."""

    cursor: str = strawberry.field(description="Pass as `after` to read older ones.")
    id: int
    message: JSON = strawberry.field(description="MessageInfoType JSON, without its id.")
    message_id: int | None = strawberry.field(
        description="The id given on every station; null: each station's own."
    )
    audience: Audience
    concurrency: int
    status: BroadcastStatus
    total: int
    done: int = strawberry.field(description="Stations no longer PENDING.")
    pending: int
    accepted: int
    refused: int
    not_supported: int
    offline: int
    timeout: int
    call_error: int
    unknown_station: int
    failed: int
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, view: BroadcastView) -> DisplayMessageBroadcastType:
        """Build from the block's view (its counts spread per outcome)."""
        counts = {outcome: view.counts.get(outcome.value, 0) for outcome in TargetOutcome}
        pending = counts[TargetOutcome.PENDING]
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(BROADCASTS_CURSOR, view.id),
            done=view.total - pending,
            **{outcome.value.lower(): count for outcome, count in counts.items()},
        )


@strawberry.type(
    name="DisplayMessageBroadcastTarget",
    description="One station of a fleet-wide message and how it went.",
)
class DisplayMessageTargetType(FeedRow):
    """The station's outcome, its status answer, the id the message got there, the problem."""

    cursor_kind = TARGETS_CURSOR

    cursor: str = strawberry.field(description="Pass as `after` to read the next stations.")
    station_id: strawberry.ID
    outcome: TargetOutcome
    status: enums.DisplayMessageStatusEnumType | None
    message_id: int | None
    problem: str | None = strawberry.field(
        description="Why it was not sent (NOT_SUPPORTED, FAILED) or the CALLERROR."
    )
    finished_at: datetime | None


@strawberry.input(description="The display a message is for (a ComponentType).")
class DisplayComponentInput:
    """A display component: its name, instance, EVSE and connector."""

    name: str
    instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None


def _utc(moment: datetime | None) -> datetime | None:
    """A date-time as given, or taken as UTC when it carries no offset."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@strawberry.input(description="A display message (MessageInfoType).")
class DisplayMessageInput:
    """What SetDisplayMessage sends; `id` null: the CSMS picks one."""

    id: int | None = strawberry.field(
        default=None, description="The message id; omit it and the CSMS allocates one."
    )
    priority: enums.MessagePriorityEnumType
    state: MessageState | None = None
    start_date_time: datetime | None = None
    end_date_time: datetime | None = None
    transaction_id: str | None = strawberry.field(
        default=None,
        description="Show it during this transaction only (O02); the station removes it when "
        "the transaction ends. Omit it for a message bound to none (O01.FR.04).",
    )
    format: enums.MessageFormatEnumType
    language: str | None = strawberry.field(
        default=None, description="An RFC 5646 language tag, e.g. en-US (O01.FR.17)."
    )
    content: str
    display: DisplayComponentInput | None = None

    def body(self) -> MessageBody:
        """The block's message body (a date-time without offset is taken as UTC)."""
        display = self.display
        return MessageBody(
            priority=self.priority.value,
            state=self.state.value if self.state else None,
            start_date_time=_utc(self.start_date_time),
            end_date_time=_utc(self.end_date_time),
            transaction_id=self.transaction_id,
            format=self.format.value,
            language=self.language,
            content=self.content,
            display_component=display.name if display else None,
            display_instance=display.instance if display else None,
            display_evse_id=display.evse_id if display else None,
            display_connector_id=display.connector_id if display else None,
        )


@strawberry.type(description="How a SetDisplayMessage call ended.")
class SetDisplayMessageResult:
    """Outcome; the message id (null when the station is unknown and nothing was sent); with
    RESULT the station's status; the message as the CSMS records it afterwards."""

    outcome: CallOutcomeEnum
    message_id: int | None
    status: enums.DisplayMessageStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    message: DisplayMessageType | None


@strawberry.type(description="How a GetDisplayMessages call ended.")
class GetDisplayMessagesResult:
    """Outcome; the requestId (null when the station is unknown); with RESULT the station's
    status; the request as recorded (its NotifyDisplayMessages follow)."""

    outcome: CallOutcomeEnum
    request_id: int | None
    status: enums.GetDisplayMessagesStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    request: DisplayMessageRequestType | None


@strawberry.type(description="How a ClearDisplayMessage call ended.")
class ClearDisplayMessageResult:
    """Outcome; with RESULT the station's status; the message as the CSMS records it."""

    outcome: CallOutcomeEnum
    status: enums.ClearMessageStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    message: DisplayMessageType | None
