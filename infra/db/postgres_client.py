"""The PostgreSQL engine of the ORM (Tortoise's `engine`): its asyncpg client, with a deadline
on taking a connection from the pool as well as on each statement.

asyncpg bounds each statement (`command_timeout`) and each new connection (`timeout`), but
waits for a free pooled connection without limit: with a database that stops answering, the
pool fills with connections stuck in their statements and every new request queued behind
them. Here `Pool.acquire` (and so `release`, which asyncpg bounds by the acquire's deadline)
gives up after `acquire_timeout` seconds with a `TimeoutError`.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient

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

    def acquire(self, *, timeout: float | None = None) -> Any:
        """A pooled connection within `timeout` (the pool's deadline when None)."""
        return super().acquire(timeout=self._acquire_timeout if timeout is None else timeout)


class DeadlineAsyncpgClient(AsyncpgDBClient):
    """Tortoise's asyncpg client on a `DeadlinePool` (credential `acquire_timeout`, seconds)."""

    def __init__(self, *args: Any, acquire_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acquire_timeout = acquire_timeout

    async def create_pool(self, **kwargs: Any) -> asyncpg.Pool:
        """The pool, as `asyncpg.create_pool` makes it, with the acquire deadline."""
        for name, default in _CREATE_POOL_DEFAULTS.items():
            kwargs.setdefault(name, default)
        pool = DeadlinePool(None, acquire_timeout=self.acquire_timeout, **kwargs)
        await pool
        return pool


client_class = DeadlineAsyncpgClient
"""What Tortoise looks up in an engine module."""
