"""Log uploads (N01.FR.14/18/19) on the memory store: the file stored in chunks for the
token's request and read back; a wrong token, a spent token, a closed request, an empty or a
too large body refused with nothing kept; retention closing old requests."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from modules.kernel.events import from_bytes
from modules.logs import LogRetention, LogUploaded, LogUploads, LogWanted, UploadRefused
from modules.logs.memory_store import MemoryLogStore
from modules.logs.policy import token_digest
from tests.support.clock import NOW, STATION

TOKEN = "t" * 43


class Bus:
    """Remembers what is published."""

    def __init__(self) -> None:
        self.published: list[tuple[str, bytes]] = []

    async def publish(self, topic: str, data: bytes, ordering_key: str | None = None) -> None:
        """Keep it."""
        self.published.append((topic, data))


async def _body(*pieces: bytes) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def _uploads(max_bytes: int = 100) -> tuple[LogUploads, MemoryLogStore, Bus]:
    store = MemoryLogStore([STATION])
    wanted = LogWanted(log_type="DiagnosticsLog")
    await store.open_request(STATION, wanted, token_digest(TOKEN), NOW)
    bus = Bus()
    return LogUploads(store, lambda: NOW, None, max_bytes, bus), store, bus  # type: ignore[arg-type]


async def _read(uploads: LogUploads, file_id: int) -> bytes:
    stored = await uploads.file(file_id)
    assert stored is not None
    return b"".join([piece async for piece in uploads.read(stored)])


async def test_a_file_is_stored_once_and_read_back() -> None:
    uploads, store, bus = await _uploads()

    stored = await uploads.upload(TOKEN, _body(b"line 1\n", b"line 2\n"), "diag.log")

    assert (stored.name, stored.size_bytes, stored.request_id) == ("diag.log", 14, 1)
    assert stored.sha256 == hashlib.sha256(b"line 1\nline 2\n").hexdigest()
    assert await _read(uploads, stored.id) == b"line 1\nline 2\n"
    with pytest.raises(UploadRefused) as again:
        await uploads.upload(TOKEN, _body(b"other"))
    assert again.value.status == 409
    assert await _read(uploads, stored.id) == b"line 1\nline 2\n"
    ((_, data),) = bus.published
    event = from_bytes(data)
    assert isinstance(event, LogUploaded)
    assert (event.file_id, event.size_bytes, event.station_id) == (stored.id, 14, STATION)
    record = await store.request(STATION, 1)
    assert record is not None and record.file == stored


async def test_a_big_file_spans_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("modules.logs.uploads.CHUNK_BYTES", 4)
    uploads, store, _ = await _uploads()
    stored = await uploads.upload(TOKEN, _body(b"abcdefghij"))
    assert len(store.chunks) == 3
    assert await _read(uploads, stored.id) == b"abcdefghij"
    assert stored.name == f"{STATION}-log-1.log"


@pytest.mark.parametrize(
    ("token", "pieces", "status"),
    [
        ("u" * 43, (b"x",), 404),
        (TOKEN, (b"x" * 60, b"y" * 41), 413),
        (TOKEN, (), 400),
    ],
)
async def test_refused_uploads_keep_nothing(
    token: str, pieces: tuple[bytes, ...], status: int
) -> None:
    uploads, store, bus = await _uploads()
    with pytest.raises(UploadRefused) as refused:
        await uploads.upload(token, _body(*pieces))
    assert refused.value.status == status
    assert (store.chunks, bus.published) == ({}, [])
    record = await store.request(STATION, 1)
    assert record is not None and record.file is None
    assert (await uploads.upload(TOKEN, _body(b"ok"))).size_bytes == 2


async def test_retention_deletes_old_files_and_closes_their_urls() -> None:
    uploads, store, _ = await _uploads()
    stored = await uploads.upload(TOKEN, _body(b"old"))
    other = "o" * 43
    await store.open_request(STATION, LogWanted(log_type="SecurityLog"), token_digest(other), NOW)

    assert await LogRetention(store, lambda: NOW + timedelta(days=29), 30).sweep() == 0
    assert await LogRetention(store, lambda: NOW + timedelta(days=31), 30).sweep() == 2

    assert await uploads.file(stored.id) is None and store.chunks == {}
    for token in (TOKEN, other):
        with pytest.raises(UploadRefused) as closed:
            await uploads.upload(token, _body(b"late"))
        assert closed.value.status == 410


class BrokenBus(Bus):
    """Fails every publish."""

    async def publish(self, topic: str, data: bytes, ordering_key: str | None = None) -> None:
        """Fail."""
        raise ConnectionError("bus down")


async def test_a_stored_file_stays_stored_when_its_event_cannot_be_published() -> None:
    store = MemoryLogStore([STATION])
    await store.open_request(STATION, LogWanted(log_type="SecurityLog"), token_digest(TOKEN), NOW)
    uploads = LogUploads(store, lambda: NOW, None, 100, BrokenBus())  # type: ignore[arg-type]
    stored = await uploads.upload(TOKEN, _body(b"kept"))
    assert await _read(uploads, stored.id) == b"kept"
