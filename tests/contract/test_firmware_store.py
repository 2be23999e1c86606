"""The firmware store's contract, run against the memory twin and the SQL store (on SQLite and
PostgreSQL): the catalogue and its chunked files, requestId allocation, answers and status
timelines, the firmware version of the boot after an update, publications, and campaigns with
their lease."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from infra.db.models import BootRecord, Station
from modules.firmware import FirmwareStore, SqlFirmwareStore
from modules.firmware.memory_store import MemoryFirmwareStore
from modules.firmware.records import (
    Answer,
    CampaignPlan,
    NewFirmware,
    PublishRequest,
    UpdateRequest,
    UploadedFile,
)
from modules.firmware.rollout import CampaignStep, Settlement
from tests.support.clock import NOW
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
STATIONS = ("CS1", "CS2")
REQUEST = UpdateRequest(
    location="https://fw.example/2.0.bin",
    retrieve_date_time=NOW,
    install_date_time=None,
    retries=2,
    retry_interval=30,
    signed=True,
    firmware_id=None,
    campaign_id=None,
    requested_at=NOW,
)
PUBLISH = PublishRequest(
    location="https://fw.example/2.0.bin",
    checksum="0" * 32,
    retries=None,
    retry_interval=None,
    firmware_id=None,
    requested_at=NOW,
)


class Backend(Protocol):
    """A store and what provisioning would have written beside it."""

    store: FirmwareStore

    async def add_station(self, station_id: str, vendor: str) -> None:
        """Register a station that booted with `vendor`."""

    async def add_boot(self, station_id: str, at: datetime, version: str) -> None:
        """Store a BootNotification as provisioning would."""


class MemoryBackend:
    """The memory twin."""

    def __init__(self) -> None:
        self.memory = MemoryFirmwareStore()
        self.store: FirmwareStore = self.memory
        for station_id in STATIONS:
            self.memory.add_station(station_id)

    async def add_station(self, station_id: str, vendor: str) -> None:
        """Register the station."""
        self.memory.add_station(station_id, vendor, "M1")

    async def add_boot(self, station_id: str, at: datetime, version: str) -> None:
        """Keep the boot."""
        self.memory.add_boot(station_id, at, version)


class SqlBackend:
    """The SQL store on an open database."""

    def __init__(self) -> None:
        self.store: FirmwareStore = SqlFirmwareStore()

    async def add_station(self, station_id: str, vendor: str) -> None:
        """A station row."""
        await Station.create(id=station_id, vendor_name=vendor, model="M1")

    async def add_boot(self, station_id: str, at: datetime, version: str) -> None:
        """A boot_record row."""
        await BootRecord.create(
            station_id=station_id,
            booted_at=at,
            reason="FirmwareUpdate",
            vendor_name="VendorA",
            model="M1",
            firmware_version=version,
            status="Accepted",
            interval=300,
        )


def _sql() -> Backend:
    return SqlBackend()


backend = store_fixture(MemoryBackend, _sql, stations=STATIONS)
"""Each store, empty, with stations CS1 and CS2 registered."""


def _entry(token: str | None = "tok-1", location: str | None = None) -> NewFirmware:
    return NewFirmware(
        version="2.0",
        location=location,
        served_token=token,
        checksum=None,
        signature=None,
        signing_certificate=None,
        description=None,
        created_at=NOW,
    )


async def test_a_served_file_is_read_back_only_once_its_upload_completed(
    backend: Backend,
) -> None:
    store = backend.store
    entry = await store.add_firmware(_entry())
    await store.add_chunk(entry.id, "up-1", 0, b"abc")
    await store.add_chunk(entry.id, "up-1", 1, b"de")
    assert await store.served_file("tok-1") is None

    uploaded = UploadedFile(size_bytes=5, sha256="s" * 64, checksum="c" * 32)
    assert await store.finish_upload(entry.id, "up-1", uploaded, LATER)

    served = await store.served_file("tok-1")
    assert served is not None
    assert (served.upload_id, served.size_bytes, served.version) == ("up-1", 5, "2.0")
    assert [await store.chunk(entry.id, "up-1", seq) for seq in range(3)] == [b"abc", b"de", None]
    stored = await store.firmware(entry.id)
    assert stored is not None
    assert (stored.checksum, stored.uploaded_at, stored.ready) == ("c" * 32, LATER, True)
    assert await store.served_file("tok-2") is None


async def test_a_second_upload_loses_and_its_chunks_go(backend: Backend) -> None:
    store = backend.store
    entry = await store.add_firmware(_entry())
    uploaded = UploadedFile(size_bytes=1, sha256="s", checksum="c")
    await store.add_chunk(entry.id, "first", 0, b"a")
    await store.add_chunk(entry.id, "second", 0, b"b")
    assert await store.finish_upload(entry.id, "first", uploaded, NOW)

    assert not await store.finish_upload(entry.id, "second", uploaded, LATER)

    assert await store.chunk(entry.id, "second", 0) is None
    assert await store.chunk(entry.id, "first", 0) == b"a"
    assert await store.remove_firmware(entry.id)
    assert not await store.remove_firmware(entry.id)
    assert await store.chunk(entry.id, "first", 0) is None


async def test_the_catalogue_lists_newest_first(backend: Backend) -> None:
    store = backend.store
    served = await store.add_firmware(_entry())
    external = await store.add_firmware(_entry(None, "https://fw.example/x"))

    page = await store.firmwares(10, None)

    assert [e.id for e in page] == [external.id, served.id]
    assert (external.served, external.ready, served.ready) == (False, True, False)
    assert [e.id for e in await store.firmwares(10, external.id)] == [served.id]


async def test_request_ids_are_per_station_and_kind(backend: Backend) -> None:
    store = backend.store
    assert await store.open_update("CS-NOBODY", REQUEST) is None
    assert await store.open_update("CS1", REQUEST) == 1
    assert await store.open_update("CS1", REQUEST) == 2
    assert await store.open_update("CS2", REQUEST) == 1
    assert await store.open_publication("CS1", PUBLISH) == 1
    assert await store.open_publication("CS-NOBODY", PUBLISH) is None
    ids = await asyncio.gather(*(store.open_update("CS2", REQUEST) for _ in range(4)))
    assert sorted(i for i in ids if i is not None) == [2, 3, 4, 5]


async def test_answers_statuses_and_the_boot_after_are_read_back(backend: Backend) -> None:
    store = backend.store
    await store.open_update("CS1", REQUEST)
    await store.record_update_answer(
        "CS1", 1, Answer(outcome="RESULT", status="Accepted"), LATER, REQUEST
    )
    await backend.add_boot("CS1", NOW + timedelta(seconds=1), "1.0")  # before the reboot
    times = [NOW + timedelta(seconds=n) for n in range(10, 14)]
    for at, status in zip(times, ["Downloading", "Installing", "InstallRebooting"], strict=False):
        await store.add_firmware_status("CS1", 1, status, at)
    await backend.add_boot("CS1", times[3], "2.0")
    await store.add_firmware_status("CS1", 1, "Installed", times[3] + timedelta(seconds=1))
    await store.add_firmware_status("CS1", None, "Idle", times[3] + timedelta(seconds=2))
    await store.add_firmware_status("CS2", 1, "Downloading", times[3])

    view = await store.firmware_update("CS1", 1)

    assert view is not None
    assert (view.outcome, view.status, view.answered_at) == ("RESULT", "Accepted", LATER)
    assert [s.status for s in view.statuses] == [
        "Downloading",
        "Installing",
        "InstallRebooting",
        "Installed",
    ]
    assert (view.last_status, view.firmware_version_after, view.booted_after_at) == (
        "Installed",
        "2.0",
        times[3],
    )
    statuses = await store.firmware_statuses("CS1", None, 10, None)
    assert [(s.request_id, s.status) for s in statuses][:2] == [(None, "Idle"), (1, "Installed")]
    assert len(await store.firmware_statuses("CS1", 1, 10, None)) == 4
    assert await store.firmware_update("CS2", 1) is None


async def test_an_answer_without_a_row_creates_it_and_supersedes(backend: Backend) -> None:
    store = backend.store
    await store.open_update("CS1", REQUEST)
    await store.add_firmware_status("CS1", 1, "Downloading", NOW)
    await store.open_update("CS1", REQUEST)
    await store.add_firmware_status("CS1", 2, "Installed", NOW)

    await store.record_update_answer(
        "CS1", 40, Answer(outcome="RESULT", status="AcceptedCanceled"), LATER, REQUEST
    )
    await store.supersede_updates("CS1", 40)

    page = await store.firmware_updates("CS1", 10, None)
    assert [(u.request_id, u.superseded_by, u.status) for u in page] == [
        (40, None, "AcceptedCanceled"),
        (2, None, None),
        (1, 40, None),
    ]
    assert await store.open_update("CS1", REQUEST) == 41
    older = await store.firmware_updates("CS1", 2, page[1].row_id)
    assert [u.request_id for u in older] == [1]


async def test_publications_keep_their_uris_and_unpublishing(backend: Backend) -> None:
    store = backend.store
    await store.open_publication("CS1", PUBLISH)
    await store.record_publish_answer(
        "CS1", 1, Answer(outcome="RESULT", status="Accepted"), LATER, PUBLISH
    )
    await store.add_publish_status("CS1", 1, "Downloading", (), LATER)
    await store.add_publish_status("CS1", 1, "Published", ("http://lc/f", "ftp://lc/f"), LATER)
    await store.record_unpublish("CS1", "0" * 32, "Unpublished", LATER)

    view = await store.publication("CS1", 1)

    assert view is not None
    assert (view.status, view.last_status, view.published_locations) == (
        "Accepted",
        "Published",
        ("http://lc/f", "ftp://lc/f"),
    )
    assert [(s.status, s.locations) for s in view.statuses] == [
        ("Downloading", ()),
        ("Published", ("http://lc/f", "ftp://lc/f")),
    ]
    assert (view.unpublish_status, view.unpublished_at) == ("Unpublished", LATER)
    assert [p.request_id for p in await store.publications("CS1", 10, None)] == [1]


def _plan(**overrides: object) -> CampaignPlan:
    values: dict[str, object] = {
        "name": "c",
        "firmware_id": 1,
        "version": "2.0",
        "location": "https://fw.example/2.0.bin",
        "signature": None,
        "signing_certificate": None,
        "retries": None,
        "retry_interval": None,
        "install_date_time": None,
        "max_concurrent": 1,
        "wave_pause": 0.0,
        "max_failures": None,
        "max_failure_fraction": None,
        "station_timeout": 600.0,
        "created_at": NOW,
    }
    return CampaignPlan(**{**values, **overrides})  # type: ignore[arg-type]


async def test_stations_are_chosen_by_filter_or_list(backend: Backend) -> None:
    store = backend.store
    for station_id, vendor in (("VC2", "VendorC"), ("VB1", "VendorB"), ("VC1", "VendorC")):
        await backend.add_station(station_id, vendor)

    assert await store.stations_matching("VendorC", None) == ["VC1", "VC2"]
    assert await store.stations_matching(None, "M1") == ["VB1", "VC1", "VC2"]
    assert await store.stations_matching("VendorC", "M2") == []
    assert sorted(await store.known_stations(["CS1", "NOPE", "VB1"])) == ["CS1", "VB1"]


async def test_one_node_at_a_time_holds_a_campaign(backend: Backend) -> None:
    """The lease: free or expired or already ours is taken; another's live lease is not;
    a step written without the lease is refused; release frees it at once."""
    store = backend.store
    campaign_id = await store.create_campaign(_plan(), ["CS1", "CS2"])
    soon, later = NOW + timedelta(seconds=60), NOW + timedelta(seconds=61)

    assert await store.active_campaigns() == [campaign_id]
    assert await store.claim_campaign(campaign_id, "node-a", NOW, soon)
    assert not await store.claim_campaign(campaign_id, "node-b", NOW, soon)
    assert await store.claim_campaign(campaign_id, "node-a", NOW, soon)
    step = CampaignStep(
        settled=(),
        started=("CS1",),
        wave=1,
        status="Running",
        active=True,
        halted_reason=None,
        next_wave_at=None,
        finished_at=None,
    )
    assert not await store.apply_step(campaign_id, "node-b", step, NOW)
    assert await store.claim_campaign(campaign_id, "node-b", later, later + timedelta(60))
    assert not await store.apply_step(campaign_id, "node-a", step, NOW)
    assert await store.apply_step(campaign_id, "node-b", step, NOW)
    await store.release_campaigns("node-b")
    assert await store.claim_campaign(campaign_id, "node-c", later, soon)

    view = await store.campaign(campaign_id)
    assert view is not None
    assert (view.wave, view.lease_owner, view.next_wave_at) == (1, "node-c", None)
    assert [(s.station_id, s.state, s.wave, s.started_at) for s in view.stations] == [
        ("CS1", "Updating", 1, NOW),
        ("CS2", "Pending", None, None),
    ]


async def test_a_step_settles_stations_and_ends_the_campaign(backend: Backend) -> None:
    store = backend.store
    campaign_id = await store.create_campaign(_plan(), ["CS1", "CS2"])
    await store.claim_campaign(campaign_id, "node-a", NOW, LATER)
    start = CampaignStep(
        settled=(),
        started=("CS1", "CS2"),
        wave=1,
        status="Running",
        active=True,
        halted_reason=None,
        next_wave_at=None,
        finished_at=None,
    )
    await store.apply_step(campaign_id, "node-a", start, NOW)
    await store.open_update("CS1", replace(REQUEST, campaign_id=campaign_id + 1))
    await store.open_update("CS1", replace(REQUEST, campaign_id=campaign_id))
    end = CampaignStep(
        settled=(Settlement("CS1", "Failed", "DownloadFailed"), Settlement("CS2", "Pending")),
        started=(),
        wave=1,
        status="Halted",
        active=False,
        halted_reason="1 failed",
        next_wave_at=None,
        finished_at=LATER,
    )
    await store.apply_step(campaign_id, "node-a", end, LATER)

    view = await store.campaign(campaign_id)
    assert view is not None
    assert (view.status, view.active, view.halted_reason, view.finished_at) == (
        "Halted",
        False,
        "1 failed",
        LATER,
    )
    one, two = view.stations
    assert (one.state, one.failure_reason, one.finished_at, one.request_id) == (
        "Failed",
        "DownloadFailed",
        LATER,
        2,
    )
    assert (two.state, two.started_at, two.request_id) == ("Pending", None, None)
    assert await store.active_campaigns() == []
    assert [c.id for c in await store.campaigns(False, 10, None)] == [campaign_id]
    assert await store.campaigns(True, 10, None) == []
    assert not await store.claim_campaign(campaign_id, "node-a", LATER, LATER)


async def test_only_a_running_campaign_is_canceled(backend: Backend) -> None:
    store = backend.store
    campaign_id = await store.create_campaign(_plan(), ["CS1"])

    assert await store.cancel_campaign(campaign_id, LATER)
    assert not await store.cancel_campaign(campaign_id, LATER)
    assert not await store.cancel_campaign(campaign_id + 1, LATER)
    view = await store.campaign(campaign_id)
    assert view is not None
    assert (view.status, view.active, view.finished_at) == ("Canceled", True, LATER)
    assert await store.campaign(campaign_id + 1) is None
