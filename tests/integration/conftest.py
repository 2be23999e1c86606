"""Fixtures for integration tests: the database without a node, and a node on each database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from infra.db.config import close_database, open_database
from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode


@pytest.fixture
async def opened_database(database_url: str) -> AsyncIterator[str]:
    """The fresh database of each kind, opened for the ORM in this process; yields its URL."""
    await open_database(database_url)
    yield database_url
    await close_database()


@pytest.fixture
async def db_node(make_node: NodeFactory, database_url: str) -> RunningNode:
    """One node with all roles on a fresh database of each kind (SQLite and PostgreSQL)."""
    return await make_node(database_url)
