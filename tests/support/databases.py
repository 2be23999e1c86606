"""Real databases for tests: a fresh SQLite file or a fresh PostgreSQL database, migrated.

Migrations run once per test process, into a template (a SQLite file, a PostgreSQL template
database); every test then gets its own copy of the template, which is much faster than
migrating each time. The templates are removed when the process exits.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from infra.db.config import apply_migrations

POSTGRES_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"

_sqlite_template: Path | None = None
_postgres_template: str | None = None


async def _migrated_sqlite_template() -> Path:
    global _sqlite_template
    if _sqlite_template is None:
        folder = Path(tempfile.mkdtemp(prefix="csms-test-template-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.sqlite3"
        await apply_migrations(f"sqlite://{path}")
        with contextlib.closing(sqlite3.connect(path)) as db:  # fold the WAL into the file
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _sqlite_template = path
    return _sqlite_template


@asynccontextmanager
async def sqlite_database(folder: Path) -> AsyncIterator[str]:
    """A migrated SQLite file database (a copy of the template); yields its URL."""
    path = folder / f"csms-{uuid.uuid4().hex[:8]}.sqlite3"
    shutil.copyfile(await _migrated_sqlite_template(), path)
    yield f"sqlite://{path}"


def _drop_postgres_template(name: str) -> None:
    async def drop() -> None:
        admin = await asyncpg.connect(POSTGRES_ADMIN_DSN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

    asyncio.run(drop())


async def _migrated_postgres_template() -> str:
    global _postgres_template
    if _postgres_template is None:
        name = f"csms_template_{uuid.uuid4().hex[:12]}"
        admin = await asyncpg.connect(POSTGRES_ADMIN_DSN)
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        atexit.register(_drop_postgres_template, name)
        await apply_migrations(f"postgres://postgres@127.0.0.1:5432/{name}")
        _postgres_template = name
    return _postgres_template


@asynccontextmanager
async def _new_postgres_database(template: str | None) -> AsyncIterator[str]:
    name = f"csms_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template is not None else ""
    admin = await asyncpg.connect(POSTGRES_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"{copy}')
    finally:
        await admin.close()
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    try:
        yield url
    finally:
        admin = await asyncpg.connect(POSTGRES_ADMIN_DSN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A new, migrated PostgreSQL database (a copy of the template), dropped afterwards;
    yields its URL.

    Fails (never skips) when the server on 127.0.0.1:5432 cannot be reached.
    """
    async with _new_postgres_database(await _migrated_postgres_template()) as url:
        yield url


@asynccontextmanager
async def empty_database(kind: str, folder: Path) -> AsyncIterator[str]:
    """A new database with no tables ("sqlite" or "postgres", dropped afterwards), for
    tests that run the migrations themselves; yields its URL."""
    if kind == "sqlite":
        yield f"sqlite://{folder / f'csms-empty-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    async with _new_postgres_database(None) as url:
        yield url
