"""The firmware block's storage: the catalogue and its files, updates and publications with
their status timelines (here), and campaigns (`store_sql.py`). The only files of the block
that touch the database.

requestIds of UpdateFirmware and of PublishFirmware are allocated by the CSMS, per station and
per kind of request (a station refuses a requestId it saw for that kind, `DuplicateRequestId`):
one more than the station's highest, written before the call is sent, so a status
notification can never arrive for a request the CSMS has no row for. A served file is stored
in chunks of its upload (`upload_id`); the entry names its upload only once every chunk is
written, and a failed or concurrent upload's chunks are deleted, so a station never reads a
partial file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, Protocol

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    BootRecord,
    Firmware,
    FirmwareChunk,
    FirmwarePublication,
    FirmwareStatusRecord,
    FirmwareUpdate,
    PublishStatusRecord,
)
from infra.db.pages import newest_first
from modules.firmware import policy
from modules.firmware.records import (
    Answer,
    FirmwareUpdateView,
    FirmwareView,
    NewFirmware,
    PublicationView,
    PublishRequest,
    ServedFile,
    StatusReport,
    UpdateRequest,
    UploadedFile,
)
from modules.firmware.store_sql import CampaignStore, SqlCampaignStore
from modules.kernel.records import record_of

BOOT_LOOKAHEAD = 1000
"""The most boots read to find the firmware version each update of a page led to."""


class CatalogueStore(Protocol):
    """The firmware catalogue and the files the CSMS serves."""

    async def add_firmware(self, entry: NewFirmware) -> FirmwareView:
        """Store a new catalogue entry."""
        ...

    async def firmware(self, firmware_id: int) -> FirmwareView | None:
        """One catalogue entry, or None."""
        ...

    async def firmwares(self, limit: int, before_id: int | None) -> list[FirmwareView]:
        """Up to `limit` entries, newest first, with an id below `before_id` when given."""
        ...

    async def remove_firmware(self, firmware_id: int) -> bool:
        """Delete an entry and its file; False when there is none."""
        ...

    async def add_chunk(self, firmware_id: int, upload_id: str, seq: int, data: bytes) -> None:
        """Store one chunk of an upload under way."""
        ...

    async def finish_upload(
        self, firmware_id: int, upload_id: str, uploaded: UploadedFile, now: datetime
    ) -> bool:
        """Make `upload_id` the entry's file, unless another upload completed first (False)."""
        ...

    async def discard_upload(self, firmware_id: int, upload_id: str) -> None:
        """Delete the chunks of an upload that did not complete."""
        ...

    async def served_file(self, token: str) -> ServedFile | None:
        """The uploaded file served under `token`, or None."""
        ...

    async def chunk(self, firmware_id: int, upload_id: str, seq: int) -> bytes | None:
        """Chunk `seq` of an upload, or None past its end."""
        ...


class UpdateStore(Protocol):
    """UpdateFirmware and PublishFirmware requests, answers and status timelines."""

    async def open_update(self, station_id: str, request: UpdateRequest) -> int | None:
        """Allocate a requestId and record the update; None when the station is unknown."""
        ...

    async def record_update_answer(
        self,
        station_id: str,
        request_id: int,
        answer: Answer,
        now: datetime,
        sent: UpdateRequest,
    ) -> None:
        """Store how the UpdateFirmware ended; one sent otherwise (`sent`) gets its row now."""
        ...

    async def supersede_updates(self, station_id: str, request_id: int) -> None:
        """AcceptedCanceled (L01.FR.24): the station's earlier unfinished updates were
        canceled by update `request_id`."""
        ...

    async def add_firmware_status(
        self, station_id: str, request_id: int | None, status: str, now: datetime
    ) -> None:
        """Store a FirmwareStatusNotification and make it its update's last status."""
        ...

    async def firmware_updates(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[FirmwareUpdateView]:
        """Up to `limit` updates of the station, newest first, with their timelines."""
        ...

    async def firmware_update(self, station_id: str, request_id: int) -> FirmwareUpdateView | None:
        """One update with its timeline, or None."""
        ...

    async def firmware_statuses(
        self, station_id: str, request_id: int | None, limit: int, before_id: int | None
    ) -> list[StatusReport]:
        """Up to `limit` FirmwareStatusNotifications of the station, newest first."""
        ...

    async def open_publication(self, station_id: str, request: PublishRequest) -> int | None:
        """Allocate a requestId and record the PublishFirmware; None for an unknown station."""
        ...

    async def record_publish_answer(
        self,
        station_id: str,
        request_id: int,
        answer: Answer,
        now: datetime,
        sent: PublishRequest,
    ) -> None:
        """Store how the PublishFirmware ended; one sent otherwise gets its row now."""
        ...

    async def add_publish_status(
        self,
        station_id: str,
        request_id: int | None,
        status: str,
        locations: Sequence[str],
        now: datetime,
    ) -> None:
        """Store a PublishFirmwareStatusNotification; Published keeps its URIs."""
        ...

    async def record_unpublish(
        self, station_id: str, checksum: str, status: str, now: datetime
    ) -> None:
        """Store an UnpublishFirmware answer on the station's publications of `checksum`."""
        ...

    async def publications(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[PublicationView]:
        """Up to `limit` publications of the station, newest first, with their timelines."""
        ...

    async def publication(self, station_id: str, request_id: int) -> PublicationView | None:
        """One publication with its timeline, or None."""
        ...


class FirmwareStore(CatalogueStore, UpdateStore, CampaignStore, Protocol):
    """Everything the firmware block stores and reads."""


_UPDATE_RENAMES = {"row_id": "id"}


def _firmware(row: Firmware) -> FirmwareView:
    return record_of(FirmwareView, row)


def _report(row: FirmwareStatusRecord | PublishStatusRecord) -> StatusReport:
    locations = tuple(getattr(row, "locations", None) or ())
    return record_of(StatusReport, row, locations=locations)


def _timelines(
    rows: Iterable[FirmwareStatusRecord | PublishStatusRecord],
) -> dict[int | None, tuple[StatusReport, ...]]:
    found: dict[int | None, list[StatusReport]] = {}
    for row in rows:
        found.setdefault(row.request_id, []).append(_report(row))
    return {request_id: tuple(reports) for request_id, reports in found.items()}


def _rebooted_at(statuses: Sequence[StatusReport]) -> datetime | None:
    """When the station first said it reboots into, or runs, the new firmware."""
    times = [s.received_at for s in statuses if s.status in policy.REBOOT_STATUSES]
    return min(times) if times else None


async def _update_views(station_id: str, rows: list[FirmwareUpdate]) -> list[FirmwareUpdateView]:
    """Views of a page of updates: one read for their statuses, one for the boots after."""
    if not rows:
        return []
    ids = [row.request_id for row in rows]
    records = FirmwareStatusRecord.filter(station_id=station_id, request_id__in=ids)
    timelines = _timelines(await records.order_by("id"))
    rebooted = {rid: _rebooted_at(timelines.get(rid, ())) for rid in ids}
    earliest = min((at for at in rebooted.values() if at is not None), default=None)
    boots: list[BootRecord] = []
    if earliest is not None:
        query = BootRecord.filter(station_id=station_id, booted_at__gt=earliest)
        boots = await query.order_by("booted_at", "id").limit(BOOT_LOOKAHEAD)
    views = []
    for row in rows:
        after = rebooted[row.request_id]
        boot = next((b for b in boots if after is not None and b.booted_at > after), None)
        views.append(
            record_of(
                FirmwareUpdateView,
                row,
                _UPDATE_RENAMES,
                statuses=timelines.get(row.request_id, ()),
                firmware_version_after=boot.firmware_version if boot else None,
                booted_after_at=boot.booted_at if boot else None,
            )
        )
    return views


async def _publication_views(
    station_id: str, rows: list[FirmwarePublication]
) -> list[PublicationView]:
    ids = [row.request_id for row in rows]
    records = PublishStatusRecord.filter(station_id=station_id, request_id__in=ids)
    timelines = _timelines(await records.order_by("id")) if ids else {}
    return [
        record_of(
            PublicationView,
            row,
            _UPDATE_RENAMES,
            published_locations=tuple(row.published_locations or ()),
            statuses=timelines.get(row.request_id, ()),
        )
        for row in rows
    ]


def _answer_columns(answer: Answer, now: datetime) -> dict[str, Any]:
    return {**asdict(answer), "answered_at": now}


class SqlFirmwareStore(SqlCampaignStore):
    """FirmwareStore on the ORM (SQLite or PostgreSQL)."""

    async def add_firmware(self, entry: NewFirmware) -> FirmwareView:
        """One INSERT into firmware."""
        return _firmware(await Firmware.create(**asdict(entry)))

    async def firmware(self, firmware_id: int) -> FirmwareView | None:
        """One SELECT by id."""
        row = await Firmware.get_or_none(id=firmware_id)
        return None if row is None else _firmware(row)

    async def firmwares(self, limit: int, before_id: int | None) -> list[FirmwareView]:
        """One SELECT, newest id first."""
        return [_firmware(row) for row in await newest_first(Firmware.all(), limit, before_id)]

    async def remove_firmware(self, firmware_id: int) -> bool:
        """One DELETE; its chunks go with it (cascade)."""
        return bool(await Firmware.filter(id=firmware_id).delete())

    async def add_chunk(self, firmware_id: int, upload_id: str, seq: int, data: bytes) -> None:
        """One INSERT into firmware_chunk."""
        await FirmwareChunk.create(firmware_id=firmware_id, upload_id=upload_id, seq=seq, data=data)

    async def finish_upload(
        self, firmware_id: int, upload_id: str, uploaded: UploadedFile, now: datetime
    ) -> bool:
        """A conditional UPDATE (no upload completed yet), then the other uploads' chunks go."""
        done = await Firmware.filter(id=firmware_id, uploaded_at__isnull=True).update(
            upload_id=upload_id, uploaded_at=now, **asdict(uploaded)
        )
        if not done:
            await self.discard_upload(firmware_id, upload_id)
            return False
        await FirmwareChunk.filter(firmware_id=firmware_id).exclude(upload_id=upload_id).delete()
        return True

    async def discard_upload(self, firmware_id: int, upload_id: str) -> None:
        """One DELETE of the upload's chunks."""
        await FirmwareChunk.filter(firmware_id=firmware_id, upload_id=upload_id).delete()

    async def served_file(self, token: str) -> ServedFile | None:
        """One SELECT by token, uploaded entries only."""
        row = await Firmware.get_or_none(served_token=token, uploaded_at__isnull=False)
        if row is None or row.upload_id is None:
            return None
        return ServedFile(row.id, row.upload_id, row.version, row.size_bytes or 0, row.sha256 or "")

    async def chunk(self, firmware_id: int, upload_id: str, seq: int) -> bytes | None:
        """One SELECT of one chunk."""
        query = FirmwareChunk.filter(firmware_id=firmware_id, upload_id=upload_id, seq=seq)
        data = await query.first().values_list("data", flat=True)
        return bytes(data) if isinstance(data, bytes | bytearray | memoryview) else None

    async def open_update(self, station_id: str, request: UpdateRequest) -> int | None:
        """Allocate under the station's row lock; the row is written before sending."""
        return await allocate_station_id(
            station_id,
            FirmwareUpdate,
            "request_id",
            asdict(request),
            lock_station=True,
            what="an UpdateFirmware requestId",
        )

    async def record_update_answer(
        self,
        station_id: str,
        request_id: int,
        answer: Answer,
        now: datetime,
        sent: UpdateRequest,
    ) -> None:
        """An UPDATE; an INSERT when the update has no row (sent with sendCall)."""
        key: dict[str, Any] = {"station_id": station_id, "request_id": request_id}
        if await FirmwareUpdate.filter(**key).update(**_answer_columns(answer, now)):
            return
        await FirmwareUpdate.create(**key, **asdict(sent), **_answer_columns(answer, now))

    async def supersede_updates(self, station_id: str, request_id: int) -> None:
        """One UPDATE of the station's earlier updates that have not ended."""
        ended = [policy.INSTALLED, *policy.FAILED_STATUSES]
        await (
            FirmwareUpdate.filter(
                station_id=station_id, request_id__lt=request_id, superseded_by__isnull=True
            )
            .exclude(last_status__in=ended)
            .update(superseded_by=request_id)
        )

    async def add_firmware_status(
        self, station_id: str, request_id: int | None, status: str, now: datetime
    ) -> None:
        """One INSERT, and one UPDATE of the update it is about (when it names one)."""
        await FirmwareStatusRecord.create(
            station_id=station_id, request_id=request_id, status=status, received_at=now
        )
        if request_id is not None:
            await FirmwareUpdate.filter(station_id=station_id, request_id=request_id).update(
                last_status=status, last_status_at=now
            )

    async def firmware_updates(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[FirmwareUpdateView]:
        """Three SELECTs: the page, its statuses, the boots after them."""
        rows = await newest_first(FirmwareUpdate.filter(station_id=station_id), limit, before_row)
        return await _update_views(station_id, list(rows))

    async def firmware_update(self, station_id: str, request_id: int) -> FirmwareUpdateView | None:
        """The update with its timeline, or None."""
        row = await FirmwareUpdate.get_or_none(station_id=station_id, request_id=request_id)
        return None if row is None else (await _update_views(station_id, [row]))[0]

    async def firmware_statuses(
        self, station_id: str, request_id: int | None, limit: int, before_id: int | None
    ) -> list[StatusReport]:
        """One SELECT, newest first."""
        query = FirmwareStatusRecord.filter(station_id=station_id)
        if request_id is not None:
            query = query.filter(request_id=request_id)
        return [_report(row) for row in await newest_first(query, limit, before_id)]

    async def open_publication(self, station_id: str, request: PublishRequest) -> int | None:
        """Allocate under the station's row lock; the row is written before sending."""
        return await allocate_station_id(
            station_id,
            FirmwarePublication,
            "request_id",
            asdict(request),
            lock_station=True,
            what="a PublishFirmware requestId",
        )

    async def record_publish_answer(
        self,
        station_id: str,
        request_id: int,
        answer: Answer,
        now: datetime,
        sent: PublishRequest,
    ) -> None:
        """An UPDATE; an INSERT when the publication has no row (sent with sendCall)."""
        key: dict[str, Any] = {"station_id": station_id, "request_id": request_id}
        if await FirmwarePublication.filter(**key).update(**_answer_columns(answer, now)):
            return
        await FirmwarePublication.create(**key, **asdict(sent), **_answer_columns(answer, now))

    async def add_publish_status(
        self,
        station_id: str,
        request_id: int | None,
        status: str,
        locations: Sequence[str],
        now: datetime,
    ) -> None:
        """One INSERT, and one UPDATE of the publication it is about."""
        await PublishStatusRecord.create(
            station_id=station_id,
            request_id=request_id,
            status=status,
            locations=list(locations),
            received_at=now,
        )
        if request_id is None:
            return
        changes: dict[str, Any] = {"last_status": status, "last_status_at": now}
        if locations:
            changes["published_locations"] = list(locations)
        await FirmwarePublication.filter(station_id=station_id, request_id=request_id).update(
            **changes
        )

    async def record_unpublish(
        self, station_id: str, checksum: str, status: str, now: datetime
    ) -> None:
        """One UPDATE of the station's publications with that checksum."""
        await FirmwarePublication.filter(station_id=station_id, checksum=checksum).update(
            unpublish_status=status, unpublished_at=now
        )

    async def publications(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[PublicationView]:
        """Two SELECTs: the page and its statuses."""
        query = FirmwarePublication.filter(station_id=station_id)
        rows = await newest_first(query, limit, before_row)
        return await _publication_views(station_id, list(rows))

    async def publication(self, station_id: str, request_id: int) -> PublicationView | None:
        """The publication with its timeline, or None."""
        row = await FirmwarePublication.get_or_none(station_id=station_id, request_id=request_id)
        return None if row is None else (await _publication_views(station_id, [row]))[0]
