"""Tortoise configuration from a database URL, and the migration runner."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api import migrate

from infra.db.migration_lock import migration_lock
from infra.db.retiring import Retiring

APP_LABEL = "csms"


DEFAULT_POOL_SIZE = 20
"""PostgreSQL connections per node (the driver's own default, 5, left requests queueing for a
connection under a reconnect storm while the server had capacity to spare)."""
DEFAULT_TIMEOUT = 5.0
"""Seconds a PostgreSQL statement, a new connection or a wait for a pooled one may take."""
ENGINES = {
    "tortoise.backends.sqlite": "infra.db.sqlite_client",
    "tortoise.backends.asyncpg": "infra.db.asyncpg_client",
}
"""Tortoise's engine -> ours (deadlines, no reopening once closed)."""


def with_pool_size(database_url: str, pool_size: int) -> str:
    """`database_url` with the PostgreSQL pool's `maxsize`, unless the URL sets one itself."""
    if not database_url.startswith("postgres") or "maxsize=" in database_url:
        return database_url
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}maxsize={pool_size}"


async def keep_session(connection: Any) -> None:
    """What a pooled PostgreSQL connection gets on release, beyond the driver's own rollback of
    an unfinished transaction: nothing. The driver's default reset (unlock advisory locks,
    CLOSE ALL, UNLISTEN, RESET ALL) is one more round trip per query outside a transaction,
    a tenth of a node's time in a reconnect storm, for session state the CSMS never sets."""


def connection_config(
    database_url: str, pool_size: int = DEFAULT_POOL_SIZE, timeout: float | None = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """Tortoise's connection entry, on our clients (`ENGINES`): for SQLite the URL's
    expansion (a local file, whose calls do not wait on a network), for PostgreSQL with the
    pool's size, the release hook and the deadlines (`timeout` seconds for each statement,
    each new connection and each wait for a pooled one; None: the driver's own, as migrations
    use)."""
    if database_url.startswith("postgresql://"):
        database_url = "postgres://" + database_url.removeprefix("postgresql://")
    database_url = with_pool_size(database_url, pool_size)
    expanded: dict[str, Any] = expand_db_url(database_url)
    expanded["engine"] = ENGINES.get(expanded["engine"], expanded["engine"])
    if not database_url.startswith("postgres"):
        return expanded
    credentials = expanded["credentials"]
    credentials["reset"] = keep_session
    if timeout is not None:
        credentials.setdefault("command_timeout", timeout)
        credentials.setdefault("timeout", timeout)
        credentials.setdefault("acquire_timeout", timeout)
    return expanded


def tortoise_config(
    database_url: str, pool_size: int = DEFAULT_POOL_SIZE, timeout: float | None = DEFAULT_TIMEOUT
) -> dict[str, Any]:
    """The Tortoise config dict for `database_url` (sqlite://path or postgres://...)."""
    return {
        "connections": {"default": connection_config(database_url, pool_size, timeout)},
        "apps": {
            APP_LABEL: {
                "models": ["infra.db.models"],
                "default_connection": "default",
                "migrations": "infra.db.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _ensure_sqlite_folder(database_url: str) -> None:
    if database_url.startswith("sqlite://"):
        path = database_url.removeprefix("sqlite://")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


async def apply_migrations(database_url: str) -> None:
    """Bring the database schema up to the latest checked-in migration; nodes that start
    together take turns (`migration_lock`), and each later one finds nothing left to apply."""
    _ensure_sqlite_folder(database_url)
    async with migration_lock(database_url):
        # no statement deadline: a migration may rewrite a large table
        await migrate(config=tortoise_config(database_url, timeout=None))
        await close_database()


# Tortoise keeps connections in a ContextVar: a close from another task context (a test
# fixture's teardown, say) would not see them and leave SQLite worker threads running, which
# keeps the process from exiting. The connection opened here is also closed explicitly.
_opened: list[BaseDBAsyncClient] = []


async def open_database(
    database_url: str, pool_size: int = DEFAULT_POOL_SIZE, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Connect the ORM (migrations must already be applied)."""
    _ensure_sqlite_folder(database_url)
    await Tortoise.init(config=tortoise_config(database_url, pool_size, timeout))
    _opened.append(Tortoise.get_connection("default"))


async def close_database() -> None:
    """Close every ORM connection, for good: a late query then fails instead of opening the
    database again (a new SQLite connection's thread would keep the process from exiting)."""
    await Tortoise.close_connections()
    while _opened:
        client = _opened.pop()
        await client.close()
        if isinstance(client, Retiring):
            client.retire()
    # Tortoise caches prepared INSERT/DELETE statements per (connection name, table), not per
    # dialect: a later init on another backend (SQLite, then PostgreSQL, in one process)
    # would reuse `?` placeholders. Forget them with the connections.
    EXECUTOR_CACHE.clear()


# The `tortoise` CLI (makemigrations) reads this.
TORTOISE_ORM = tortoise_config(os.environ.get("CSMS_DATABASE_URL", "sqlite://data/csms.sqlite3"))
