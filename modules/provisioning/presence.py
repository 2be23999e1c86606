"""Last-seen times from Heartbeats, written in batches instead of one transaction each.

A Heartbeat carries nothing to store but "still alive". Committing `last_seen_at` for every
one made the database the ceiling of a node (one COMMIT and fsync per Heartbeat), so the
handler only notes the time here and `flush` writes the newest time of every station noted
since the previous flush, in one statement (the store's `write_last_seen`). A time never
moves backwards: a flush that arrives after a newer write (a boot, a disconnect) leaves the
newer value in place.
`lastSeenAt` may therefore lag a Heartbeat by up to the flush interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

from modules.provisioning.store import ProvisioningStore

log = logging.getLogger(__name__)


class LastSeenBuffer:
    """Newest Heartbeat time per station, flushed to `station.last_seen_at` in batches."""

    def __init__(self, store: ProvisioningStore, interval: float = 1.0) -> None:
        self._store = store
        self._interval = interval
        self._seen: dict[str, datetime] = {}
        self._task: asyncio.Task[None] | None = None

    def note(self, station_id: str, at: datetime) -> None:
        """Remember that `station_id` was seen at `at` (kept if newer than what is noted)."""
        known = self._seen.get(station_id)
        if known is None or at > known:
            self._seen[station_id] = at

    @property
    def pending(self) -> int:
        """How many stations wait for the next flush."""
        return len(self._seen)

    async def flush(self) -> int:
        """Write every noted time; returns how many stations were written."""
        if not self._seen:
            return 0
        batch, self._seen = self._seen, {}
        try:
            await self._store.write_last_seen(batch)
        except Exception:
            log.exception("last-seen flush of %d stations failed; retried next time", len(batch))
            for station_id, at in batch.items():
                self.note(station_id, at)
            return 0
        return len(batch)

    def start(self) -> None:
        """Flush every interval until `stop`."""
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop the periodic flush and write what is left."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            await self.flush()
