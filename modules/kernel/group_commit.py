"""Group commit: units of work arriving within a few milliseconds share one transaction.

A batch first runs all its units one after the other in the shared transaction, with nothing
between them: a savepoint per unit cost two more statements each, as many as the unit's own
work for a connect or a status. Only if a unit fails (or the COMMIT does) is that attempt
rolled back whole and the batch run again with each unit in its own savepoint, so the failing
one rolls back alone and gets its own error while the others are committed together. A unit
may thus run twice; its work must only write to the database and return (or rebuild any other
result on each run). Every caller is resumed only after the shared COMMIT returned, so a reply
built from a unit's result never announces something that is not yet durable. If the COMMIT
of the isolated run fails too, every unit of the batch gets that error: none was stored. When
the shared attempt failed because the database is unavailable, the batch is not run again:
every unit gets that error at once, instead of after a second wait for the same outage.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, suppress
from typing import Any, TypeVar

from modules.kernel.outages import Classifier, named_dependency

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
        transaction: TransactionFactory,
        unavailable: Classifier = named_dependency,
    ) -> None:
        if window <= 0 or max_batch < 1:
            raise ValueError("group commit needs window > 0 and max_batch >= 1")
        self._window = window
        self._max_batch = max_batch
        self._transaction = transaction
        self._unavailable = unavailable
        self._pending: list[tuple[Work, asyncio.Future[Any]]] = []
        self._full = asyncio.Event()
        self._flushers: set[asyncio.Task[None]] = set()
        self.batches = 0
        self.units = 0
        self.retried_batches = 0

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
        """Wait until every batch collected so far, and any opened meanwhile, has finished (the
        database closes next: a batch still starting then would hold its connection)."""
        while self._flushers:
            self._full.set()
            await asyncio.gather(*list(self._flushers), return_exceptions=True)

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
        try:
            values = await self._run_together(batch)
        except Exception as error:
            if self._unavailable(error) is not None:
                self._fail(batch, error)
                return
            await self._commit_isolated(batch)
            return
        self._settle(
            [(future, value, None) for (_, future), value in zip(batch, values, strict=True)]
        )

    async def _run_together(self, batch: list[tuple[Work, asyncio.Future[Any]]]) -> list[Any]:
        """Every unit in the shared transaction, without savepoints; raises on any failure."""
        values: list[Any] = []
        async with self._transaction():
            for work, _ in batch:
                values.append(await work())
        return values

    async def _commit_isolated(self, batch: list[tuple[Work, asyncio.Future[Any]]]) -> None:
        """The batch again, each unit in its own savepoint."""
        self.retried_batches += 1
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
            log.warning("group commit of %d units failed: %r", len(batch), error)
            self._fail(batch, error)
            return
        self._settle(outcomes)

    @staticmethod
    def _fail(batch: list[tuple[Work, asyncio.Future[Any]]], error: BaseException) -> None:
        """Every unit of the batch gets `error` (its caller reports it): none was stored."""
        for _, future in batch:
            if not future.done():
                future.set_exception(error)

    def _settle(
        self, outcomes: list[tuple[asyncio.Future[Any], Any, BaseException | None]]
    ) -> None:
        self.batches += 1
        self.units += len(outcomes)
        for future, value, unit_error in outcomes:
            if future.done():
                continue
            if unit_error is not None:
                future.set_exception(unit_error)
            else:
                future.set_result(value)
