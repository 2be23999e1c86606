"""CSMS->CS commands as typed values: the outcome of a CALL, the `CommandSender` port (also
exported by `modules.kernel.ports`), and a typed send over it, so blocks build `ocpp` request
dataclasses and read response ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from modules.kernel import codec
from modules.kernel.envelope import Outcome

R = TypeVar("R")


class UnknownCommand(ValueError):
    """The action is not one the CSMS can send to a station."""


class InvalidCommand(ValueError):
    """A command's arguments cannot form a valid request; `field` names the argument."""

    def __init__(self, field: str, problem: str, code: str = "INVALID_ARGUMENT") -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        self.code = code


@dataclass(frozen=True, slots=True)
class CallOutcome:
    """How a CSMS CALL ended and what the station said (the response as camelCase JSON)."""

    outcome: Outcome
    response: dict[str, Any] | None = None
    error_code: str | None = None
    error_description: str | None = None
    error_details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CommandResult(Generic[R]):
    """A typed command's outcome: with RESULT, the station's response as a dataclass."""

    outcome: Outcome
    response: R | None = None
    error_code: str | None = None
    error_description: str | None = None
    error_details: dict[str, Any] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        """True when the station sent a CALLRESULT."""
        return self.outcome is Outcome.RESULT and self.response is not None


class CommandSender(Protocol):
    """Sends one CSMS->CS CALL to wherever the station is connected and awaits its answer."""

    async def send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None = None
    ) -> CallOutcome:
        """The station's answer, or why there is none (OFFLINE, TIMEOUT, CALL_ERROR).

        Raises UnknownCommand for an action the CSMS does not send, and the schema's
        OcppError for a payload that does not conform to the request schema.
        """
        ...


def typed(outcome: CallOutcome, response_type: type[R]) -> CommandResult[R]:
    """The outcome with its response decoded into `response_type`."""
    response = None
    if outcome.outcome is Outcome.RESULT:
        response = codec.decode(response_type, outcome.response or {})
    return CommandResult(
        outcome=outcome.outcome,
        response=response,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
        error_details=outcome.error_details,
    )


async def send(
    sender: CommandSender,
    station_id: str,
    request: Any,
    response_type: type[R],
    timeout: float | None = None,
) -> CommandResult[R]:
    """Send `request` (an `ocpp.v201.call` dataclass; its class name is the action) and decode
    the station's answer. The sender validates the payload against the request schema."""
    action = type(request).__name__
    outcome = await sender.send(station_id, action, codec.encode(request), timeout)
    return typed(outcome, response_type)
