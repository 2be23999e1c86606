"""Display-message rules (block O), pure: what makes a message sendable, what the station's
device model says it supports, which ids a complete report speaks for, and what a station's
NotifyDisplayMessages may carry to be stored."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from modules.display_messages.records import HeldMessage, MessageBody, MessageRequestView
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.kernel.value_limits import INT_MAX, INT_MIN

UNSUPPORTED = "UNSUPPORTED_BY_STATION"
"""The input error code of a message the station's device model says it cannot take."""

ALWAYS_FRONT = "AlwaysFront"
ASCII = "ASCII"
MAX_CONTENT = 512
MAX_LANGUAGE = 8
MAX_TRANSACTION_ID = 36
MAX_NAME = 50

CONTROLLER = "displaymessagectrlr"
FORMATS = "supportedformats"
PRIORITIES = "supportedpriorities"
STATES = "supportedstates"
COUNT = "displaymessages"

LANGUAGE_TAG = re.compile(
    r"[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
)
"""An RFC 5646 language tag without extensions or private use: language (and extended
language subtags), script, region, variants; e.g. en, en-US, zh-Hant, es-419."""


def _refusal(field: str, problem: str, code: str = "INVALID_ARGUMENT") -> InvalidCommand:
    return InvalidCommand(f"message.{field}", problem, code)


def language_problem(language: str) -> str | None:
    """Why `language` is no RFC 5646 tag OCPP can carry (O01.FR.17), or None."""
    if len(language) > MAX_LANGUAGE:
        return f"at most {MAX_LANGUAGE} characters (an RFC 5646 tag such as en-US)"
    if LANGUAGE_TAG.fullmatch(language) is None:
        return f"{language!r} is not an RFC 5646 language tag (such as en, en-US, zh-Hant)"
    return None


def _check_content(body: MessageBody) -> None:
    if len(body.content) > MAX_CONTENT:
        raise _refusal("content", f"at most {MAX_CONTENT} characters")
    if "\x00" in body.content:
        raise _refusal("content", "must not contain NUL characters")
    if body.format == ASCII and not body.content.isascii():
        raise _refusal("content", "has characters outside ASCII but format is ASCII")
    if body.language is not None and (problem := language_problem(body.language)) is not None:
        raise _refusal("language", problem)


def _check_times(body: MessageBody, now: datetime) -> None:
    start, end = body.start_date_time, body.end_date_time
    if end is not None:
        if start is not None and end <= start:
            raise _refusal("endDateTime", "must be after startDateTime")
        if end <= now:
            raise _refusal("endDateTime", "is in the past: the station would remove it at once")


def _check_display(body: MessageBody) -> None:
    if body.display_component is None:
        if body.display_evse_id is not None or body.display_instance is not None:
            raise _refusal("display.name", "is needed with an instance or an EVSE")
        if body.display_connector_id is not None:
            raise _refusal("display.name", "is needed with a connector")
        return
    if not body.display_component or len(body.display_component) > MAX_NAME:
        raise _refusal("display.name", f"1 to {MAX_NAME} characters")
    if body.display_instance is not None and len(body.display_instance) > MAX_NAME:
        raise _refusal("display.instance", f"at most {MAX_NAME} characters")
    if body.display_connector_id is not None and body.display_evse_id is None:
        raise _refusal("display.connectorId", "needs evseId")
    if body.display_evse_id is not None and body.display_evse_id < 1:
        raise _refusal("display.evseId", "must be >= 1")
    if body.display_connector_id is not None and body.display_connector_id < 1:
        raise _refusal("display.connectorId", "must be >= 1")


def check_message(message_id: int | None, body: MessageBody, now: datetime) -> None:
    """Raise InvalidCommand naming the first field of the message that cannot be sent: an
    id below 0, content too long, not ASCII for format ASCII, a language that is no RFC 5646
    tag (O01.FR.17), an empty transactionId (omitted, not empty, when the message is bound to
    no transaction: O01.FR.04), an end not after the start or already past, a display
    component that cannot exist."""
    if message_id is not None and message_id < 0:
        raise _refusal("id", "must be >= 0 (omit it and the CSMS picks one)")
    _check_content(body)
    if body.transaction_id is not None:
        if not body.transaction_id:
            raise _refusal(
                "transactionId", "must not be empty (omit it for a message bound to none)"
            )
        if len(body.transaction_id) > MAX_TRANSACTION_ID:
            raise _refusal("transactionId", f"at most {MAX_TRANSACTION_ID} characters")
    _check_times(body, now)
    _check_display(body)


@dataclass(frozen=True, slots=True)
class ControllerVariable:
    """A DisplayMessageCtrlr variable as the station reported it: its Actual value and its
    maxLimit."""

    variable: str
    value: str | None
    max_limit: float | None = None


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What the station's device model says about its display (None: not reported)."""

    formats: tuple[str, ...] | None = None
    priorities: tuple[str, ...] | None = None
    states: tuple[str, ...] | None = None
    max_messages: int | None = None


def _members(value: str | None) -> tuple[str, ...] | None:
    """A MemberList value's members; None when it is absent or empty (then nothing is
    known)."""
    members = tuple(part.strip() for part in (value or "").split(",") if part.strip())
    return members or None


def capabilities_of(variables: Iterable[ControllerVariable]) -> Capabilities:
    """DisplayMessageCtrlr's SupportedFormats, SupportedPriorities, SupportedStates (an OCPP
    2.1 variable some stations report) and the DisplayMessages maxLimit."""
    found: dict[str, ControllerVariable] = {row.variable.lower(): row for row in variables}
    count = found.get(COUNT)
    limit = count.max_limit if count is not None else None
    return Capabilities(
        formats=_members(found[FORMATS].value) if FORMATS in found else None,
        priorities=_members(found[PRIORITIES].value) if PRIORITIES in found else None,
        states=_members(found[STATES].value) if STATES in found else None,
        max_messages=int(limit) if limit is not None and limit >= 0 else None,
    )


def _unsupported(field: str, value: str, supported: Sequence[str] | None, name: str) -> None:
    if supported is None or value.lower() in {item.lower() for item in supported}:
        return
    listed = ", ".join(supported)
    raise _refusal(
        field,
        f"{value} is not supported by the station (DisplayMessageCtrlr.{name}: {listed})",
        UNSUPPORTED,
    )


def check_supported(
    message_id: int | None,
    body: MessageBody,
    capabilities: Capabilities,
    held: Sequence[HeldMessage],
) -> None:
    """Raise InvalidCommand (code UNSUPPORTED_BY_STATION) when the station's device model
    says it would refuse the message: a format, priority or state it does not list
    (O01.FR.01-03), or one message more than its DisplayMessages maxLimit allows, counting
    the messages the CSMS believes it holds (O01.FR.11; the id being replaced, and an
    AlwaysFront message a new AlwaysFront one replaces (O01.FR.16), do not count)."""
    _unsupported("format", body.format, capabilities.formats, "SupportedFormats")
    _unsupported("priority", body.priority, capabilities.priorities, "SupportedPriorities")
    if body.state is not None:
        _unsupported("state", body.state, capabilities.states, "SupportedStates")
    limit = capabilities.max_messages
    if limit is None:
        return
    staying = [
        item
        for item in held
        if item.message_id != message_id
        and not (body.priority == ALWAYS_FRONT and item.priority == ALWAYS_FRONT)
    ]
    if len(staying) + 1 > limit:
        raise InvalidCommand(
            "message",
            f"the station holds {len(staying)} other messages and takes at most {limit} "
            "(DisplayMessageCtrlr.DisplayMessages maxLimit): clear one first",
            UNSUPPORTED,
        )


def check_request_ids(ids: Sequence[int] | None, capabilities: Capabilities) -> None:
    """Raise InvalidCommand when GetDisplayMessages ids cannot be sent: empty (omit them for
    every message), below 0, or more than the DisplayMessages maxLimit allows."""
    if ids is None:
        return
    if not ids:
        raise InvalidCommand("ids", "give at least one id, or omit ids for every message")
    if min(ids) < 0:
        raise InvalidCommand("ids", "must be >= 0")
    limit = capabilities.max_messages
    if limit is not None and len(ids) > limit:
        raise InvalidCommand(
            "ids",
            f"at most {limit} ids (DisplayMessageCtrlr.DisplayMessages maxLimit)",
            UNSUPPORTED,
        )


@dataclass(frozen=True, slots=True)
class Coverage:
    """The message ids a complete answer to a GetDisplayMessages speaks for: every id (the
    request asked for all), the ids it asked for, or none (it filtered by priority or
    state, or the CSMS did not send it)."""

    every: bool = False
    ids: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        """Whether the answer speaks for no id beyond the ones it reports."""
        return not self.every and not self.ids

    def covers(self, message_id: int) -> bool:
        """Whether a message with this id, left out of the answer, is not on the station."""
        return self.every or message_id in self.ids


def coverage_of(request: MessageRequestView) -> Coverage:
    """What a complete report of `request` (or its Unknown answer) says is not on the
    station when it left it out (O03.FR.02, O04.FR.03)."""
    if request.requested_at is None or request.priority or request.state:
        return Coverage()
    if request.ids is None:
        return Coverage(every=True)
    return Coverage(ids=frozenset(request.ids))


def storable_time(text: str | None, field: str) -> datetime | None:
    """An OCPP date-time of a station's message, in UTC (any RFC 3339 form, a leap second as
    :59.999999); PropertyConstraintViolation naming the field when it is no date-time the CSMS
    can store (the kernel refuses those before dispatch already)."""
    if text is None:
        return None
    try:
        return parse_ocpp_datetime(text)
    except ValueError:
        raise PropertyConstraintViolation(
            f"{field}: {text!r} is not a date-time", {"field": field}
        ) from None


def check_storable_integer(value: int, field: str) -> None:
    """PropertyConstraintViolation naming the field when `value` is no 32-bit integer (an
    integer past 64 bits reaches the handler as a float: compared, never searched for)."""
    if not INT_MIN <= value <= INT_MAX or value != int(value):
        raise PropertyConstraintViolation(f"{field}: {value} is out of range", {"field": field})


def check_storable_text(value: str | None, field: str) -> None:
    """PropertyConstraintViolation naming the field when `value` holds a NUL character."""
    if value is not None and "\x00" in value:
        raise PropertyConstraintViolation(f"{field}: NUL character", {"field": field})
