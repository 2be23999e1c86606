"""Once the node closed the database, a late query is refused instead of opening it again
(issue 24 item 15): a new SQLite connection would start a thread that keeps the process from
exiting (`threading._shutdown` waits for it until SIGKILL), a new PostgreSQL pool would leak."""

from __future__ import annotations

import threading

import pytest
from tortoise import Tortoise

from infra.db.config import close_database, open_database
from modules.kernel.outages import DependencyUnavailable


def blocking_threads() -> set[threading.Thread]:
    """Threads the interpreter waits for at exit."""
    return {t for t in threading.enumerate() if t.is_alive() and not t.daemon}


async def test_a_query_after_the_database_closed_is_refused(database_url: str) -> None:
    await open_database(database_url)
    client = Tortoise.get_connection("default")
    assert (await client.execute_query("SELECT 1"))[0] == 1
    await close_database()
    before = blocking_threads()

    with pytest.raises(DependencyUnavailable):
        await client.execute_query("SELECT 1")

    assert blocking_threads() <= before
