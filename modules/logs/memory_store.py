"""The logs store's in-memory twin, for tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime

from modules.kernel.pages import newest_first
from modules.logs.records import (
    LogAnswer,
    LogFile,
    LogRequestRecord,
    LogStatusReport,
    LogWanted,
    UploadedLog,
    UploadSlot,
)


class MemoryLogStore:
    """LogStore in dicts and lists; `stations` are the known stations."""

    def __init__(self, stations: Iterable[str] = ()) -> None:
        self.stations = set(stations)
        self.records: dict[tuple[str, int], LogRequestRecord] = {}
        self.tokens: dict[str, tuple[str, int]] = {}
        self.timeline: list[LogStatusReport] = []
        self.chunks: dict[tuple[int, str, int], bytes] = {}
        self.uploaded: set[int] = set()

    def _key_of_row(self, row_id: int) -> tuple[str, int] | None:
        for key, record in self.records.items():
            if record.row_id == row_id:
                return key
        return None

    def _with_timeline(self, record: LogRequestRecord) -> LogRequestRecord:
        statuses = tuple(
            status
            for status in self.timeline
            if (status.station_id, status.request_id) == (record.station_id, record.request_id)
        )
        return dataclasses.replace(record, statuses=statuses)

    async def open_request(
        self, station_id: str, wanted: LogWanted, token_digest: str | None, now: datetime
    ) -> int | None:
        """One more than the station's highest requestId."""
        if station_id not in self.stations:
            return None
        used = [request_id for station, request_id in self.records if station == station_id]
        request_id = max(used) + 1 if used else 1
        self.records[(station_id, request_id)] = LogRequestRecord(
            row_id=len(self.records) + 1,
            station_id=station_id,
            request_id=request_id,
            wanted=wanted,
            served=token_digest is not None,
            requested_at=now,
        )
        if token_digest is not None:
            self.tokens[token_digest] = (station_id, request_id)
        return request_id

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the request, if there is one."""
        key = (station_id, request_id)
        if key in self.records:
            self.records[key] = dataclasses.replace(
                self.records[key], outcome=outcome, error_code=error_code
            )

    async def record_answer(self, station_id: str, answer: LogAnswer, now: datetime) -> None:
        """The answer on the request, created if absent."""
        key = (station_id, answer.request_id)
        record = self.records.get(key) or LogRequestRecord(
            row_id=len(self.records) + 1,
            station_id=station_id,
            request_id=answer.request_id,
            wanted=answer.wanted,
            served=False,
            requested_at=now,
        )
        self.records[key] = dataclasses.replace(
            record,
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
        """Append to the timeline; the request's last status when there is a request."""
        self.timeline.append(
            LogStatusReport(
                id=len(self.timeline) + 1,
                station_id=station_id,
                request_id=request_id,
                status=status,
                received_at=now,
            )
        )
        key = (station_id, request_id or 0)
        if request_id is not None and key in self.records:
            self.records[key] = dataclasses.replace(
                self.records[key], last_status=status, last_status_at=now
            )

    async def request(self, station_id: str, request_id: int) -> LogRequestRecord | None:
        """The request with its timeline, if any."""
        record = self.records.get((station_id, request_id))
        return None if record is None else self._with_timeline(record)

    async def requests(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[LogRequestRecord]:
        """Newest first."""
        mine = [record for record in self.records.values() if record.station_id == station_id]
        page = newest_first(mine, lambda record: record.row_id, limit, before_row)
        return [self._with_timeline(record) for record in page]

    async def statuses(
        self, station_id: str, limit: int, before_id: int | None
    ) -> list[LogStatusReport]:
        """Newest first."""
        mine = [status for status in self.timeline if status.station_id == station_id]
        return newest_first(mine, lambda status: status.id, limit, before_id)

    async def upload_slot(self, token_digest: str) -> UploadSlot | None:
        """The request the digest belongs to."""
        key = self.tokens.get(token_digest)
        if key is None:
            return None
        record = self.records[key]
        return UploadSlot(
            id=record.row_id,
            station_id=record.station_id,
            request_id=record.request_id,
            uploaded=record.row_id in self.uploaded,
            closed=record.purged_at is not None,
            filename=record.filename,
        )

    async def add_chunk(self, row_id: int, upload_id: str, seq: int, data: bytes) -> None:
        """Keep the chunk."""
        self.chunks[(row_id, upload_id, seq)] = data

    async def finish_upload(
        self, row_id: int, upload_id: str, uploaded: UploadedLog, now: datetime
    ) -> bool:
        """The file on the request, unless it has one or was closed."""
        key = self._key_of_row(row_id)
        record = self.records[key] if key is not None else None
        if record is None or row_id in self.uploaded or record.purged_at is not None:
            await self.discard_upload(row_id, upload_id)
            return False
        assert key is not None
        self.uploaded.add(row_id)
        self.records[key] = dataclasses.replace(
            record,
            file=LogFile(
                id=row_id,
                station_id=record.station_id,
                request_id=record.request_id,
                upload_id=upload_id,
                name=uploaded.name,
                size_bytes=uploaded.size_bytes,
                sha256=uploaded.sha256,
                uploaded_at=now,
            ),
        )
        for other in [k for k in self.chunks if k[0] == row_id and k[1] != upload_id]:
            del self.chunks[other]
        return True

    async def discard_upload(self, row_id: int, upload_id: str) -> None:
        """Drop the upload's chunks."""
        for key in [k for k in self.chunks if k[:2] == (row_id, upload_id)]:
            del self.chunks[key]

    async def log_file(self, row_id: int) -> LogFile | None:
        """The request's file, if any."""
        key = self._key_of_row(row_id)
        return None if key is None else self.records[key].file

    async def chunk(self, row_id: int, upload_id: str, seq: int) -> bytes | None:
        """The chunk, if any."""
        return self.chunks.get((row_id, upload_id, seq))

    async def purge(self, cutoff: datetime, now: datetime, limit: int) -> int:
        """Close the oldest open requests past the cutoff, as the SQL store does."""
        closed = 0
        for key, record in sorted(self.records.items(), key=lambda item: item[1].row_id):
            if closed == limit or record.purged_at is not None:
                continue
            since = record.file.uploaded_at if record.file else record.requested_at
            if since < cutoff:
                self.records[key] = dataclasses.replace(record, file=None, purged_at=now)
                for chunk in [k for k in self.chunks if k[0] == record.row_id]:
                    del self.chunks[chunk]
                closed += 1
        return closed
