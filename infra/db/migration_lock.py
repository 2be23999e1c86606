"""One migration at a time per database, however many nodes start together: a PostgreSQL
session-level advisory lock, or an exclusive file lock beside a SQLite database."""

from __future__ import annotations

import asyncio
import fcntl
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

LOCK_KEY = zlib.crc32(b"csms:migrations")
"""The advisory lock's key: the same number in every node of every version."""


@asynccontextmanager
async def _postgres_lock(database_url: str) -> AsyncIterator[None]:
    # the lock lives on a connection of its own, held for the whole migration, so the
    # migration's own connections (Tortoise's pool) never see it
    connection = await asyncpg.connect(database_url)
    try:
        await connection.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
        try:
            yield
        finally:
            await connection.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)
    finally:
        await connection.close()


@asynccontextmanager
async def _file_lock(path: Path) -> AsyncIterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        # flock blocks: wait for it in a thread so the loop stays free
        await asyncio.to_thread(fcntl.flock, handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _sqlite_path(database_url: str) -> Path | None:
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    return None if not path or path == ":memory:" else Path(path)


@asynccontextmanager
async def migration_lock(database_url: str) -> AsyncIterator[None]:
    """Hold the database's migration lock for the body of the `async with`."""
    if database_url.startswith(("postgres://", "postgresql://")):
        async with _postgres_lock(database_url):
            yield
        return
    path = _sqlite_path(database_url)
    if path is None:
        yield
        return
    async with _file_lock(path.with_name(path.name + ".migrate-lock")):
        yield
