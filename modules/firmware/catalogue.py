"""The firmware catalogue: entries at external locations or served by the CSMS itself, the
upload of a served entry's file (streamed in chunks, size-limited, hashed), and reading it
back for a station's download.

A served entry's URL is `<base>/firmware/files/<token>`, the token 256 random bits, so a
station only finds a file whose URL it was sent. `<base>` is `CSMS_FIRMWARE_BASE_URL`, or
else the address the operator reached the api at.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import count

from modules.firmware import policy
from modules.firmware.records import FirmwareView, NewFirmware, ServedFile, UploadedFile
from modules.firmware.store import FirmwareStore
from modules.kernel.commands import InvalidCommand

CHUNK_BYTES = 1 << 20
"""How much of a file one stored chunk holds (the last one less)."""

TOKEN_BYTES = 32


class UploadRefused(Exception):
    """An upload the catalogue does not take; `status` is the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Target:
    """Where an UpdateFirmware or PublishFirmware sends a station, and what it carries."""

    location: str
    signature: str | None = None
    signing_certificate: str | None = None
    checksum: str | None = None
    firmware_id: int | None = None


class Catalogue:
    """Adds, removes and resolves catalogue entries; takes and serves their files."""

    def __init__(
        self,
        store: FirmwareStore,
        clock: Callable[[], datetime],
        base_url: str | None = None,
        max_bytes: int = 256 << 20,
    ) -> None:
        self._store = store
        self._clock = clock
        self.base_url = base_url.rstrip("/") if base_url else None
        self.max_bytes = max_bytes

    def base(self, origin: str) -> str:
        """The base URL of served files: the configured one, else `origin` (the api's)."""
        return self.base_url or origin.rstrip("/")

    async def add(
        self,
        version: str,
        location: str | None = None,
        checksum: str | None = None,
        signature: str | None = None,
        signing_certificate: str | None = None,
        description: str | None = None,
    ) -> FirmwareView:
        """Add an entry: at an external `location`, or (without one) a file the CSMS will
        serve once the operator uploaded it. InvalidCommand for an argument that does not fit."""
        served = location is None
        if served and checksum is not None:
            raise InvalidCommand("checksum", "is computed from the upload", policy.BAD_USER_INPUT)
        return await self._store.add_firmware(
            NewFirmware(
                version=policy.version(version),
                location=None if served else policy.location(location or ""),
                served_token=secrets.token_urlsafe(TOKEN_BYTES) if served else None,
                checksum=policy.checksum(checksum),
                signature=policy.signature(signature),
                signing_certificate=policy.signing_certificate(signing_certificate),
                description=policy.optional_text(
                    "description", description, policy.MAX_DESCRIPTION
                ),
                created_at=self._clock(),
            )
        )

    async def remove(self, firmware_id: int) -> bool:
        """Remove an entry and its file; False when there is none. Refused (InvalidCommand)
        while an active campaign rolls it out: its stations are still downloading it."""
        active = await self._store.campaigns(True, 1000, None)
        if any(campaign.firmware_id == firmware_id for campaign in active):
            raise InvalidCommand("id", "an active firmware campaign uses it", policy.BAD_USER_INPUT)
        return await self._store.remove_firmware(firmware_id)

    async def entry(self, firmware_id: int, field: str = "firmwareId") -> FirmwareView:
        """The entry a station can fetch now; InvalidCommand when unknown or not uploaded."""
        found = await self._store.firmware(firmware_id)
        if found is None:
            raise InvalidCommand(field, f"no firmware {firmware_id} in the catalogue")
        if not found.ready:
            raise InvalidCommand(field, f"firmware {firmware_id}: its file was not uploaded yet")
        return found

    async def target(self, firmware_id: int | None, location: str | None, origin: str) -> Target:
        """What a command sends: the catalogue entry `firmware_id`, or an explicit `location`
        (exactly one of them)."""
        if (firmware_id is None) == (location is None):
            raise InvalidCommand("firmwareId", "give either firmwareId or location")
        if location is not None:
            return Target(policy.location(location))
        assert firmware_id is not None
        found = await self.entry(firmware_id)
        return Target(
            found.location_under(self.base(origin)),
            found.signature,
            found.signing_certificate,
            found.checksum,
            found.id,
        )

    async def upload(self, firmware_id: int, data: AsyncIterable[bytes]) -> FirmwareView:
        """Store the file of served entry `firmware_id` from `data`; UploadRefused (404 for no
        such served entry, 409 when it has its file, 413 past the size limit, 400 empty)."""
        found = await self._store.firmware(firmware_id)
        if found is None or not found.served:
            raise UploadRefused(404, f"no served firmware {firmware_id} in the catalogue")
        if found.uploaded_at is not None:
            raise UploadRefused(409, f"firmware {firmware_id} already has its file")
        upload_id = secrets.token_hex(16)
        try:
            uploaded = await self._write(firmware_id, upload_id, data)
        except BaseException:
            await self._store.discard_upload(firmware_id, upload_id)
            raise
        if not await self._store.finish_upload(firmware_id, upload_id, uploaded, self._clock()):
            raise UploadRefused(409, f"firmware {firmware_id} already has its file")
        stored = await self._store.firmware(firmware_id)
        assert stored is not None
        return stored

    async def _write(
        self, firmware_id: int, upload_id: str, data: AsyncIterable[bytes]
    ) -> UploadedFile:
        sha256, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
        size, seq, pending = 0, 0, bytearray()
        async for piece in data:
            size += len(piece)
            if size > self.max_bytes:
                raise UploadRefused(413, f"the file is larger than {self.max_bytes} bytes")
            sha256.update(piece)
            md5.update(piece)
            pending += piece
            while len(pending) >= CHUNK_BYTES:
                await self._store.add_chunk(
                    firmware_id, upload_id, seq, bytes(pending[:CHUNK_BYTES])
                )
                del pending[:CHUNK_BYTES]
                seq += 1
        if size == 0:
            raise UploadRefused(400, "the file is empty")
        if pending:
            await self._store.add_chunk(firmware_id, upload_id, seq, bytes(pending))
        return UploadedFile(size_bytes=size, sha256=sha256.hexdigest(), checksum=md5.hexdigest())

    async def served_file(self, token: str) -> ServedFile | None:
        """The uploaded file served under `token`, or None (unknown, removed, not uploaded)."""
        return await self._store.served_file(token)

    async def read(self, served: ServedFile) -> AsyncIterator[bytes]:
        """The file's bytes, chunk by chunk."""
        for seq in count():
            data = await self._store.chunk(served.firmware_id, served.upload_id, seq)
            if data is None:
                return
            yield data
