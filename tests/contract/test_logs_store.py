"""The logs store's contract, run against the memory twin and the SQL store on SQLite and
PostgreSQL: requestId allocation, outcomes and answers (a GetLog sent by sendCall gets a
row), statuses with and without a request, uploads (chunks, once only, discarded), reads,
and retention."""

from __future__ import annotations

from datetime import timedelta

from modules.logs import LogStore, LogWanted, SqlLogStore
from modules.logs.memory_store import MemoryLogStore
from modules.logs.records import LogAnswer, UploadedLog
from tests.support.clock import NOW
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
DIAGNOSTICS = LogWanted(
    log_type="DiagnosticsLog",
    oldest_timestamp=NOW - timedelta(days=1),
    latest_timestamp=NOW,
    retries=2,
    retry_interval=30,
)
FILE = UploadedLog(name="diag.zip", size_bytes=6, sha256="ab" * 32)

store = store_fixture(lambda: MemoryLogStore(["CS1", "CS2"]), SqlLogStore, stations=("CS1", "CS2"))
"""An empty store; stations CS1 and CS2 exist."""


async def test_request_ids_are_allocated_per_station_and_recorded(store: LogStore) -> None:
    assert await store.open_request("CS1", DIAGNOSTICS, "a" * 64, NOW) == 1
    assert await store.open_request("CS1", DIAGNOSTICS, "b" * 64, NOW) == 2
    assert await store.open_request("CS2", DIAGNOSTICS, "c" * 64, NOW) == 1
    assert await store.open_request("CS-NONE", DIAGNOSTICS, "d" * 64, NOW) is None

    record = await store.request("CS1", 1)
    assert record is not None
    assert (record.wanted, record.served, record.requested_at, record.outcome) == (
        DIAGNOSTICS,
        True,
        NOW,
        None,
    )
    assert [r.request_id for r in await store.requests("CS1", 10, None)] == [2, 1]
    newest = (await store.requests("CS1", 1, None))[0]
    assert [r.request_id for r in await store.requests("CS1", 10, newest.row_id)] == [1]


async def test_outcomes_and_answers(store: LogStore) -> None:
    await store.open_request("CS1", DIAGNOSTICS, "a" * 64, NOW)
    await store.record_outcome("CS1", 1, "TIMEOUT", None)
    answer = LogAnswer(
        request_id=1,
        wanted=DIAGNOSTICS,
        status="Accepted",
        reason_code=None,
        additional_info=None,
        filename="diag.zip",
    )
    await store.record_answer("CS1", answer, LATER)
    record = await store.request("CS1", 1)
    assert record is not None
    assert (record.outcome, record.status, record.filename, record.answered_at) == (
        "RESULT",
        "Accepted",
        "diag.zip",
        LATER,
    )
    assert (record.served, record.requested_at) == (True, NOW)

    elsewhere = LogWanted(log_type="SecurityLog", remote_location="ftp://logs.example/x")
    await store.record_answer(
        "CS1",
        LogAnswer(
            request_id=40,
            wanted=elsewhere,
            status="Rejected",
            reason_code="NoLog",
            additional_info="empty",
            filename=None,
        ),
        LATER,
    )
    sent_elsewhere = await store.request("CS1", 40)
    assert sent_elsewhere is not None
    assert (sent_elsewhere.wanted, sent_elsewhere.served, sent_elsewhere.reason_code) == (
        elsewhere,
        False,
        "NoLog",
    )


async def test_statuses_with_and_without_a_request(store: LogStore) -> None:
    await store.open_request("CS1", DIAGNOSTICS, "a" * 64, NOW)
    await store.add_status("CS1", 1, "Uploading", NOW)
    await store.add_status("CS1", None, "Idle", NOW)
    await store.add_status("CS1", 9, "UploadFailure", LATER)
    await store.add_status("CS1", 1, "Uploaded", LATER)
    await store.add_status("CS2", 1, "Uploading", LATER)

    record = await store.request("CS1", 1)
    assert record is not None
    assert [s.status for s in record.statuses] == ["Uploading", "Uploaded"]
    assert (record.last_status, record.last_status_at) == ("Uploaded", LATER)
    assert await store.request("CS1", 9) is None
    statuses = await store.statuses("CS1", 10, None)
    assert [(s.request_id, s.status) for s in statuses] == [
        (1, "Uploaded"),
        (9, "UploadFailure"),
        (None, "Idle"),
        (1, "Uploading"),
    ]
    older = await store.statuses("CS1", 2, statuses[1].id)
    assert [s.status for s in older] == ["Idle", "Uploading"]


async def test_an_upload_completes_once_and_reads_back(store: LogStore) -> None:
    await store.open_request("CS1", DIAGNOSTICS, "a" * 64, NOW)
    slot = await store.upload_slot("a" * 64)
    assert slot is not None and await store.upload_slot("z" * 64) is None
    assert (slot.station_id, slot.request_id) == ("CS1", 1)
    assert (slot.uploaded, slot.closed) == (False, False)
    assert await store.log_file(slot.id) is None

    await store.add_chunk(slot.id, "late", 0, b"zzz")
    await store.add_chunk(slot.id, "first", 0, b"abc")
    await store.add_chunk(slot.id, "first", 1, b"def")
    assert await store.finish_upload(slot.id, "first", FILE, LATER)
    assert not await store.finish_upload(slot.id, "late", FILE, LATER)

    stored = await store.log_file(slot.id)
    assert stored is not None
    assert (stored.name, stored.size_bytes, stored.upload_id, stored.uploaded_at) == (
        "diag.zip",
        6,
        "first",
        LATER,
    )
    chunks = [await store.chunk(slot.id, "first", seq) for seq in range(3)]
    assert chunks == [b"abc", b"def", None]
    assert await store.chunk(slot.id, "late", 0) is None
    again = await store.upload_slot("a" * 64)
    assert again is not None and again.uploaded
    record = await store.request("CS1", 1)
    assert record is not None and record.file == stored


async def test_a_discarded_upload_leaves_nothing(store: LogStore) -> None:
    await store.open_request("CS1", DIAGNOSTICS, "a" * 64, NOW)
    slot = await store.upload_slot("a" * 64)
    assert slot is not None
    await store.add_chunk(slot.id, "u1", 0, b"abc")
    await store.discard_upload(slot.id, "u1")
    assert await store.chunk(slot.id, "u1", 0) is None
    assert await store.log_file(slot.id) is None


async def test_retention_closes_old_requests_and_deletes_their_files(store: LogStore) -> None:
    await store.open_request("CS1", DIAGNOSTICS, "a" * 64, NOW - timedelta(days=40))
    await store.open_request("CS1", DIAGNOSTICS, "b" * 64, NOW - timedelta(days=40))
    await store.open_request("CS1", DIAGNOSTICS, "c" * 64, NOW)
    old = await store.upload_slot("a" * 64)
    recent = await store.upload_slot("b" * 64)
    assert old is not None and recent is not None
    await store.add_chunk(old.id, "u", 0, b"old")
    await store.finish_upload(old.id, "u", FILE, NOW - timedelta(days=35))
    await store.add_chunk(recent.id, "u", 0, b"new")
    await store.finish_upload(recent.id, "u", FILE, NOW - timedelta(days=1))

    cutoff = NOW - timedelta(days=30)
    assert await store.purge(cutoff, NOW, 10) == 1
    assert await store.purge(cutoff, NOW, 10) == 0

    assert await store.log_file(old.id) is None
    assert await store.chunk(old.id, "u", 0) is None
    closed = await store.upload_slot("a" * 64)
    assert closed is not None and closed.closed
    assert not await store.finish_upload(old.id, "v", FILE, NOW)
    assert await store.chunk(recent.id, "u", 0) == b"new"
    record = await store.request("CS1", 1)
    assert record is not None and (record.file, record.purged_at) == (None, NOW)

    assert await store.purge(NOW + timedelta(days=1), NOW, 1) == 1
    assert await store.purge(NOW + timedelta(days=1), NOW, 1) == 1
    assert await store.purge(NOW + timedelta(days=1), NOW, 1) == 0
