"""Plain records of the display-message block, returned by its store and its queries (enum
values as OCPP spells them, times aware)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from modules.kernel.ocpp_parts import StationAnswer as StationAnswer


class MessageState(StrEnum):
    """MessageStateEnumType: in which state of the station a message is shown (every value
    the official schema allows; the `ocpp` package's enum lacks Unavailable)."""

    Charging = "Charging"
    Faulted = "Faulted"
    Idle = "Idle"
    Unavailable = "Unavailable"


class Presence(StrEnum):
    """Where a message id of a station stands, as far as the CSMS knows."""

    PENDING = "PENDING"
    """A SetDisplayMessage for a new id was sent; no answer yet."""
    SET = "SET"
    """The station holds it: it accepted it, or reported it."""
    REFUSED = "REFUSED"
    """The station answered the SetDisplayMessage of a new id with another status."""
    FAILED = "FAILED"
    """The SetDisplayMessage of a new id got no answer (offline, timeout, CALLERROR)."""
    REPLACED = "REPLACED"
    """Another AlwaysFront message was accepted, which replaces it (O01.FR.16)."""
    CLEARED = "CLEARED"
    """The station accepted its ClearDisplayMessage (O05.FR.01)."""
    NOT_ON_STATION = "NOT_ON_STATION"
    """The station does not hold it: it answered Unknown to its ClearDisplayMessage
    (O05.FR.02), or left it out of a complete report that covered it."""
    TRANSACTION_ENDED = "TRANSACTION_ENDED"
    """Its transaction ended, so the station removed it (O02.FR.02)."""


class BroadcastStatus(StrEnum):
    """How far a fleet-wide message got."""

    RUNNING = "RUNNING"
    DONE = "DONE"
    INTERRUPTED = "INTERRUPTED"
    """The node running it stopped first; its stations still PENDING were not sent to."""


class TargetOutcome(StrEnum):
    """How a fleet-wide message went on one station."""

    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"
    """The station answered another status (`status` says which)."""
    NOT_SUPPORTED = "NOT_SUPPORTED"
    """Not sent: the station's device model says it cannot take it (`problem` says why)."""
    OFFLINE = "OFFLINE"
    TIMEOUT = "TIMEOUT"
    CALL_ERROR = "CALL_ERROR"
    UNKNOWN_STATION = "UNKNOWN_STATION"
    FAILED = "FAILED"
    """Something went wrong on the CSMS's side (`problem` says what)."""


class Audience(StrEnum):
    """Who a fleet-wide message goes to."""

    LISTED = "LISTED"
    ALL = "ALL"
    ONLINE = "ONLINE"


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageBody:
    """A display message without its id (MessageInfoType's other fields): priority, state,
    start and end, the transaction it is bound to, its content, and the display it is for."""

    priority: str
    state: str | None = None
    start_date_time: datetime | None = None
    end_date_time: datetime | None = None
    transaction_id: str | None = None
    format: str
    language: str | None = None
    content: str
    display_component: str | None = None
    display_instance: str | None = None
    display_evse_id: int | None = None
    display_connector_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageInfo(MessageBody):
    """A display message with its id."""

    message_id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DisplayMessageView(MessageInfo):
    """One message id of a station as the CSMS knows it: the message (as last set, or as the
    station reported it), its presence, and the station's answer to the last
    SetDisplayMessage of the id (`status` None when the CSMS never got one)."""

    station_id: str
    presence: str
    status: str | None
    status_reason: str | None
    outcome: str | None
    error_code: str | None
    requested_at: datetime | None
    answered_at: datetime | None
    believed_since: datetime | None
    confirmed_at: datetime | None
    removed_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedMessageView(MessageInfo):
    """One message of a station's catalogue as the station last reported it."""

    station_id: str
    request_id: int
    reported_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class HeldMessage:
    """A message the CSMS believes the station holds: its id and priority."""

    message_id: int
    priority: str


@dataclass(frozen=True, slots=True)
class RequestFilter:
    """What a GetDisplayMessages asks for: ids, a priority, a state (None: any)."""

    ids: tuple[int, ...] | None = None
    priority: str | None = None
    state: str | None = None

    def columns(self, requested_at: datetime | None) -> dict[str, Any]:
        """A request's filter columns, asked for at `requested_at`."""
        return {
            "ids": list(self.ids) if self.ids is not None else None,
            "priority": self.priority,
            "state": self.state,
            "requested_at": requested_at,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageRequestView:
    """A GetDisplayMessages request by requestId (filters None when the CSMS did not send
    it): the station's answer, the NotifyDisplayMessages parts received, completion."""

    station_id: str
    request_id: int
    ids: list[int] | None
    priority: str | None
    state: str | None
    requested_at: datetime | None
    outcome: str | None
    status: str | None
    status_reason: str | None
    error_code: str | None
    parts: int
    messages: int
    last_part_at: datetime | None
    completed_at: datetime | None


@dataclass(frozen=True, slots=True)
class NotifiedPart:
    """One NotifyDisplayMessages: its requestId, the messages it carries, tbc."""

    request_id: int
    messages: tuple[MessageInfo, ...]
    tbc: bool

    @property
    def key(self) -> str:
        """What tells this part from the request's others (the message has no seqNo; a
        resend has the same key)."""
        ids = ",".join(str(message.message_id) for message in self.messages)
        return f"{ids}/{int(self.tbc)}"


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """What a NotifyDisplayMessages did: whether it completed its request (the first part
    with tbc false), and the request as stored after it."""

    completed: bool
    request: MessageRequestView


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetResult:
    """How a fleet-wide message went on one station."""

    outcome: str
    status: str | None = None
    message_id: int | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BroadcastOpening:
    """A fleet-wide message about to be sent: the message (MessageInfoType JSON without its
    id), the id it is given (None: each station's own), the audience, how many stations are
    sent to at once, and the stations, in order."""

    message: dict[str, Any]
    message_id: int | None
    audience: str
    concurrency: int
    station_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class BroadcastTargetView(TargetResult):
    """One station of a fleet-wide message; `id` orders them (in the order they were named)."""

    id: int
    broadcast_id: int
    station_id: str
    finished_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class BroadcastView:
    """A fleet-wide message: the message (MessageInfoType JSON without its id), the id it was
    given (None: each station's own), its audience, and how many stations stand at each
    outcome."""

    id: int
    message: dict[str, Any]
    message_id: int | None
    audience: str
    concurrency: int
    status: str
    total: int
    created_at: datetime
    finished_at: datetime | None
    counts: Mapping[str, int] = field(default_factory=dict)
