"""Log rules, no I/O: what a GetLog may ask, what an upload token is and how it is kept,
what name a stored file gets, where a request stands, and which station values the CSMS can
store."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from enum import StrEnum

from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.value_limits import INT_MAX, INT_MIN

MAX_LOCATION = 512
"""GetLogRequest log.remoteLocation's maxLength."""

MAX_FILE_NAME = 255
UPLOAD_PATH = "/logs/upload/"
"""Where a station uploads, followed by its request's token."""

FAILED_UPLOADS = frozenset(
    {"UploadFailure", "BadMessage", "PermissionDenied", "NotSupportedOperation"}
)
"""LogStatusNotification statuses of a failed upload (N01.FR.10)."""

FAILED_CALLS = frozenset({"OFFLINE", "TIMEOUT", "CALL_ERROR"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")


class State(StrEnum):
    """Where a log request stands."""

    REQUESTED = "REQUESTED"  # sent, no answer yet
    FAILED = "FAILED"  # the station never answered: OFFLINE, TIMEOUT or CALL_ERROR
    REJECTED = "REJECTED"  # answered Rejected: the log is not available (N01.FR.05)
    ACCEPTED = "ACCEPTED"  # answered Accepted (or AcceptedCanceled), no upload status yet
    UPLOADING = "UPLOADING"  # the station reported Uploading
    UPLOADED = "UPLOADED"  # the file arrived, or the station reported Uploaded
    UPLOAD_FAILED = "UPLOAD_FAILED"  # UploadFailure, BadMessage, PermissionDenied, ...
    CANCELED = "CANCELED"  # the station canceled it for a newer GetLog (N01.FR.20)


def state_of(
    outcome: str | None, status: str | None, last_status: str | None, uploaded: bool
) -> State:
    """Where a request stands: its file first, then the station's last status, its answer,
    and how the call ended."""
    if uploaded or last_status == "Uploaded":
        return State.UPLOADED
    if last_status in FAILED_UPLOADS:
        return State.UPLOAD_FAILED
    if last_status == "AcceptedCanceled":
        return State.CANCELED
    if last_status == "Uploading":
        return State.UPLOADING
    if status == "Rejected":
        return State.REJECTED
    if status is not None:
        return State.ACCEPTED
    if outcome in FAILED_CALLS:
        return State.FAILED
    return State.REQUESTED


def window(oldest: datetime | None, latest: datetime | None) -> None:
    """InvalidCommand unless the window's date-times carry a zone and the oldest is not after
    the latest."""
    for field, value in (("fromTime", oldest), ("toTime", latest)):
        if value is not None and value.utcoffset() is None:
            raise InvalidCommand(field, "needs a time zone (e.g. 2026-12-01T00:00:00Z)")
    if oldest is not None and latest is not None and oldest > latest:
        raise InvalidCommand("toTime", "must not be before fromTime")


def counter(field: str, value: int | None) -> int | None:
    """retries / retryInterval: 0 or more (None: the station decides)."""
    if value is not None and not 0 <= value <= INT_MAX:
        raise InvalidCommand(field, f"must be between 0 and {INT_MAX}")
    return value


def upload_location(base: str, token: str) -> str:
    """The URL a station uploads to: `<base>/logs/upload/<token>`; InvalidCommand when it is
    longer than a GetLog's remoteLocation may be."""
    location = f"{base.rstrip('/')}{UPLOAD_PATH}{token}"
    if len(location) > MAX_LOCATION:
        raise InvalidCommand(
            "stationId",
            f"the upload URL would be longer than {MAX_LOCATION} characters: shorten "
            "CSMS_FIRMWARE_BASE_URL",
        )
    return location


def token_digest(token: str) -> str:
    """What the CSMS keeps of an upload token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def file_name(given: str | None, fallback: str) -> str:
    """The name a stored file gets: the uploaded name without its directories, reduced to
    safe characters and at most 255 of them; `fallback` when none is left."""
    name = (given or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:MAX_FILE_NAME] if name else fallback


def stored_request_id(request_id: int | None) -> int | None:
    """A requestId a station sent, when the CSMS can store it (a 32-bit integer, as the CSMS
    allocates them); else PropertyConstraintViolation naming it, and nothing is stored."""
    if request_id is not None and not INT_MIN <= request_id <= INT_MAX:
        raise PropertyConstraintViolation(
            f"LogStatusNotification: requestId: {request_id} is out of range",
            {"field": "requestId"},
        )
    return request_id


def storable_filename(filename: str | None) -> str | None:
    """A GetLogResponse filename as stored: NUL characters dropped."""
    return None if filename is None else filename.replace("\x00", "")
