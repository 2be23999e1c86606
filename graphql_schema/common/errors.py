"""The one input-error type: a GraphQL error whose `extensions.code` a client can act on, and
the refusals of a command the kernel or a block raises, turned into it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from modules.kernel.commands import InvalidCommand, UnknownCommand
from modules.kernel.errors import OcppError

BAD_USER_INPUT = "BAD_USER_INPUT"


class InputError(ValueError):
    """An argument the field cannot use; the message says which and why.

    graphql-core copies `extensions` of the original exception into the error it reports,
    so every response carries `{"code": ..., "field": ...}` beside the message.
    """

    def __init__(self, message: str, code: str = BAD_USER_INPUT, field: str | None = None) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": code}
        if field is not None:
            self.extensions["field"] = field


def invalid(field: str, problem: str) -> InputError:
    """An InputError for argument `field`: `"<field>: <problem>"`."""
    return InputError(f"{field}: {problem}", field=field)


Refusal = InvalidCommand | UnknownCommand | OcppError
"""What the kernel or a block raises for a command it will not send or run."""


def from_command_error(error: Refusal) -> InputError:
    """The InputError for a command the kernel refused before sending it."""
    if isinstance(error, InvalidCommand):
        return InputError(str(error), code=error.code, field=error.field)
    if isinstance(error, UnknownCommand):
        return InputError(f"action: {error}", field="action")
    return InputError(f"payload: {error.code}: {error.description}", field="payload")


@contextmanager
def refusals_as_input_errors(*kinds: type[Refusal]) -> Iterator[None]:
    """Within the block, a refusal of one of `kinds` (InvalidCommand when none is named) is
    raised as the input error naming what is wrong."""
    caught: tuple[type[Refusal], ...] = kinds or (InvalidCommand,)
    try:
        yield
    except caught as error:
        raise from_command_error(error) from None
