"""What every command mutation shares: the timeout rule, the outcome enum, the status-info
type, the generic `CallResult`, the station call whose typed send turns refusals into input
errors, and the fields every result type fills alike from the station's answer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, Protocol, TypedDict, TypeVar

import strawberry
from ocpp.v201 import datatypes
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.errors import invalid, refusals_as_input_errors
from graphql_schema.context import Context
from modules.kernel import commands
from modules.kernel.commands import CommandResult, InvalidCommand, UnknownCommand
from modules.kernel.errors import OcppError

B = TypeVar("B")
R = TypeVar("R")
S = TypeVar("S")
S_co = TypeVar("S_co", covariant=True)
S_contra = TypeVar("S_contra", contravariant=True)
T_co = TypeVar("T_co", covariant=True)

MAX_TIMEOUT_SECONDS = 300.0


@strawberry.enum(name="CallOutcome", description="How a CSMS-to-station call ended.")
class CallOutcomeEnum(Enum):
    """RESULT: the station answered; CALL_ERROR: it refused (or answered invalidly);
    OFFLINE: it is not connected; TIMEOUT: no answer before the deadline."""

    RESULT = "RESULT"
    CALL_ERROR = "CALL_ERROR"
    OFFLINE = "OFFLINE"
    TIMEOUT = "TIMEOUT"


@strawberry.type(name="StatusInfo", description="Why the station answered as it did.")
class StatusInfoType:
    """A station's statusInfo."""

    reason_code: str
    additional_info: str | None

    @classmethod
    def of(cls, info: datatypes.StatusInfoType | None) -> StatusInfoType | None:
        """Build from the decoded statusInfo, None when the station sent none."""
        if info is None:
            return None
        return cls(reason_code=info.reason_code, additional_info=info.additional_info)


@strawberry.type(name="CallResult", description="The station's answer to a sendCall.")
class CallResultType:
    """Outcome, response payload or error."""

    outcome: CallOutcomeEnum
    response: JSON | None
    error_code: str | None
    error_description: str | None
    error_details: JSON | None


def check_timeout(timeout_seconds: float | None) -> float | None:
    """`timeoutSeconds` within (0, MAX_TIMEOUT_SECONDS], or an input error."""
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise invalid("timeoutSeconds", f"must be > 0 and <= {MAX_TIMEOUT_SECONDS}")
    return timeout_seconds


def outcome_of(result: CommandResult[Any]) -> CallOutcomeEnum:
    """The GraphQL outcome of a command's result."""
    return CallOutcomeEnum(result.outcome.value)


class CallFields(TypedDict):
    """The fields every command result type has: how the call ended and its CALLERROR."""

    outcome: CallOutcomeEnum
    error_code: str | None
    error_description: str | None


def call_fields(result: CommandResult[Any]) -> CallFields:
    """The outcome and error fields of a command's result."""
    return CallFields(
        outcome=outcome_of(result),
        error_code=result.error_code,
        error_description=result.error_description,
    )


class StatusAnswer(Protocol[S_co]):
    """A station's answer that carries a status and, optionally, its statusInfo."""

    @property
    def status(self) -> S_co:
        """The station's status."""
        ...

    @property
    def status_info(self) -> datatypes.StatusInfoType | None:
        """Why the station answered so."""
        ...


class StatusFields(TypedDict, Generic[S]):
    """The status fields of a result type: the station's status and its statusInfo."""

    status: S | None
    status_info: StatusInfoType | None


def status_fields(answer: StatusAnswer[S] | None) -> StatusFields[S]:
    """The status and statusInfo of the station's answer; both None without one."""
    if answer is None:
        return StatusFields(status=None, status_info=None)
    return StatusFields(status=answer.status, status_info=StatusInfoType.of(answer.status_info))


class ReasonFields(TypedDict):
    """A statusInfo spread over two fields of a result type."""

    reason_code: str | None
    additional_info: str | None


def reason_fields(info: datatypes.StatusInfoType | None) -> ReasonFields:
    """The reasonCode and additionalInfo of a statusInfo; both None without one."""
    if info is None:
        return ReasonFields(reason_code=None, additional_info=None)
    return ReasonFields(reason_code=info.reason_code, additional_info=info.additional_info)


class StatusReasonFields(TypedDict, Generic[S]):
    """The status fields of a result type that spreads the statusInfo over two fields."""

    status: S | None
    reason_code: str | None
    additional_info: str | None


def status_reason_fields(answer: StatusAnswer[S] | None) -> StatusReasonFields[S]:
    """The status of the station's answer, its reasonCode and additionalInfo; all None
    without one."""
    reason = reason_fields(answer.status_info if answer else None)
    return StatusReasonFields(
        status=answer.status if answer else None,
        reason_code=reason["reason_code"],
        additional_info=reason["additional_info"],
    )


class StatusResultType(Protocol[S_contra, T_co]):
    """A result type made of the call fields and the status fields only."""

    def __call__(
        self,
        *,
        outcome: CallOutcomeEnum,
        status: S_contra | None,
        status_info: StatusInfoType | None,
        error_code: str | None,
        error_description: str | None,
    ) -> T_co:
        """The result."""
        ...


@dataclass(frozen=True, slots=True)
class StationCall:
    """What a station command's resolver works with: the request's context, the station
    addressed (`stationId`) and the checked `timeoutSeconds` (`graphql_schema/common/fields.py`
    takes both arguments for it)."""

    info: Info[Context, Any]
    station_id: str
    timeout: float | None

    def block(self, kind: type[B]) -> B:
        """The block service of class `kind`."""
        return self.info.context.services.block(kind)

    async def send(self, request: Any, answer_type: type[R]) -> CommandResult[R]:
        """Send the typed request and return the typed result; a request the kernel refuses
        (schema, unknown action) becomes an input error naming what is wrong."""
        sender = self.info.context.services.sender
        with refusals_as_input_errors(InvalidCommand, UnknownCommand, OcppError):
            return await commands.send(sender, self.station_id, request, answer_type, self.timeout)

    async def status(
        self,
        request: Any,
        answer_type: type[StatusAnswer[S]],
        result_type: StatusResultType[S, R],
    ) -> R:
        """Send the request and build `result_type` from how the call ended and the status the
        station answered."""
        result = await self.send(request, answer_type)
        return result_type(**call_fields(result), **status_fields(result.response))
