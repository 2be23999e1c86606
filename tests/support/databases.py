"""Real databases for tests: a fresh SQLite file or a fresh PostgreSQL database, migrated."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from infra.db.config import apply_migrations

POSTGRES_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


@asynccontextmanager
async def sqlite_database(folder: Path) -> AsyncIterator[str]:
    """A migrated SQLite file database; yields its URL."""
    url = f"sqlite://{folder / f'csms-{uuid.uuid4().hex[:8]}.sqlite3'}"
    await apply_migrations(url)
    yield url


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A new, migrated PostgreSQL database, dropped afterwards; yields its URL.

    Fails (never skips) when the server on 127.0.0.1:5432 cannot be reached.
    """
    name = f"csms_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(POSTGRES_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    try:
        await apply_migrations(url)
        yield url
    finally:
        admin = await asyncpg.connect(POSTGRES_ADMIN_DSN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
