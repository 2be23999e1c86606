"""The log files stations upload to the CSMS itself (N01.FR.14/18/19) and operators download.

A GetLog the CSMS sends names `<base>/logs/upload/<token>`, the token 256 random bits drawn
for that request alone, of which the CSMS keeps only the SHA-256: a station can upload only
to a URL it was sent, and only once (the first complete upload is the file; the token is
spent). The body is streamed in chunks, hashed, and refused past the size limit before
anything is kept. `<base>` is `CSMS_FIRMWARE_BASE_URL`, or else the address the operator
reached the api at. Files live in the database, so every node takes and serves every file.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Callable
from datetime import datetime
from itertools import count

from modules.kernel import topics
from modules.kernel.ports import Bus
from modules.logs import policy
from modules.logs.events import LogUploaded
from modules.logs.records import LogFile, UploadedLog, UploadSlot
from modules.logs.store import LogStore

log = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20
"""How much of a file one stored chunk holds (the last one less)."""


class UploadRefused(Exception):
    """An upload the CSMS does not take; `status` is the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class LogUploads:
    """Takes a station's upload for its request's token; reads stored files back."""

    def __init__(
        self,
        store: LogStore,
        clock: Callable[[], datetime],
        base_url: str | None = None,
        max_bytes: int = 64 << 20,
        bus: Bus | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self.base_url = base_url.rstrip("/") if base_url else None
        self.max_bytes = max_bytes
        self._bus = bus

    def base(self, origin: str) -> str:
        """The base URL of upload locations: the configured one, else `origin` (the api's)."""
        return self.base_url or origin.rstrip("/")

    async def slot(self, token: str) -> UploadSlot:
        """The request `token` uploads for; UploadRefused 404 for a token no request has,
        410 once retention closed it, 409 once its file was uploaded (the token is spent)."""
        found = await self._store.upload_slot(policy.token_digest(token))
        if found is None:
            raise UploadRefused(404, "no log upload under this URL")
        if found.closed:
            raise UploadRefused(410, "this log upload URL has expired")
        if found.uploaded:
            raise UploadRefused(409, "this log upload URL was used already")
        return found

    async def upload(
        self, token: str, data: AsyncIterable[bytes], name: str | None = None
    ) -> LogFile:
        """Store the file of the request `token` belongs to from `data`, named `name` (the
        upload's filename; else the one the station's answer gave; else one made up);
        UploadRefused (see `slot`; 413 past the size limit, 400 empty). Publishes
        LOG_UPLOADED."""
        found = await self.slot(token)
        upload_id = secrets.token_hex(16)
        try:
            uploaded = await self._write(found, upload_id, data, name)
        except BaseException:
            await self._store.discard_upload(found.id, upload_id)
            raise
        if not await self._store.finish_upload(found.id, upload_id, uploaded, self._clock()):
            raise UploadRefused(409, "this log upload URL was used already")
        stored = await self._store.log_file(found.id)
        assert stored is not None
        await self._announce(stored)
        return stored

    async def _write(
        self, found: UploadSlot, upload_id: str, data: AsyncIterable[bytes], name: str | None
    ) -> UploadedLog:
        sha256 = hashlib.sha256()
        size, seq, pending = 0, 0, bytearray()
        async for piece in data:
            size += len(piece)
            if size > self.max_bytes:
                raise UploadRefused(413, f"the file is larger than {self.max_bytes} bytes")
            sha256.update(piece)
            pending += piece
            while len(pending) >= CHUNK_BYTES:
                await self._store.add_chunk(found.id, upload_id, seq, bytes(pending[:CHUNK_BYTES]))
                del pending[:CHUNK_BYTES]
                seq += 1
        if size == 0:
            raise UploadRefused(400, "the file is empty")
        if pending:
            await self._store.add_chunk(found.id, upload_id, seq, bytes(pending))
        fallback = f"{found.station_id}-log-{found.request_id}.log"
        return UploadedLog(
            name=policy.file_name(name or found.filename, fallback),
            size_bytes=size,
            sha256=sha256.hexdigest(),
        )

    async def _announce(self, stored: LogFile) -> None:
        if self._bus is None:
            return
        event = LogUploaded(
            station_id=stored.station_id,
            occurred_at=stored.uploaded_at,
            request_id=stored.request_id,
            file_id=stored.id,
            name=stored.name,
            size_bytes=stored.size_bytes,
            sha256=stored.sha256,
        )
        try:
            await self._bus.publish(topics.EVENTS, event.to_bytes(), ordering_key=stored.station_id)
        except Exception:  # the file is stored; the station's upload succeeded all the same
            log.exception("LOG_UPLOADED not published", extra={"station_id": stored.station_id})

    async def file(self, file_id: int) -> LogFile | None:
        """The stored file `file_id`, or None (unknown, not uploaded, deleted by retention)."""
        return await self._store.log_file(file_id)

    async def read(self, stored: LogFile) -> AsyncIterator[bytes]:
        """The file's bytes, chunk by chunk."""
        for seq in count():
            data = await self._store.chunk(stored.id, stored.upload_id, seq)
            if data is None:
                return
            yield data
