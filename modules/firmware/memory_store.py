"""The firmware store's in-memory twin, for tests: the same reads and writes as the SQL store,
in lists and dicts (the stations and boots other blocks would have written are given by the
test with `add_station` and `add_boot`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from modules.firmware import policy
from modules.firmware.records import (
    Answer,
    CampaignPlan,
    CampaignStationView,
    CampaignStatus,
    CampaignView,
    FirmwareUpdateView,
    FirmwareView,
    NewFirmware,
    PublicationView,
    PublishRequest,
    ServedFile,
    StationState,
    StatusReport,
    UpdateRequest,
    UploadedFile,
)
from modules.firmware.rollout import CampaignStep
from modules.kernel.pages import newest_first

_UNANSWERED: dict[str, Any] = {
    "outcome": None,
    "status": None,
    "reason_code": None,
    "additional_info": None,
    "error_code": None,
    "answered_at": None,
    "last_status": None,
    "last_status_at": None,
}


class MemoryFirmwareStore:
    """FirmwareStore in memory; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.stations: dict[str, tuple[str | None, str | None]] = {}
        self.boots: list[tuple[str, datetime, str | None]] = []
        self.entries: dict[int, FirmwareView] = {}
        self.chunks: dict[tuple[int, str, int], bytes] = {}
        self.uploads: dict[int, str] = {}
        self.updates: list[FirmwareUpdateView] = []
        self.statuses: list[StatusReport] = []
        self.publications_: list[PublicationView] = []
        self.publish_statuses: list[StatusReport] = []
        self.campaigns_: dict[int, CampaignView] = {}

    def add_station(
        self, station_id: str, vendor: str | None = None, model: str | None = None
    ) -> None:
        """A registered station (with the vendor and model it booted with)."""
        self.stations[station_id] = (vendor, model)

    def add_boot(self, station_id: str, at: datetime, firmware_version: str | None) -> None:
        """A BootNotification provisioning stored."""
        self.boots.append((station_id, at, firmware_version))

    async def add_firmware(self, entry: NewFirmware) -> FirmwareView:
        """Store the entry under the next id."""
        view = FirmwareView(
            **asdict(entry),
            id=len(self.entries) + 1,
            sha256=None,
            size_bytes=None,
            uploaded_at=None,
        )
        self.entries[view.id] = view
        return view

    async def firmware(self, firmware_id: int) -> FirmwareView | None:
        """The entry, or None."""
        return self.entries.get(firmware_id)

    async def firmwares(self, limit: int, before_id: int | None) -> list[FirmwareView]:
        """Newest first."""
        return newest_first(self.entries.values(), lambda row: row.id, limit, before_id)

    async def remove_firmware(self, firmware_id: int) -> bool:
        """Forget the entry and its chunks."""
        for key in [key for key in self.chunks if key[0] == firmware_id]:
            del self.chunks[key]
        return self.entries.pop(firmware_id, None) is not None

    async def add_chunk(self, firmware_id: int, upload_id: str, seq: int, data: bytes) -> None:
        """Keep one chunk."""
        self.chunks[firmware_id, upload_id, seq] = data

    async def finish_upload(
        self, firmware_id: int, upload_id: str, uploaded: UploadedFile, now: datetime
    ) -> bool:
        """The upload becomes the file unless one completed first."""
        entry = self.entries.get(firmware_id)
        if entry is None or entry.uploaded_at is not None:
            await self.discard_upload(firmware_id, upload_id)
            return False
        self.entries[firmware_id] = dataclasses.replace(entry, uploaded_at=now, **asdict(uploaded))
        self.uploads[firmware_id] = upload_id
        for key in [k for k in self.chunks if k[0] == firmware_id and k[1] != upload_id]:
            del self.chunks[key]
        return True

    async def discard_upload(self, firmware_id: int, upload_id: str) -> None:
        """Forget the upload's chunks."""
        for key in [k for k in self.chunks if k[:2] == (firmware_id, upload_id)]:
            del self.chunks[key]

    async def served_file(self, token: str) -> ServedFile | None:
        """The uploaded entry served under `token`."""
        for entry in self.entries.values():
            if entry.served_token == token and entry.uploaded_at is not None:
                return ServedFile(
                    entry.id,
                    self.uploads[entry.id],
                    entry.version,
                    entry.size_bytes or 0,
                    entry.sha256 or "",
                )
        return None

    async def chunk(self, firmware_id: int, upload_id: str, seq: int) -> bytes | None:
        """One chunk, or None."""
        return self.chunks.get((firmware_id, upload_id, seq))

    async def open_update(self, station_id: str, request: UpdateRequest) -> int | None:
        """One more than the station's highest requestId."""
        if station_id not in self.stations:
            return None
        request_id = (
            max((u.request_id for u in self.updates if u.station_id == station_id), default=0) + 1
        )
        self._add_update(station_id, request_id, request, {})
        return request_id

    def _add_update(
        self, station_id: str, request_id: int, request: UpdateRequest, answer: dict[str, Any]
    ) -> None:
        self.updates.append(
            FirmwareUpdateView(
                **asdict(request),
                row_id=len(self.updates) + 1,
                station_id=station_id,
                request_id=request_id,
                **{**_UNANSWERED, **answer},
                superseded_by=None,
            )
        )

    def _update_index(self, station_id: str, request_id: int) -> int | None:
        for index, row in enumerate(self.updates):
            if (row.station_id, row.request_id) == (station_id, request_id):
                return index
        return None

    async def record_update_answer(
        self,
        station_id: str,
        request_id: int,
        answer: Answer,
        now: datetime,
        sent: UpdateRequest,
    ) -> None:
        """Store the answer, adding the update when it has no row."""
        columns = {**asdict(answer), "answered_at": now}
        index = self._update_index(station_id, request_id)
        if index is None:
            self._add_update(station_id, request_id, sent, columns)
            return
        self.updates[index] = dataclasses.replace(self.updates[index], **columns)

    async def supersede_updates(self, station_id: str, request_id: int) -> None:
        """Mark the station's earlier unfinished updates."""
        ended = {policy.INSTALLED, *policy.FAILED_STATUSES}
        for index, row in enumerate(self.updates):
            if (
                row.station_id == station_id
                and row.request_id < request_id
                and row.superseded_by is None
                and row.last_status not in ended
            ):
                self.updates[index] = dataclasses.replace(row, superseded_by=request_id)

    async def add_firmware_status(
        self, station_id: str, request_id: int | None, status: str, now: datetime
    ) -> None:
        """Keep the status; it is its update's last."""
        self.statuses.append(
            StatusReport(
                id=len(self.statuses) + 1,
                station_id=station_id,
                request_id=request_id,
                status=status,
                received_at=now,
            )
        )
        index = None if request_id is None else self._update_index(station_id, request_id)
        if index is not None:
            self.updates[index] = dataclasses.replace(
                self.updates[index], last_status=status, last_status_at=now
            )

    def _update_view(self, row: FirmwareUpdateView) -> FirmwareUpdateView:
        mine = [
            s
            for s in self.statuses
            if (s.station_id, s.request_id) == (row.station_id, row.request_id)
        ]
        rebooted = [s.received_at for s in mine if s.status in policy.REBOOT_STATUSES]
        after = min(rebooted) if rebooted else None
        boots = sorted(
            (b for b in self.boots if b[0] == row.station_id and after and b[1] > after),
            key=lambda boot: boot[1],
        )
        return dataclasses.replace(
            row,
            statuses=tuple(mine),
            firmware_version_after=boots[0][2] if boots else None,
            booted_after_at=boots[0][1] if boots else None,
        )

    async def firmware_updates(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[FirmwareUpdateView]:
        """Newest first, with their timelines."""
        mine = [row for row in self.updates if row.station_id == station_id]
        page = newest_first(mine, lambda row: row.row_id, limit, before_row)
        return [self._update_view(row) for row in page]

    async def firmware_update(self, station_id: str, request_id: int) -> FirmwareUpdateView | None:
        """The update with its timeline, or None."""
        index = self._update_index(station_id, request_id)
        return None if index is None else self._update_view(self.updates[index])

    async def firmware_statuses(
        self, station_id: str, request_id: int | None, limit: int, before_id: int | None
    ) -> list[StatusReport]:
        """Newest first."""
        mine = [
            s
            for s in self.statuses
            if s.station_id == station_id and (request_id is None or s.request_id == request_id)
        ]
        return newest_first(mine, lambda row: row.id, limit, before_id)

    async def open_publication(self, station_id: str, request: PublishRequest) -> int | None:
        """One more than the station's highest PublishFirmware requestId."""
        if station_id not in self.stations:
            return None
        mine = [p.request_id for p in self.publications_ if p.station_id == station_id]
        request_id = max(mine, default=0) + 1
        self._add_publication(station_id, request_id, request, {})
        return request_id

    def _add_publication(
        self, station_id: str, request_id: int, request: PublishRequest, answer: dict[str, Any]
    ) -> None:
        self.publications_.append(
            PublicationView(
                **asdict(request),
                row_id=len(self.publications_) + 1,
                station_id=station_id,
                request_id=request_id,
                **{**_UNANSWERED, **answer},
                published_locations=(),
                unpublish_status=None,
                unpublished_at=None,
            )
        )

    def _publication_index(self, station_id: str, request_id: int) -> int | None:
        for index, row in enumerate(self.publications_):
            if (row.station_id, row.request_id) == (station_id, request_id):
                return index
        return None

    async def record_publish_answer(
        self,
        station_id: str,
        request_id: int,
        answer: Answer,
        now: datetime,
        sent: PublishRequest,
    ) -> None:
        """Store the answer, adding the publication when it has no row."""
        columns = {**asdict(answer), "answered_at": now}
        index = self._publication_index(station_id, request_id)
        if index is None:
            self._add_publication(station_id, request_id, sent, columns)
            return
        self.publications_[index] = dataclasses.replace(self.publications_[index], **columns)

    async def add_publish_status(
        self,
        station_id: str,
        request_id: int | None,
        status: str,
        locations: Sequence[str],
        now: datetime,
    ) -> None:
        """Keep the status; Published keeps its URIs on the publication."""
        self.publish_statuses.append(
            StatusReport(
                id=len(self.publish_statuses) + 1,
                station_id=station_id,
                request_id=request_id,
                status=status,
                received_at=now,
                locations=tuple(locations),
            )
        )
        index = None if request_id is None else self._publication_index(station_id, request_id)
        if index is None:
            return
        changes: dict[str, Any] = {"last_status": status, "last_status_at": now}
        if locations:
            changes["published_locations"] = tuple(locations)
        self.publications_[index] = dataclasses.replace(self.publications_[index], **changes)

    async def record_unpublish(
        self, station_id: str, checksum: str, status: str, now: datetime
    ) -> None:
        """Mark the station's publications with that checksum."""
        for index, row in enumerate(self.publications_):
            if (row.station_id, row.checksum) == (station_id, checksum):
                self.publications_[index] = dataclasses.replace(
                    row, unpublish_status=status, unpublished_at=now
                )

    async def publications(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[PublicationView]:
        """Newest first, with their timelines."""
        mine = [row for row in self.publications_ if row.station_id == station_id]
        page = newest_first(mine, lambda row: row.row_id, limit, before_row)
        return [
            dataclasses.replace(
                row,
                statuses=tuple(
                    s
                    for s in self.publish_statuses
                    if (s.station_id, s.request_id) == (row.station_id, row.request_id)
                ),
            )
            for row in page
        ]

    async def publication(self, station_id: str, request_id: int) -> PublicationView | None:
        """The publication with its timeline, or None."""
        found = await self.publications(station_id, len(self.publications_) + 1, None)
        return next((row for row in found if row.request_id == request_id), None)

    async def stations_matching(self, vendor_name: str | None, model: str | None) -> list[str]:
        """Registered stations with that vendor and model, by id."""
        return sorted(
            sid
            for sid, (vendor, kind) in self.stations.items()
            if vendor_name in (None, vendor) and model in (None, kind)
        )

    async def known_stations(self, station_ids: Iterable[str]) -> list[str]:
        """Which are registered."""
        return [sid for sid in station_ids if sid in self.stations]

    async def create_campaign(self, plan: CampaignPlan, station_ids: list[str]) -> int:
        """A Running campaign whose first wave is due at once."""
        campaign_id = len(self.campaigns_) + 1
        self.campaigns_[campaign_id] = CampaignView(
            **asdict(plan),
            id=campaign_id,
            status=CampaignStatus.RUNNING,
            active=True,
            halted_reason=None,
            wave=0,
            next_wave_at=plan.created_at,
            finished_at=None,
            lease_owner=None,
            lease_until=None,
            stations=tuple(
                CampaignStationView(
                    station_id=sid,
                    state=StationState.PENDING,
                    wave=None,
                    started_at=None,
                    finished_at=None,
                    failure_reason=None,
                )
                for sid in station_ids
            ),
        )
        return campaign_id

    def _with_updates(self, campaign: CampaignView) -> CampaignView:
        latest: dict[str, FirmwareUpdateView] = {}
        for row in self.updates:
            if row.campaign_id == campaign.id:
                latest[row.station_id] = row
        stations = []
        for station in campaign.stations:
            update = latest.get(station.station_id)
            if update is not None:
                station = dataclasses.replace(
                    station,
                    request_id=update.request_id,
                    requested_at=update.requested_at,
                    outcome=update.outcome,
                    status=update.status,
                    last_status=update.last_status,
                    last_status_at=update.last_status_at,
                    superseded_by=update.superseded_by,
                )
            stations.append(station)
        return dataclasses.replace(campaign, stations=tuple(stations))

    async def campaign(self, campaign_id: int) -> CampaignView | None:
        """The campaign with its stations' latest updates, or None."""
        found = self.campaigns_.get(campaign_id)
        return None if found is None else self._with_updates(found)

    async def campaigns(
        self, active: bool | None, limit: int, before_id: int | None
    ) -> list[CampaignView]:
        """Newest first."""
        mine = [c for c in self.campaigns_.values() if active in (None, c.active)]
        return [self._with_updates(c) for c in newest_first(mine, lambda c: c.id, limit, before_id)]

    async def active_campaigns(self) -> list[int]:
        """Active ids, oldest first."""
        return sorted(cid for cid, c in self.campaigns_.items() if c.active)

    async def claim_campaign(
        self, campaign_id: int, node_id: str, now: datetime, until: datetime
    ) -> bool:
        """Take the lease when free, expired or ours."""
        found = self.campaigns_.get(campaign_id)
        if found is None or not found.active:
            return False
        held = found.lease_owner not in (None, node_id)
        if held and found.lease_until is not None and found.lease_until >= now:
            return False
        self.campaigns_[campaign_id] = dataclasses.replace(
            found, lease_owner=node_id, lease_until=until
        )
        return True

    async def release_campaigns(self, node_id: str) -> None:
        """Drop the node's leases."""
        for cid, found in self.campaigns_.items():
            if found.lease_owner == node_id:
                self.campaigns_[cid] = dataclasses.replace(
                    found, lease_owner=None, lease_until=None
                )

    async def apply_step(
        self, campaign_id: int, node_id: str, step: CampaignStep, now: datetime
    ) -> bool:
        """Write the step when the lease is the node's."""
        found = self.campaigns_.get(campaign_id)
        if found is None or found.lease_owner != node_id:
            return False
        settled = {s.station_id: s for s in step.settled}
        stations = []
        for station in found.stations:
            done = settled.get(station.station_id)
            if done is not None and done.state == StationState.PENDING:
                station = dataclasses.replace(station, state=done.state, started_at=None, wave=None)
            elif done is not None:
                station = dataclasses.replace(
                    station, state=done.state, failure_reason=done.failure_reason, finished_at=now
                )
            if station.station_id in step.started:
                station = dataclasses.replace(
                    station,
                    state=StationState.UPDATING,
                    wave=step.wave,
                    started_at=now,
                    finished_at=None,
                )
            stations.append(station)
        self.campaigns_[campaign_id] = dataclasses.replace(
            found,
            stations=tuple(stations),
            status=step.status,
            active=step.active,
            halted_reason=step.halted_reason,
            wave=step.wave,
            next_wave_at=step.next_wave_at,
            finished_at=step.finished_at,
        )
        return True

    async def cancel_campaign(self, campaign_id: int, now: datetime) -> bool:
        """Cancel it when running."""
        found = self.campaigns_.get(campaign_id)
        if found is None or found.status != CampaignStatus.RUNNING:
            return False
        self.campaigns_[campaign_id] = dataclasses.replace(
            found, status=CampaignStatus.CANCELED, finished_at=now, next_wave_at=None
        )
        return True
