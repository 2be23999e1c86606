"""Log retention: a sweep on api nodes that closes requests older than
CSMS_LOG_RETENTION_DAYS, deleting their files' bytes and refusing any later upload."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from modules.logs.store import LogStore

log = logging.getLogger(__name__)

SWEEP_BATCH = 100
"""Requests closed per statement group."""

SWEEP_INTERVAL_SECONDS = 3600.0
"""How often a node sweeps."""


class LogRetention:
    """Sweeps old log requests and files, now and then every interval."""

    def __init__(
        self,
        store: LogStore,
        clock: Callable[[], datetime],
        retention_days: float,
        interval: float = SWEEP_INTERVAL_SECONDS,
    ) -> None:
        self._store = store
        self._clock = clock
        self._retention = timedelta(days=retention_days)
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    async def sweep(self) -> int:
        """Close every request uploaded (or, without a file, requested) before the retention
        period; returns how many."""
        closed = 0
        while True:
            now = self._clock()
            done = await self._store.purge(now - self._retention, now, SWEEP_BATCH)
            closed += done
            if done < SWEEP_BATCH:
                return closed

    def start(self) -> None:
        """Sweep now and every interval, in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._sweep_forever())

    async def stop(self) -> None:
        """Stop sweeping (a sweep under way is canceled; the next one finishes it)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _sweep_forever(self) -> None:
        while True:
            try:
                swept = await self.sweep()
                if swept:
                    log.info("log retention closed %d requests", swept)
            except Exception:  # a database failure: the next sweep tries again
                log.exception("log retention sweep failed")
            await asyncio.sleep(self._interval)
