"""One store per kind for contract tests: the memory twin, or the SQL store on a fresh database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from infra.db.config import close_database, open_database
from infra.db.models import Station
from tests.support.databases import postgres_database, sqlite_database

T = TypeVar("T")

STORE_KINDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
"""The kinds a contract runs on; PostgreSQL only where its server is there."""


@asynccontextmanager
async def opened_database(
    kind: str, folder: Path, stations: Iterable[str] = ()
) -> AsyncIterator[str]:
    """A fresh migrated database ("sqlite" or "postgres") opened for the ORM, with `stations`
    registered; closed afterwards. Yields its URL."""
    database = sqlite_database(folder) if kind == "sqlite" else postgres_database()
    async with database as url:
        await open_database(url)
        try:
            for station_id in stations:
                await Station.create(id=station_id)
            yield url
        finally:
            await close_database()


def store_fixture(
    memory: Callable[[], T], sql: Callable[[], T], stations: Iterable[str] = ()
) -> Any:
    """A fixture giving `memory()`, then `sql()` on SQLite and on PostgreSQL (with `stations`
    registered in the database): name it by the module attribute it is assigned to."""
    registered = tuple(stations)

    @pytest.fixture(params=STORE_KINDS)
    async def fixture(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[T]:
        if request.param == "memory":
            yield memory()
            return
        async with opened_database(request.param, tmp_path, registered):
            yield sql()

    return fixture
