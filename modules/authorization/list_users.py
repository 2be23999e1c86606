"""Which of many returning stations use a local list, asked in batches.

Every CONNECTED and Accepted BOOT may leave a station behind its list, but in most fleets few
stations use one. Asking per event cost one query per station on every reconnect (two per
station in a reconnect storm). Here one query asks about every station id collected while
the previous query was under way, and only the stations that use a list go on to a delivery;
a lone event is asked about at once, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from infra.db.models import StationLocalList

log = logging.getLogger(__name__)


class ListUserBatches:
    """Collects station ids and calls `on_user` for each of them that is assigned a list."""

    def __init__(self, on_user: Callable[[str], None], max_batch: int = 500) -> None:
        self._on_user = on_user
        self._max_batch = max_batch
        self._pending: set[str] = set()
        self._task: asyncio.Task[None] | None = None

    def add(self, station_id: str) -> None:
        """Ask about `station_id` with the next batch."""
        self._pending.add(station_id)
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        try:
            await self.flush()
        finally:
            self._task = None

    async def flush(self) -> None:
        """Ask about every collected station now."""
        while self._pending:
            batch = [self._pending.pop() for _ in range(min(self._max_batch, len(self._pending)))]
            try:
                users = await StationLocalList.filter(station_id__in=batch).values_list(
                    "station_id", flat=True
                )
            except Exception:  # a database failure: the station's next boot asks again
                log.exception("could not look up local list users for %d stations", len(batch))
                continue
            for station_id in users:
                self._on_user(str(station_id))

    async def stop(self) -> None:
        """Stop collecting; what is pending is dropped (asked again at the next boot)."""
        task, self._task = self._task, None
        self._pending.clear()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
