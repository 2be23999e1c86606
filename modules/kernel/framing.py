"""OCPP-J message framing (Part 4 §4): parse incoming frames, build outgoing ones.

Parsing checks the RPC envelope only; payload checks against the action's schema happen later,
once the action is known to be one we handle.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import orjson

from modules.kernel.errors import (
    FormatViolation,
    FrameError,
    MessageTypeNotSupported,
    OcppError,
    ProtocolError,
    RpcFrameworkError,
)

CALL = 2
CALL_RESULT = 3
CALL_ERROR = 4
MAX_MESSAGE_ID = 36
UNREADABLE_ID = "-1"
# Arrays and objects nested in one frame, the frame's own array counting as one. The official
# schemas nest about 10 levels; customData (Part 4 §9) may nest freely, so this leaves room while
# staying far below the depth at which a library recursion fails (orjson writes 254 levels,
# jsonschema-rs formats errors up to 254, orjson reads 1024).
MAX_DEPTH = 128
_COUNT_UP_TO = 4096  # frame length up to which brackets are counted before probing the depth
_TOO_DEEP = f"Message nested deeper than {MAX_DEPTH} levels"
# The start of a frame whose JSON could not be decoded whole: its message type and message id.
_HEAD = re.compile(r'\s*\[\s*-?\d+(?:\.\d+)?\s*,\s*"([^"\\]{1,36})"')


@dataclass(slots=True)  # not frozen: a frozen __init__ costs three times as much, per CALL
class Call:
    """`[2, messageId, action, payload]`."""

    message_id: str
    action: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CallResult:
    """`[3, messageId, payload]`."""

    message_id: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CallError:
    """`[4, messageId, errorCode, errorDescription, errorDetails]`."""

    message_id: str
    error_code: str
    error_description: str
    error_details: dict[str, Any]


Frame = Call | CallResult | CallError


class _DepthProbe:
    """Tells whether a decoded frame nests more than MAX_DEPTH levels, at orjson's speed.

    orjson refuses to write more than 254 nested levels (its own guard, no Python recursion):
    the frame is written inside 254 - MAX_DEPTH spare arrays, so it fails exactly when the frame
    itself is deeper than MAX_DEPTH. A walk in Python costs several times the frame's decoding.
    The unit tests pin the boundary (MAX_DEPTH read, one more refused) against orjson upgrades.
    """

    _WRITABLE = 254

    def __init__(self) -> None:
        self._hole: list[Any] = [None]
        outer = self._hole
        for _ in range(self._WRITABLE - MAX_DEPTH - 1):
            outer = [outer]
        self._outer = outer
        self._lock = threading.Lock()

    def deeper_than_limit(self, frame: list[Any]) -> bool:
        with self._lock:
            self._hole[0] = frame
            try:
                orjson.dumps(self._outer)
            except orjson.JSONEncodeError as bad:
                return "Recursion" in str(bad)
            finally:
                self._hole[0] = None
        return False


_probe = _DepthProbe()


def _too_deep(text: str | bytes, frame: list[Any]) -> bool:
    # Nesting n levels takes 2n brackets, n of them opening: most frames are too short, or have
    # too few brackets, to need the probe; counting costs more than probing in long frames.
    size = len(text)
    if size <= 2 * MAX_DEPTH:
        return False
    if size <= _COUNT_UP_TO:
        if isinstance(text, str):
            opening = text.count("[") + text.count("{")
        else:
            opening = text.count(b"[") + text.count(b"{")
        if opening <= MAX_DEPTH:
            return False
    return _probe.deeper_than_limit(frame)


def _head_id(text: str | bytes) -> str:
    """The message id at the start of a frame too deep to decode, else "-1"."""
    head = text[:128]
    if isinstance(head, bytes):
        head = head.decode(errors="replace")
    match = _HEAD.match(head)
    return match.group(1) if match else UNREADABLE_ID


def _message_id(frame: list[Any]) -> str:
    """The frame's message id, or raise with "-1" when it cannot be read (Part 4 §4.2.3)."""
    if len(frame) < 2 or not isinstance(frame[1], str) or not frame[1]:
        raise FrameError(UNREADABLE_ID, RpcFrameworkError("MessageId could not be read"))
    message_id: str = frame[1]
    if len(message_id) > MAX_MESSAGE_ID:
        raise FrameError(
            UNREADABLE_ID,
            RpcFrameworkError(f"MessageId longer than {MAX_MESSAGE_ID} characters"),
        )
    return message_id


def _fail(message_id: str, error: OcppError) -> FrameError:
    return FrameError(message_id, error)


def parse(text: str | bytes) -> Frame:
    """Parse one websocket text frame; raise FrameError with the CALLERROR to answer."""
    try:
        frame = orjson.loads(text)
    except orjson.JSONDecodeError as bad:
        if "depth limit" in str(bad):  # orjson reads 1024 levels at most
            raise _fail(_head_id(text), FormatViolation(_TOO_DEEP)) from None
        raise _fail(UNREADABLE_ID, RpcFrameworkError("Message is not valid JSON")) from None
    if not isinstance(frame, list) or not frame:
        raise _fail(UNREADABLE_ID, RpcFrameworkError("Message is not a non-empty JSON array"))
    # The id first: "-1" only when the id itself cannot be read (Part 4 §4.2.3).
    message_id = _message_id(frame)
    kind = frame[0]
    if not isinstance(kind, int) or isinstance(kind, bool):
        raise _fail(message_id, RpcFrameworkError("MessageTypeId is not an integer"))
    if _too_deep(text, frame):
        raise _fail(message_id, FormatViolation(_TOO_DEEP))
    if kind == CALL:
        return _parse_call(frame, message_id)
    if kind == CALL_RESULT:
        return _parse_call_result(frame, message_id)
    if kind == CALL_ERROR:
        return _parse_call_error(frame, message_id)
    raise _fail(message_id, MessageTypeNotSupported(f"MessageTypeId {kind} is not supported"))


def _parse_call(frame: list[Any], message_id: str) -> Call:
    if len(frame) != 4:
        raise _fail(message_id, ProtocolError(f"CALL must have 4 elements, got {len(frame)}"))
    action = frame[2]
    if not isinstance(action, str) or not action:
        raise _fail(message_id, ProtocolError("Action is not a non-empty string"))
    payload = frame[3]
    if not isinstance(payload, dict):
        raise _fail(message_id, FormatViolation("Payload is not a JSON object"))
    return Call(message_id, action, payload)


def _parse_call_result(frame: list[Any], message_id: str) -> CallResult:
    if len(frame) != 3 or not isinstance(frame[2], dict):
        raise _fail(message_id, ProtocolError("CALLRESULT must be [3, messageId, {payload}]"))
    return CallResult(message_id, frame[2])


def _parse_call_error(frame: list[Any], message_id: str) -> CallError:
    if (
        len(frame) != 5
        or not isinstance(frame[2], str)
        or not isinstance(frame[3], str)
        or not isinstance(frame[4], dict)
    ):
        raise _fail(
            message_id,
            ProtocolError("CALLERROR must be [4, messageId, errorCode, errorDescription, {}]"),
        )
    return CallError(message_id, frame[2], frame[3], frame[4])


def call(message_id: str, action: str, payload: dict[str, Any]) -> str:
    """Serialise a CALL frame."""
    return orjson.dumps([CALL, message_id, action, payload]).decode()


def call_result(message_id: str, payload: dict[str, Any]) -> str:
    """Serialise a CALLRESULT frame."""
    return orjson.dumps([CALL_RESULT, message_id, payload]).decode()


def call_error(message_id: str, error: OcppError) -> str:
    """Serialise a CALLERROR frame from a typed error."""
    return call_error_fields(message_id, error.code, error.description, error.details)


def call_error_fields(message_id: str, code: str, description: str, details: dict[str, Any]) -> str:
    """Serialise a CALLERROR frame from its fields (an error that crossed the bus)."""
    return orjson.dumps([CALL_ERROR, message_id, code, description, details]).decode()
