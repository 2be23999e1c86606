"""The catalogue on the memory store: entries external or served, a served file uploaded in
chunks (hashed, size-limited, taken once) and read back as uploaded, the target a command
sends."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import pytest

from modules.firmware import Catalogue, UploadRefused
from modules.firmware.catalogue import CHUNK_BYTES
from modules.firmware.memory_store import MemoryFirmwareStore
from modules.kernel.commands import InvalidCommand
from tests.support.clock import NOW
from tests.support.firmware import CERTIFICATE, SIGNATURE


async def _pieces(data: bytes, size: int = 65536) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def _read(catalogue: Catalogue, token: str) -> bytes:
    served = await catalogue.served_file(token)
    assert served is not None
    return b"".join([piece async for piece in catalogue.read(served)])


async def test_a_served_file_is_stored_in_chunks_and_read_back() -> None:
    store = MemoryFirmwareStore()
    catalogue = Catalogue(store, lambda: NOW, "https://csms.example/")
    entry = await catalogue.add("2.0", signature=SIGNATURE, signing_certificate=CERTIFICATE)
    assert entry.served_token is not None and len(entry.served_token) >= 43
    data = bytes(range(256)) * (CHUNK_BYTES // 128) + b"end"

    uploaded = await catalogue.upload(entry.id, _pieces(data))

    assert (uploaded.size_bytes, uploaded.sha256, uploaded.checksum) == (
        len(data),
        hashlib.sha256(data).hexdigest(),
        hashlib.md5(data).hexdigest(),
    )
    assert sorted(seq for (_, _, seq) in store.chunks) == [0, 1, 2]
    assert await _read(catalogue, entry.served_token) == data
    target = await catalogue.target(entry.id, None, "http://ignored:1")
    assert target.location == f"https://csms.example/firmware/files/{entry.served_token}"
    assert (target.signature, target.checksum) == (SIGNATURE, hashlib.md5(data).hexdigest())
    with pytest.raises(UploadRefused) as again:
        await catalogue.upload(entry.id, _pieces(b"x"))
    assert again.value.status == 409


async def test_too_large_or_empty_uploads_leave_nothing() -> None:
    store = MemoryFirmwareStore()
    catalogue = Catalogue(store, lambda: NOW, max_bytes=100)
    entry = await catalogue.add("2.0")

    with pytest.raises(UploadRefused) as large:
        await catalogue.upload(entry.id, _pieces(b"x" * 101, 10))
    with pytest.raises(UploadRefused) as empty:
        await catalogue.upload(entry.id, _pieces(b""))

    assert (large.value.status, empty.value.status) == (413, 400)
    assert store.chunks == {}
    assert await catalogue.served_file(entry.served_token or "") is None
    with pytest.raises(UploadRefused) as unknown:
        await catalogue.upload(entry.id + 1, _pieces(b"x"))
    assert unknown.value.status == 404


async def test_targets_come_from_the_catalogue_or_a_location() -> None:
    catalogue = Catalogue(MemoryFirmwareStore(), lambda: NOW)
    external = await catalogue.add("1.0", location="https://v.example/f", checksum="A" * 32)
    served = await catalogue.add("1.1")

    target = await catalogue.target(external.id, None, "http://node:8180")
    assert (target.location, target.checksum, target.firmware_id) == (
        "https://v.example/f",
        "a" * 32,
        external.id,
    )
    explicit = await catalogue.target(None, "ftp://h/f", "http://node:8180")
    assert (explicit.location, explicit.firmware_id) == ("ftp://h/f", None)
    for firmware_id, location in ((None, None), (external.id, "ftp://h/f"), (99, None)):
        with pytest.raises(InvalidCommand):
            await catalogue.target(firmware_id, location, "http://node")
    with pytest.raises(InvalidCommand, match="not uploaded"):
        await catalogue.target(served.id, None, "http://node")
    with pytest.raises(InvalidCommand) as computed:
        await catalogue.add("1.2", checksum="a" * 32)
    assert computed.value.field == "checksum"
    assert catalogue.base("http://node:8180/") == "http://node:8180"
