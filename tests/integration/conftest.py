"""Fixtures for integration tests that use the database without a node."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from infra.db.config import close_database, open_database


@pytest.fixture
async def opened_database(database_url: str) -> AsyncIterator[str]:
    """The fresh database of each kind, opened for the ORM in this process; yields its URL."""
    await open_database(database_url)
    yield database_url
    await close_database()
