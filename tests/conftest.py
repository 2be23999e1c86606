"""Shared fixtures: real databases, running nodes, clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from modules.data_transfer import VendorHandler
from tests.support.databases import postgres_database, sqlite_database
from tests.support.nodes import RunningNode, node_settings, start_node

pytest_plugins = ["tests.support.pubsub_emulator"]

NodeFactory = Callable[..., Awaitable[RunningNode]]


@pytest.fixture
async def http_session() -> AsyncIterator[aiohttp.ClientSession]:
    """A client session closed after the test."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def started_nodes() -> AsyncIterator[list[RunningNode]]:
    """The nodes a test started. Each database fixture stops them before it drops its
    database: a node still writing (a station's disconnect, say) must not find it gone."""
    nodes: list[RunningNode] = []
    yield nodes
    await _stop_all(nodes)


async def _stop_all(nodes: list[RunningNode]) -> None:
    while nodes:
        await nodes.pop().server.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, started_nodes: list[RunningNode]
) -> AsyncIterator[str]:
    """A fresh migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        async with sqlite_database(tmp_path) as url:
            yield url
            await _stop_all(started_nodes)
    else:
        async with postgres_database() as url:
            yield url
            await _stop_all(started_nodes)


@pytest.fixture
async def sqlite_url(tmp_path: Path, started_nodes: list[RunningNode]) -> AsyncIterator[str]:
    """A fresh migrated SQLite database (for tests that are about something else)."""
    async with sqlite_database(tmp_path) as url:
        yield url
        await _stop_all(started_nodes)


@pytest.fixture
async def make_node(
    http_session: aiohttp.ClientSession, started_nodes: list[RunningNode]
) -> AsyncIterator[NodeFactory]:
    """Start nodes on demand; all are stopped after the test."""

    async def factory(
        database_url: str, vendors: Sequence[VendorHandler] = (), **overrides: Any
    ) -> RunningNode:
        settings = node_settings(database_url, **overrides)
        node = await start_node(settings, http_session, vendors=vendors)
        started_nodes.append(node)
        return node

    yield factory
    await _stop_all(started_nodes)


@pytest.fixture
async def node(make_node: NodeFactory, sqlite_url: str) -> RunningNode:
    """One node with all roles on embedded defaults (SQLite, in-process bus, memory cache)."""
    return await make_node(sqlite_url)
