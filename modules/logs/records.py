"""Plain records of the logs block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class LogWanted:
    """What a GetLog asks: the log, its time window, the station's upload retries, and where
    to upload (`remote_location`; None when the CSMS serves the upload itself)."""

    log_type: str
    oldest_timestamp: datetime | None = None
    latest_timestamp: datetime | None = None
    retries: int | None = None
    retry_interval: int | None = None
    remote_location: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LogAnswer:
    """A station's GetLogResponse to request `request_id`, which asked for `wanted`."""

    request_id: int
    wanted: LogWanted
    status: str
    reason_code: str | None
    additional_info: str | None
    filename: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LogStatusReport:
    """One LogStatusNotification as received; `id` orders them (later, higher)."""

    id: int
    station_id: str
    request_id: int | None
    status: str
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadedLog:
    """What an upload stored: the file's name, size and SHA-256."""

    name: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LogFile(UploadedLog):
    """A stored log file: `id` (its request's row) is its download id; its bytes are the
    chunks of upload `upload_id`."""

    id: int
    station_id: str
    request_id: int
    upload_id: str
    uploaded_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadSlot:
    """The request an upload token belongs to: whether a file was uploaded for it already
    (the token is then spent), whether retention closed it, and the filename the station
    named in its answer."""

    id: int
    station_id: str
    request_id: int
    uploaded: bool
    closed: bool
    filename: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LogRequestRecord:
    """A GetLog of a station by requestId: what it asked, whether the CSMS serves its upload,
    how the call ended, the station's answer, its LogStatusNotification timeline (arrival
    order), and the uploaded file while retention keeps it. `row_id` orders requests."""

    row_id: int
    station_id: str
    request_id: int
    wanted: LogWanted
    served: bool
    requested_at: datetime
    outcome: str | None = None
    status: str | None = None
    reason_code: str | None = None
    additional_info: str | None = None
    error_code: str | None = None
    answered_at: datetime | None = None
    filename: str | None = None
    last_status: str | None = None
    last_status_at: datetime | None = None
    file: LogFile | None = None
    purged_at: datetime | None = None
    statuses: tuple[LogStatusReport, ...] = ()
