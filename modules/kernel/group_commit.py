"""Group commit: units of work arriving within a few milliseconds share one transaction.

Each unit runs in its own savepoint inside the shared transaction, so one that fails rolls back
alone and gets its own error; the others are committed together. Every caller is resumed only
after the shared COMMIT returned, so a reply built from a unit's result never announces
something that is not yet durable. If the COMMIT itself fails, every unit of the batch gets
that error: none of them was stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, suppress
from typing import Any, TypeVar

from tortoise.transactions import in_transaction

log = logging.getLogger(__name__)

T = TypeVar("T")
Work = Callable[[], Awaitable[Any]]
TransactionFactory = Callable[[], AbstractAsyncContextManager[Any]]


class GroupCommit:
    """Batches work into shared transactions: a batch opens with its first unit and closes
    after `window` seconds or at `max_batch` units, whichever comes first."""

    def __init__(
        self,
        window: float,
        max_batch: int,
        transaction: TransactionFactory = in_transaction,
    ) -> None:
        if window <= 0 or max_batch < 1:
            raise ValueError("group commit needs window > 0 and max_batch >= 1")
        self._window = window
        self._max_batch = max_batch
        self._transaction = transaction
        self._pending: list[tuple[Work, asyncio.Future[Any]]] = []
        self._full = asyncio.Event()
        self._flushers: set[asyncio.Task[None]] = set()
        self.batches = 0
        self.units = 0

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run `work` in the next shared transaction; return its result once committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((work, future))
        if len(self._pending) == 1:
            self._open_batch()
        if len(self._pending) >= self._max_batch:
            self._full.set()
        return await future

    def _open_batch(self) -> None:
        self._full = asyncio.Event()
        task = asyncio.create_task(self._flush_after_window(self._full))
        self._flushers.add(task)
        task.add_done_callback(self._flushers.discard)

    async def close(self) -> None:
        """Wait for the batches already collected to finish."""
        self._full.set()
        if self._flushers:
            await asyncio.gather(*self._flushers, return_exceptions=True)

    async def _flush_after_window(self, full: asyncio.Event) -> None:
        with suppress(TimeoutError):
            await asyncio.wait_for(full.wait(), self._window)
        batch = self._pending[: self._max_batch]
        self._pending = self._pending[self._max_batch :]
        if self._pending:
            self._open_batch()
            if len(self._pending) >= self._max_batch:
                self._full.set()
        await self._commit(batch)

    async def _commit(self, batch: list[tuple[Work, asyncio.Future[Any]]]) -> None:
        outcomes: list[tuple[asyncio.Future[Any], Any, BaseException | None]] = []
        try:
            async with self._transaction():
                for work, future in batch:
                    try:
                        async with self._transaction():
                            value = await work()
                    except Exception as error:
                        outcomes.append((future, None, error))
                    else:
                        outcomes.append((future, value, None))
        except Exception as error:
            log.exception("group commit of %d units failed", len(batch))
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        self.batches += 1
        self.units += len(batch)
        for future, value, unit_error in outcomes:
            if future.done():
                continue
            if unit_error is not None:
                future.set_exception(unit_error)
            else:
                future.set_result(value)
