"""GraphQL enums and types of the logs block (N01)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from ocpp.v201 import enums
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import from_record
from graphql_schema.context import Context
from modules.logs import LogFile, LogRequestRecord, LogStatusReport, State, state_of

REQUESTS_CURSOR = "logRequests"
STATUSES_CURSOR = "logStatusNotifications"

LogType = ocpp_enum(
    enums.LogEnumType, "LogType", "LogEnumType: DiagnosticsLog or SecurityLog (N01.FR.03/04)."
)
LogAnswerStatus = ocpp_enum(
    enums.LogStatusEnumType,
    "LogAnswerStatus",
    "The station's answer to GetLog: Accepted, Rejected (no such log, N01.FR.05), or "
    "AcceptedCanceled (an upload under way was canceled for this one, N01.FR.12).",
)
UploadLogStatus = ocpp_enum(
    enums.UploadLogStatusEnumType,
    "UploadLogStatus",
    "UploadLogStatusEnumType: a step of a log upload a station reported (N01.FR.08-10, 20).",
)
LogRequestState = strawberry.enum(
    State,
    name="LogRequestState",
    description="Where a log request stands: REQUESTED (no answer yet), FAILED (OFFLINE, "
    "TIMEOUT, CALL_ERROR), REJECTED, ACCEPTED (no upload status yet), UPLOADING, UPLOADED "
    "(the file arrived or the station said Uploaded), UPLOAD_FAILED (UploadFailure, "
    "BadMessage, PermissionDenied, NotSupportedOperation), CANCELED (AcceptedCanceled).",
)


def origin_of(info: Info[Context, Any]) -> str:
    """The address the caller reached this node at (scheme://host:port)."""
    return str(info.context.request.url.origin())


@strawberry.type(name="LogFile", description="A log file a station uploaded to the CSMS.")
class LogFileType:
    """The stored file; download it at `downloadPath` with the admin bearer token."""

    id: int
    name: str = strawberry.field(description="The upload's filename, made safe.")
    size_bytes: int = strawberry.field(description="Its size in bytes.")
    sha256: str = strawberry.field(description="The SHA-256 of its bytes, hex.")
    uploaded_at: datetime
    download_path: str = strawberry.field(
        description="GET it on this node with 'Authorization: Bearer <admin token>'."
    )

    @classmethod
    def of(cls, stored: LogFile) -> LogFileType:
        """Build from the block's record."""
        return from_record(cls, stored, download_path=f"/logs/{stored.id}")


@strawberry.type(name="LogStatus", description="One LogStatusNotification as received.")
class LogStatusType:
    """A step of a log upload, in arrival order."""

    cursor: str = strawberry.field(description="Pass as `after` to read older statuses.")
    station_id: strawberry.ID
    request_id: int | None = strawberry.field(
        description="Null for a status sent without one (N01.FR.13)."
    )
    status: enums.UploadLogStatusEnumType
    received_at: datetime

    @classmethod
    def of(cls, report: LogStatusReport) -> LogStatusType:
        """Build from the block's record."""
        return from_record(cls, report, cursor=encode_id_cursor(STATUSES_CURSOR, report.id))


@strawberry.type(name="LogRequest", description="A GetLog the CSMS sent (N01).")
class LogRequestType:
    """What it asked, how the call ended, the station's answer, its LogStatusNotification
    timeline and the uploaded file."""

    cursor: str = strawberry.field(description="Pass as `after` to read older requests.")
    station_id: strawberry.ID
    request_id: int
    state: State
    log_type: enums.LogEnumType
    from_time: datetime | None = strawberry.field(description="log.oldestTimestamp.")
    to_time: datetime | None = strawberry.field(description="log.latestTimestamp.")
    retries: int | None
    retry_interval: int | None
    served: bool = strawberry.field(
        description="True when the station was sent the CSMS's own upload URL."
    )
    remote_location: str | None = strawberry.field(
        description="Where a GetLog sent some other way asked the upload to go."
    )
    requested_at: datetime
    outcome: CallOutcomeEnum | None = strawberry.field(
        description="How the call ended; null while it is under way."
    )
    status: enums.LogStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    answered_at: datetime | None
    filename: str | None = strawberry.field(description="The file's name the station answered.")
    last_status: enums.UploadLogStatusEnumType | None
    last_status_at: datetime | None
    statuses: list[LogStatusType] = strawberry.field(
        description="Every LogStatusNotification of this request, in arrival order."
    )
    file: LogFileType | None = strawberry.field(
        description="The uploaded file; null until it arrives and after retention deleted it."
    )
    purged_at: datetime | None = strawberry.field(
        description="When retention deleted its file and closed its upload URL."
    )

    @classmethod
    def of(cls, record: LogRequestRecord) -> LogRequestType:
        """Build from the block's record."""
        wanted = record.wanted
        return from_record(
            cls,
            record,
            cursor=encode_id_cursor(REQUESTS_CURSOR, record.row_id),
            state=state_of(
                record.outcome, record.status, record.last_status, record.file is not None
            ),
            log_type=enums.LogEnumType(wanted.log_type),
            from_time=wanted.oldest_timestamp,
            to_time=wanted.latest_timestamp,
            retries=wanted.retries,
            retry_interval=wanted.retry_interval,
            remote_location=wanted.remote_location,
            statuses=[LogStatusType.of(status) for status in record.statuses],
            file=LogFileType.of(record.file) if record.file else None,
        )


@strawberry.type(description="How a GetLog call ended.")
class GetLogResult:
    """Outcome; the requestId allocated (null when the station is unknown); with RESULT the
    station's status and the file's name; the request as stored."""

    outcome: CallOutcomeEnum
    request_id: int | None
    status: enums.LogStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    filename: str | None
    error_code: str | None
    error_description: str | None
    request: LogRequestType | None
