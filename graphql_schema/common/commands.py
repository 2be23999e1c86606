"""What every command mutation shares: the timeout rule, the outcome enum, the status-info
type, the generic `CallResult`, and one typed send that turns refusals into input errors."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

import strawberry
from ocpp.v201 import datatypes
from strawberry.scalars import JSON

from graphql_schema.common.errors import from_command_error, invalid
from modules.kernel import commands
from modules.kernel.commands import CommandResult, InvalidCommand, UnknownCommand
from modules.kernel.errors import OcppError
from modules.kernel.ports import CommandSender

R = TypeVar("R")

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


async def send(
    sender: CommandSender,
    station_id: str,
    request: Any,
    response_type: type[R],
    timeout_seconds: float | None,
) -> CommandResult[R]:
    """Check the timeout, send the typed request, and return the typed result; a request the
    kernel refuses (schema, unknown action) becomes an input error naming what is wrong."""
    timeout = check_timeout(timeout_seconds)
    try:
        return await commands.send(sender, station_id, request, response_type, timeout)
    except (InvalidCommand, UnknownCommand, OcppError) as error:
        raise from_command_error(error) from None
