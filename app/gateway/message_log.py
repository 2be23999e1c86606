"""The message log: every frame in and out, written in batches, pruned by retention."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import orjson
from tortoise import connections

from infra.db.models import OcppMessage
from infra.db.sql import row_placeholders

log = logging.getLogger(__name__)

BATCH = 2000
DEFAULT_MAX_BACKLOG = 200_000
DROP_WARNING_EVERY = 10_000
PRUNE_EVERY_SECONDS = 3600.0
# After each write the writer lets frames gather this long: fewer, larger commits (each one
# rewrites the table's and indexes' last pages). At a heartbeat flood's 10,000 frames/s this
# fills about one batch; 1 s measured no better, and the log would lag behind for longer.
GATHER_SECONDS = 0.2

IN = "IN"
OUT = "OUT"

_COLUMNS = (
    "station_id",
    "direction",
    "message_type",
    "message_id",
    "action",
    "frame",
    "created_at",
)


@functools.cache
def _insert_sql(dialect: str) -> str:
    """One row's INSERT in the dialect's placeholder style (rows go through executemany: the
    ORM's per-row objects cost more than the write itself at tens of thousands of frames/s)."""
    columns = ", ".join(f'"{column}"' for column in _COLUMNS)
    marks = row_placeholders(dialect, 1, len(_COLUMNS))
    return f'INSERT INTO "{OcppMessage._meta.db_table}" ({columns}) VALUES {marks}'


# PostgreSQL: the whole batch in one statement, a column array per parameter. executemany
# sends and runs one INSERT per frame, which cost the node more than the frames' own handling.
_POSTGRES_ARRAYS = ("varchar", "varchar", "smallint", "varchar", "varchar", "text", "timestamptz")


@functools.cache
def _insert_arrays_sql() -> str:
    """The batch's INSERT on PostgreSQL: `SELECT * FROM unnest($1::varchar[], ...)`."""
    columns = ", ".join(f'"{column}"' for column in _COLUMNS)
    arrays = ", ".join(f"${i}::{kind}[]" for i, kind in enumerate(_POSTGRES_ARRAYS, 1))
    return f'INSERT INTO "{OcppMessage._meta.db_table}" ({columns}) SELECT * FROM unnest({arrays})'


_SQLITE_NORMAL = 1


async def _fetch_one(sqlite: Any, sql: str) -> int:
    async with sqlite.execute(sql) as cursor:
        row = await cursor.fetchone()
    return int(row[0])


@functools.cache
def _insert_json_sql() -> str:
    """The batch's INSERT on SQLite: one JSON array of rows, unpacked by `json_each`."""
    columns = ", ".join(f'"{column}"' for column in _COLUMNS)
    values = ", ".join(
        # orjson writes times as 2026-12-03T06:01:39.492409+00:00; the ORM stores and
        # compares them with a space for the T, as the sqlite3 module's adapter writes them
        f"replace(value ->> {index}, 'T', ' ')" if column == "created_at" else f"value ->> {index}"
        for index, column in enumerate(_COLUMNS)
    )
    return (
        f'INSERT INTO "{OcppMessage._meta.db_table}" ({columns}) SELECT {values} FROM json_each(?1)'
    )


_Frame = tuple[str, str, int | None, str | None, str | None, str, datetime]


class MessageLog:
    """Queues frames and writes them with one INSERT per batch.

    The log is an audit trail, not the station's data: frames are queued, and the writer
    commits them within `GATHER_SECONDS` or so; `stop()` flushes what is left.
    """

    def __init__(
        self,
        retention_days: float,
        now: Callable[[], datetime],
        max_backlog: int = DEFAULT_MAX_BACKLOG,
    ) -> None:
        self._retention = timedelta(days=retention_days)
        self._now = now
        self._max_backlog = max_backlog
        self._pending: deque[_Frame] = deque()
        self._wakeup = asyncio.Event()
        self._writing = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []
        self.dropped = 0
        self.written = 0
        self.failed = 0

    @property
    def backlog(self) -> int:
        """Frames queued and not yet written."""
        return len(self._pending)

    def record(
        self,
        station_id: str,
        direction: str,
        frame: str,
        message_type: int | None = None,
        message_id: str | None = None,
        action: str | None = None,
    ) -> None:
        """Queue one frame for the log (a plain tuple; the writer turns batches into rows).

        Beyond `max_backlog` queued frames (the database cannot keep up) the frame is dropped
        and counted: the log is an audit trail, and memory must stay bounded under any load.
        """
        if len(self._pending) >= self._max_backlog:
            self.dropped += 1
            if self.dropped % DROP_WARNING_EVERY == 1:
                log.warning("message log backlog full: %d frames dropped so far", self.dropped)
            return
        self._pending.append(
            (
                station_id,
                direction,
                message_type,
                message_id[:64] if message_id else None,
                action[:40] if action else None,
                frame,
                self._now(),
            )
        )
        self._wakeup.set()

    async def start(self) -> None:
        """Start the writer and the pruner."""
        self._tasks = [asyncio.create_task(self._write()), asyncio.create_task(self._prune())]

    async def stop(self) -> None:
        """Stop background tasks and write everything still queued."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.flush()

    async def flush(self) -> None:
        """Write everything queued now (after a batch the writer has under way)."""
        async with self._writing:
            while self._pending:
                await self._write_batch(self._take_batch())

    def _take_batch(self) -> list[_Frame]:
        pending = self._pending
        return [pending.popleft() for _ in range(min(BATCH, len(pending)))]

    async def _write(self) -> None:
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            await self.flush()
            await asyncio.sleep(GATHER_SECONDS)

    async def _write_batch(self, rows: list[_Frame]) -> None:
        """Write one batch; frames are queued as the rows they become, so there is no copy."""
        if not rows:
            return
        try:
            connection = connections.get("default")
            dialect = connection.capabilities.dialect
            if dialect == "postgres":
                arrays = [list(column) for column in zip(*rows, strict=True)]
                await connection.execute_query(_insert_arrays_sql(), arrays)
            elif dialect == "sqlite":
                await self._write_sqlite(connection, rows)
            else:
                await connection.execute_many(_insert_sql(dialect), [list(row) for row in rows])
            self.written += len(rows)
        except Exception:
            self.failed += len(rows)
            log.exception("message log write failed; %d frames not logged", len(rows))

    @staticmethod
    async def _write_sqlite(connection: Any, rows: list[_Frame]) -> None:
        # One statement per batch. executemany binds each row while holding the GIL and lets
        # it go for each row's step: thousands of hand-overs per batch with the event loop's
        # thread, which then waited for the GIL. SQLite unpacks the array without it.
        # What orjson refuses (a lone surrogate) the sqlite3 module cannot bind either.
        text = orjson.dumps(rows).decode()
        # The batch commits without an fsync of its own (WAL, synchronous=NORMAL for this one
        # statement): the next commit at the connection's own level syncs the log with it,
        # and SQLite stays consistent either way. The log already holds frames in memory for
        # a moment before writing; the fsync per batch was most of the writer thread's work
        # in a heartbeat flood. The connection's lock keeps every other statement out.
        async with connection.acquire_connection() as sqlite:
            level = await _fetch_one(sqlite, "PRAGMA synchronous")
            await sqlite.execute(f"PRAGMA synchronous={min(level, _SQLITE_NORMAL)}")
            try:
                await sqlite.execute(_insert_json_sql(), [text])
            finally:
                await sqlite.execute(f"PRAGMA synchronous={level}")

    async def prune_once(self) -> int:
        """Delete frames older than the retention period; returns how many."""
        cutoff = self._now() - self._retention
        deleted: int = await OcppMessage.filter(created_at__lt=cutoff).delete()
        return deleted

    async def _prune(self) -> None:
        while True:
            try:
                await self.prune_once()
            except Exception:
                log.exception("message log pruning failed")
            await asyncio.sleep(PRUNE_EVERY_SECONDS)
