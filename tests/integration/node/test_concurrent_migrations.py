"""Nodes that start together on an empty database each run `csms migrate` at once: every one
succeeds and the schema is applied once (the migration lock, `infra/db/migration_lock.py`)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from tortoise import connections

from bench.node import node_env
from infra.db.config import close_database, open_database
from tests.support.databases import empty_database

NODES = 3
DEADLINE_SECONDS = 120
"""Without the lock the racing migrations can wait on each other's table locks for ever."""
MIGRATIONS = sorted(
    path.stem for path in (Path(__file__).parents[3] / "infra/db/migrations").glob("0*.py")
)


async def _migrate(url: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        "migrate",
        env=node_env(url, 0),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await process.communicate()
    except asyncio.CancelledError:
        process.kill()
        await process.wait()
        raise
    return process.returncode or 0, output.decode(errors="replace")


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_three_nodes_migrate_an_empty_database_at_once(kind: str, tmp_path: Path) -> None:
    """Three `csms migrate` processes started together all exit 0, and every migration is
    recorded exactly once."""
    async with empty_database(kind, tmp_path) as url:
        results = await asyncio.wait_for(
            asyncio.gather(*(_migrate(url) for _ in range(NODES))), DEADLINE_SECONDS
        )
        for code, output in results:
            assert code == 0, output
        await open_database(url)
        try:
            rows = await connections.get("default").execute_query_dict(
                'SELECT "name", COUNT(*) AS "times" FROM "tortoise_migrations" GROUP BY "name"'
            )
        finally:
            await close_database()
        assert sorted(row["name"] for row in rows) == MIGRATIONS
        assert {row["times"] for row in rows} == {1}
