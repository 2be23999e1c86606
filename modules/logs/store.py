"""The logs block's storage: GetLog requests per (station, requestId) with their uploaded
files, the files' bytes in chunks, and LogStatusNotifications (the only file of the block
that touches the database).

requestIds are allocated by the CSMS, one more than the station's highest, the request row
written before the call is sent, so its upload and its statuses always find it. A file is
stored in chunks of its upload (`upload_id`); the request names the upload only once every
chunk is written, and only if no other upload completed first and retention has not closed
it, so the upload token works once and a reader never sees a partial file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from tortoise.expressions import Q

from infra.db.allocation import allocate_station_id
from infra.db.models import LogChunk, LogRequest, LogStatusRecord
from infra.db.pages import newest_first
from modules.logs.records import (
    LogAnswer,
    LogFile,
    LogRequestRecord,
    LogStatusReport,
    LogWanted,
    UploadedLog,
    UploadSlot,
)


class LogStore(Protocol):
    """What the logs handlers, commands, uploads and queries need stored and read."""

    async def open_request(
        self, station_id: str, wanted: LogWanted, token_digest: str | None, now: datetime
    ) -> int | None:
        """Allocate a requestId and record the request (with the digest of its upload
        token); None for an unknown station."""
        ...

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """The request did not end with a station answer (TIMEOUT, CALL_ERROR)."""
        ...

    async def record_answer(self, station_id: str, answer: LogAnswer, now: datetime) -> None:
        """The station's answer on the request, which is created for a GetLog sent some
        other way (sendCall)."""
        ...

    async def add_status(
        self, station_id: str, request_id: int | None, status: str, now: datetime
    ) -> None:
        """Store a LogStatusNotification and make it its request's last status (if the CSMS
        has the request)."""
        ...

    async def request(self, station_id: str, request_id: int) -> LogRequestRecord | None:
        """One request with its timeline and file, or None."""
        ...

    async def requests(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[LogRequestRecord]:
        """Up to `limit` requests of the station, newest first, with row_id < before_row
        when given."""
        ...

    async def statuses(
        self, station_id: str, limit: int, before_id: int | None
    ) -> list[LogStatusReport]:
        """Up to `limit` LogStatusNotifications of the station (with or without a requestId),
        newest first, with id < before_id when given."""
        ...

    async def upload_slot(self, token_digest: str) -> UploadSlot | None:
        """The request whose upload token has this digest, or None."""
        ...

    async def add_chunk(self, row_id: int, upload_id: str, seq: int, data: bytes) -> None:
        """Store one chunk of an upload under way."""
        ...

    async def finish_upload(
        self, row_id: int, upload_id: str, uploaded: UploadedLog, now: datetime
    ) -> bool:
        """Make `upload_id` the request's file, unless another upload completed first or
        retention closed the request (False, and its chunks are deleted)."""
        ...

    async def discard_upload(self, row_id: int, upload_id: str) -> None:
        """Delete the chunks of an upload that did not complete."""
        ...

    async def log_file(self, row_id: int) -> LogFile | None:
        """The file uploaded for request row `row_id`, unless there is none (or no more)."""
        ...

    async def chunk(self, row_id: int, upload_id: str, seq: int) -> bytes | None:
        """Chunk `seq` of an upload, or None past its end."""
        ...

    async def purge(self, cutoff: datetime, now: datetime, limit: int) -> int:
        """Close up to `limit` requests uploaded (or, without a file, requested) before
        `cutoff`: their files' bytes are deleted and no upload is taken any more. Returns
        how many were closed."""
        ...


def _wanted(row: LogRequest) -> LogWanted:
    return LogWanted(
        log_type=row.log_type,
        oldest_timestamp=row.oldest_timestamp,
        latest_timestamp=row.latest_timestamp,
        retries=row.retries,
        retry_interval=row.retry_interval,
        remote_location=row.remote_location,
    )


def _wanted_columns(wanted: LogWanted) -> dict[str, Any]:
    return {
        "log_type": wanted.log_type,
        "oldest_timestamp": wanted.oldest_timestamp,
        "latest_timestamp": wanted.latest_timestamp,
        "retries": wanted.retries,
        "retry_interval": wanted.retry_interval,
        "remote_location": wanted.remote_location,
    }


def _file(row: LogRequest) -> LogFile | None:
    if row.upload_id is None or row.uploaded_at is None or row.purged_at is not None:
        return None
    return LogFile(
        id=row.id,
        station_id=row.station_id,  # type: ignore[attr-defined]
        request_id=row.request_id,
        upload_id=row.upload_id,
        name=row.file_name or "",
        size_bytes=row.size_bytes or 0,
        sha256=row.sha256 or "",
        uploaded_at=row.uploaded_at,
    )


def _status(row: LogStatusRecord) -> LogStatusReport:
    return LogStatusReport(
        id=row.id,
        station_id=row.station_id,  # type: ignore[attr-defined]
        request_id=row.request_id,
        status=row.status,
        received_at=row.received_at,
    )


def _record(row: LogRequest, statuses: Iterable[LogStatusReport]) -> LogRequestRecord:
    return LogRequestRecord(
        row_id=row.id,
        station_id=row.station_id,  # type: ignore[attr-defined]
        request_id=row.request_id,
        wanted=_wanted(row),
        served=row.upload_token is not None,
        requested_at=row.requested_at,
        outcome=row.outcome,
        status=row.status,
        reason_code=row.reason_code,
        additional_info=row.additional_info,
        error_code=row.error_code,
        answered_at=row.answered_at,
        filename=row.filename,
        last_status=row.last_status,
        last_status_at=row.last_status_at,
        file=_file(row),
        purged_at=row.purged_at,
        statuses=tuple(sorted(statuses, key=lambda status: status.id)),
    )


async def _records(rows: list[LogRequest]) -> list[LogRequestRecord]:
    """The rows as records with their timelines: one query for every row's statuses."""
    timelines: dict[tuple[str, int], list[LogStatusReport]] = defaultdict(list)
    by_station: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_station[row.station_id].append(row.request_id)  # type: ignore[attr-defined]
    for station_id, request_ids in by_station.items():
        found = await LogStatusRecord.filter(station_id=station_id, request_id__in=request_ids)
        for status in found:
            timelines[(station_id, status.request_id or 0)].append(_status(status))
    return [
        _record(row, timelines[(row.station_id, row.request_id)])  # type: ignore[attr-defined]
        for row in rows
    ]


class SqlLogStore:
    """LogStore on the ORM (SQLite or PostgreSQL)."""

    async def open_request(
        self, station_id: str, wanted: LogWanted, token_digest: str | None, now: datetime
    ) -> int | None:
        """One more than the station's highest requestId; retried on the unique constraint."""
        return await allocate_station_id(
            station_id,
            LogRequest,
            "request_id",
            {**_wanted_columns(wanted), "upload_token": token_digest, "requested_at": now},
            lock_station=False,
            what="a log requestId",
        )

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the request row."""
        await LogRequest.filter(station_id=station_id, request_id=request_id).update(
            outcome=outcome, error_code=error_code
        )

    async def record_answer(self, station_id: str, answer: LogAnswer, now: datetime) -> None:
        """The answer on the request row, created if absent."""
        key = {"station_id": station_id, "request_id": answer.request_id}
        await LogRequest.bulk_create(
            [LogRequest(**key, **_wanted_columns(answer.wanted), requested_at=now)],
            ignore_conflicts=True,
        )
        await LogRequest.filter(**key).update(
            outcome="RESULT",
            status=answer.status,
            reason_code=answer.reason_code,
            additional_info=answer.additional_info,
            filename=answer.filename,
            answered_at=now,
        )

    async def add_status(
        self, station_id: str, request_id: int | None, status: str, now: datetime
    ) -> None:
        """One INSERT, and one UPDATE of the request's last status."""
        await LogStatusRecord.create(
            station_id=station_id, request_id=request_id, status=status, received_at=now
        )
        if request_id is not None:
            await LogRequest.filter(station_id=station_id, request_id=request_id).update(
                last_status=status, last_status_at=now
            )

    async def request(self, station_id: str, request_id: int) -> LogRequestRecord | None:
        """The request row and its statuses (two queries)."""
        row = await LogRequest.get_or_none(station_id=station_id, request_id=request_id)
        return None if row is None else (await _records([row]))[0]

    async def requests(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[LogRequestRecord]:
        """One query for the page, one for its statuses."""
        query = LogRequest.filter(station_id=station_id)
        return await _records(list(await newest_first(query, limit, before_row)))

    async def statuses(
        self, station_id: str, limit: int, before_id: int | None
    ) -> list[LogStatusReport]:
        """One SELECT, newest id first."""
        query = LogStatusRecord.filter(station_id=station_id)
        return [_status(row) for row in await newest_first(query, limit, before_id)]

    async def upload_slot(self, token_digest: str) -> UploadSlot | None:
        """One SELECT by the token's digest."""
        row = await LogRequest.get_or_none(upload_token=token_digest)
        if row is None:
            return None
        return UploadSlot(
            id=row.id,
            station_id=row.station_id,  # type: ignore[attr-defined]
            request_id=row.request_id,
            uploaded=row.uploaded_at is not None,
            closed=row.purged_at is not None,
            filename=row.filename,
        )

    async def add_chunk(self, row_id: int, upload_id: str, seq: int, data: bytes) -> None:
        """One INSERT into log_chunk."""
        await LogChunk.create(log_request_id=row_id, upload_id=upload_id, seq=seq, data=data)

    async def finish_upload(
        self, row_id: int, upload_id: str, uploaded: UploadedLog, now: datetime
    ) -> bool:
        """A conditional UPDATE (no upload completed, not purged), then the other uploads'
        chunks go."""
        done = await LogRequest.filter(
            id=row_id, uploaded_at__isnull=True, purged_at__isnull=True
        ).update(
            upload_id=upload_id,
            file_name=uploaded.name,
            size_bytes=uploaded.size_bytes,
            sha256=uploaded.sha256,
            uploaded_at=now,
        )
        if not done:
            await self.discard_upload(row_id, upload_id)
            return False
        await LogChunk.filter(log_request_id=row_id).exclude(upload_id=upload_id).delete()
        return True

    async def discard_upload(self, row_id: int, upload_id: str) -> None:
        """One DELETE of the upload's chunks."""
        await LogChunk.filter(log_request_id=row_id, upload_id=upload_id).delete()

    async def log_file(self, row_id: int) -> LogFile | None:
        """One SELECT by row id."""
        row = await LogRequest.get_or_none(id=row_id)
        return None if row is None else _file(row)

    async def chunk(self, row_id: int, upload_id: str, seq: int) -> bytes | None:
        """One SELECT of one chunk."""
        query = LogChunk.filter(log_request_id=row_id, upload_id=upload_id, seq=seq)
        data = await query.first().values_list("data", flat=True)
        return bytes(data) if isinstance(data, bytes | bytearray | memoryview) else None

    async def purge(self, cutoff: datetime, now: datetime, limit: int) -> int:
        """One SELECT of the rows to close, one UPDATE, one DELETE of their chunks."""
        old = Q(uploaded_at__lt=cutoff) | Q(uploaded_at__isnull=True, requested_at__lt=cutoff)
        ids = await (
            LogRequest.filter(old, purged_at__isnull=True)
            .order_by("id")
            .limit(limit)
            .values_list("id", flat=True)
        )
        if not ids:
            return 0
        await LogRequest.filter(id__in=ids, purged_at__isnull=True).update(purged_at=now)
        await LogChunk.filter(log_request_id__in=ids).delete()
        return len(ids)
