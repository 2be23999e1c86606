"""Message log rules: what part of a stored OCPP-J frame is its payload."""

from __future__ import annotations

from typing import Any

import orjson

CALL, CALLRESULT, CALLERROR = 2, 3, 4


def payload_of(frame: str, message_type: int | None) -> Any:
    """The payload of a CALL or CALLRESULT, the error part of a CALLERROR (errorCode,
    errorDescription, errorDetails), or None when the frame is not one of those."""
    try:
        parsed = orjson.loads(frame)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(parsed, list) or len(parsed) < 3:
        return None
    if message_type == CALL and len(parsed) == 4:
        return parsed[3]
    if message_type == CALLRESULT:
        return parsed[2]
    if message_type == CALLERROR and len(parsed) == 5:
        return {"errorCode": parsed[2], "errorDescription": parsed[3], "errorDetails": parsed[4]}
    return None
