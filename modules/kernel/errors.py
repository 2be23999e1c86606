"""OCPP-J RPC framework errors (Part 4 §4.3), one class per error code.

Only the dispatcher and the gateway turn these into CALLERROR frames.
"""

from __future__ import annotations

from typing import Any, ClassVar

MAX_DESCRIPTION = 255


class OcppError(Exception):
    """Base of every RPC framework error; `code` is the Part 4 errorCode."""

    code: ClassVar[str] = "GenericError"

    def __init__(self, description: str = "", details: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.description = description[:MAX_DESCRIPTION]
        self.details: dict[str, Any] = details or {}


class FormatViolation(OcppError):
    """Payload for Action is syntactically incorrect."""

    code = "FormatViolation"


class GenericError(OcppError):
    """Any other error not covered by the more specific error codes."""

    code = "GenericError"


class InternalError(OcppError):
    """The receiver was not able to process the requested Action successfully."""

    code = "InternalError"


class MessageTypeNotSupported(OcppError):
    """A message with a Message Type Number not supported by this implementation."""

    code = "MessageTypeNotSupported"


class NotImplementedAction(OcppError):
    """Requested Action is not known by the receiver."""

    code = "NotImplemented"


class NotSupported(OcppError):
    """Requested Action is recognised but not supported by the receiver."""

    code = "NotSupported"


class OccurrenceConstraintViolation(OcppError):
    """A field violates occurrence constraints (missing required field, too many items)."""

    code = "OccurrenceConstraintViolation"


class PropertyConstraintViolation(OcppError):
    """A field contains an invalid value (enum, length, range)."""

    code = "PropertyConstraintViolation"


class ProtocolError(OcppError):
    """Payload for Action is not conform the PDU structure."""

    code = "ProtocolError"


class RpcFrameworkError(OcppError):
    """Content of the call is not a valid RPC request, e.g. the MessageId could not be read."""

    code = "RpcFrameworkError"


class SecurityError(OcppError):
    """A security issue prevented the receiver from completing the Action."""

    code = "SecurityError"


class TypeConstraintViolation(OcppError):
    """A field violates data type constraints (e.g. "somestring": 12)."""

    code = "TypeConstraintViolation"


ERROR_CODES: frozenset[str] = frozenset(
    cls.code
    for cls in (
        FormatViolation,
        GenericError,
        InternalError,
        MessageTypeNotSupported,
        NotImplementedAction,
        NotSupported,
        OccurrenceConstraintViolation,
        PropertyConstraintViolation,
        ProtocolError,
        RpcFrameworkError,
        SecurityError,
        TypeConstraintViolation,
    )
)


class FrameError(Exception):
    """A station frame that must be answered with a CALLERROR under `message_id`."""

    def __init__(self, message_id: str, error: OcppError) -> None:
        super().__init__(f"{error.code}: {error.description}")
        self.message_id = message_id
        self.error = error
