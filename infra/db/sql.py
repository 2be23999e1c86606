"""The connection and the placeholders for the hand-written statements of hot paths
(SQLite `?`, PostgreSQL `$n`), so each of them does not spell the two dialects out again."""

from __future__ import annotations

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient


def current_client() -> BaseDBAsyncClient:
    """The connection to run a hand-written statement on: the surrounding transaction's inside
    in_transaction (or a group-commit batch), the pool otherwise."""
    client: BaseDBAsyncClient = connections.get("default")
    return client


def parameter(dialect: str, position: int) -> str:
    """The placeholder of the `position`-th parameter (1-based); SQLite's `?N` may repeat."""
    return f"?{position}" if dialect == "sqlite" else f"${position}"


def row_placeholders(dialect: str, rows: int, columns: int) -> str:
    """`(…), (…)` for a multi-row VALUES list of `rows` rows of `columns` values each."""
    if dialect == "sqlite":
        group = "(" + ", ".join("?" for _ in range(columns)) + ")"
        return ", ".join(group for _ in range(rows))
    return ", ".join(
        "(" + ", ".join(f"${row * columns + column + 1}" for column in range(columns)) + ")"
        for row in range(rows)
    )
