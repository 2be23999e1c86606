"""Shared fixtures: real databases, running nodes, clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.support.databases import postgres_database, sqlite_database
from tests.support.nodes import RunningNode, node_settings, start_node

pytest_plugins = ["tests.support.pubsub_emulator"]

NodeFactory = Callable[..., Awaitable[RunningNode]]


@pytest.fixture
async def http_session() -> AsyncIterator[aiohttp.ClientSession]:
    """A client session closed after the test."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        async with sqlite_database(tmp_path) as url:
            yield url
    else:
        async with postgres_database() as url:
            yield url


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> AsyncIterator[str]:
    """A fresh migrated SQLite database (for tests that are about something else)."""
    async with sqlite_database(tmp_path) as url:
        yield url


@pytest.fixture
async def make_node(http_session: aiohttp.ClientSession) -> AsyncIterator[NodeFactory]:
    """Start nodes on demand; all are stopped after the test."""
    started: list[RunningNode] = []

    async def factory(database_url: str, **overrides: Any) -> RunningNode:
        node = await start_node(node_settings(database_url, **overrides), http_session)
        started.append(node)
        return node

    yield factory
    for node in reversed(started):
        await node.server.close()


@pytest.fixture
async def node(make_node: NodeFactory, sqlite_url: str) -> RunningNode:
    """One node with all roles on embedded defaults (SQLite, in-process bus, memory cache)."""
    return await make_node(sqlite_url)
