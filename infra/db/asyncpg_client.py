"""The PostgreSQL engine of the ORM (Tortoise's `engine`): its asyncpg client with a deadline
on taking a pooled connection, not opened again once retired (`infra.db.retiring`).

asyncpg bounds each statement (`command_timeout`) and each new connection (`timeout`), but
waits for a free pooled connection without limit: with a database that stops answering, the
pool fills with connections stuck in their statements and every new request queued behind
them. Here waiting for a pooled connection gives up after `acquire_timeout` seconds with a
`TimeoutError`. (Releasing a connection is bounded by `command_timeout`: the cancellation of a
statement that timed out, and the rollback of an unfinished transaction.)

(Tortoise's migrations pick their schema editor by the client's module name: it holds
"asyncpg".)
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient

from infra.db.retiring import Retiring

_CREATE_POOL_DEFAULTS: dict[str, Any] = {
    "max_queries": 50000,
    "max_inactive_connection_lifetime": 300.0,
    "record_class": asyncpg.Record,
    "loop": None,
    "connection_class": asyncpg.Connection,
}
"""What `asyncpg.create_pool` passes to `Pool` when its caller does not."""


class DeadlinePool(asyncpg.Pool):  # type: ignore[misc]  # asyncpg is untyped
    """An asyncpg pool whose `acquire` has a default deadline."""

    def __init__(self, *args: Any, acquire_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._acquire_timeout = acquire_timeout

    async def _acquire(self, timeout: float | None) -> Any:
        """A pooled connection within `timeout` (the pool's deadline when None).

        With a connection free, taking it does not wait (and connecting anew is bounded by
        the connection's own `timeout`), so the deadline is only set when the pool is empty:
        a timer per statement cost a sixth more client time in a busy pool. asyncio's own
        `timeout` scope, not the driver's `wait_for`, which on Python 3.11 runs the acquire
        in a task of its own. (asyncpg 0.32's `Pool._acquire` and `_queue`, pinned.)
        """
        deadline = self._acquire_timeout if timeout is None else timeout
        if deadline is None or not self._queue.empty():
            return await super()._acquire(None)
        async with asyncio.timeout(deadline):
            return await super()._acquire(None)


class DeadlineAsyncpgClient(Retiring, AsyncpgDBClient):
    """Tortoise's asyncpg client on a `DeadlinePool` (credential `acquire_timeout`, seconds)."""

    def __init__(self, *args: Any, acquire_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acquire_timeout = acquire_timeout

    async def create_connection(self, with_db: bool) -> None:
        """Open the pool, unless the node closed this client for good."""
        self.refuse_if_retired()
        await super().create_connection(with_db)

    async def create_pool(self, **kwargs: Any) -> asyncpg.Pool:
        """The pool, as `asyncpg.create_pool` makes it, with the acquire deadline."""
        for name, default in _CREATE_POOL_DEFAULTS.items():
            kwargs.setdefault(name, default)
        pool = DeadlinePool(None, acquire_timeout=self.acquire_timeout, **kwargs)
        await pool
        return pool


client_class = DeadlineAsyncpgClient
"""What Tortoise looks up in an engine module."""
