"""The one input-error type: a GraphQL error whose `extensions.code` a client can act on."""

from __future__ import annotations

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


def from_command_error(error: InvalidCommand | UnknownCommand | OcppError) -> InputError:
    """The InputError for a command the kernel refused before sending it."""
    if isinstance(error, InvalidCommand):
        return InputError(str(error), code=error.code, field=error.field)
    if isinstance(error, UnknownCommand):
        return InputError(f"action: {error}", field="action")
    return InputError(f"payload: {error.code}: {error.description}", field="payload")
