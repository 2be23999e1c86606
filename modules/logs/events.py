"""Events of the logs block (camelCase payload keys on the events topic)."""

from __future__ import annotations

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@event("LOG_ANSWERED")
class LogAnswered(Answered):
    """N01.FR.01/05/12: the station answered a GetLog (Accepted with the file's name,
    Rejected, AcceptedCanceled)."""

    request_id: int
    log_type: str
    filename: str | None = None


@event("LOG_STATUS")
class LogStatusReported(Event):
    """N01.FR.08/09/10/20: a LogStatusNotification was stored (`request_id` null for one sent
    without a requestId, N01.FR.13)."""

    status: str
    request_id: int | None = None


@event("LOG_UPLOADED")
class LogUploaded(Event):
    """A station uploaded the log file of request `request_id` to the CSMS; it is downloaded
    at `/logs/{file_id}`."""

    request_id: int
    file_id: int
    name: str
    size_bytes: int
    sha256: str
