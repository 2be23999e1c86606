"""Stations that come back (a connection, an Accepted boot) and why: which of them use a
local list is asked in batches, so a reconnecting fleet without lists costs a few queries, not
one each."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from enum import IntEnum

from modules.local_auth_lists.store import LocalListStore

log = logging.getLogger(__name__)


class Trigger(IntEnum):
    """Why a station's delivery runs; a queued round keeps the strongest reason."""

    CHANGE = 0
    """A list change or a station's answer: deliver from the stored version."""
    CONNECTED = 1
    """The station came back: ask its version before anything but a Full update."""
    BOOTED = 2
    """The station booted (Accepted): ask its version first; it may have lost its list."""


class ListUserBatches:
    """Which of many returning stations use a local list, asked in batches.

    Every CONNECTED and Accepted BOOT may leave a station behind its list, but in most fleets
    few stations use one. One query asks about every station id collected while the previous
    query was under way, and only the stations that use a list go on to a delivery; a lone
    event is asked about at once.
    """

    def __init__(
        self,
        store: LocalListStore,
        on_user: Callable[[str, Trigger], None],
        max_batch: int = 500,
    ) -> None:
        self._store = store
        self._on_user = on_user
        self._max_batch = max_batch
        self._pending: dict[str, Trigger] = {}
        self._task: asyncio.Task[None] | None = None

    def add(self, station_id: str, trigger: Trigger) -> None:
        """Ask about `station_id` with the next batch."""
        self._pending[station_id] = max(trigger, self._pending.get(station_id, trigger))
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
            batch = dict(
                self._pending.popitem() for _ in range(min(self._max_batch, len(self._pending)))
            )
            try:
                users = await self._store.list_users(list(batch))
            except Exception:  # a database failure: the station's next boot asks again
                log.exception("could not look up local list users for %d stations", len(batch))
                continue
            for station_id in users:
                self._on_user(station_id, batch[station_id])

    async def stop(self) -> None:
        """Stop collecting; what is pending is dropped (asked again at the next boot)."""
        task, self._task = self._task, None
        self._pending.clear()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
