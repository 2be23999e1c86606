"""Set-based inserts: one multi-row INSERT per message (per chunk of rows for a very large
one). Plain `INSERT ... VALUES (...), (...)`, which SQLite and PostgreSQL both run; only the
placeholders differ."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from infra.db.sql import current_client, row_placeholders

# PostgreSQL and SQLite both allow 32,766 parameters per statement; stay well under it.
MAX_PARAMETERS = 16000


def _placeholders(client: BaseDBAsyncClient, rows: int, columns: int) -> str:
    return row_placeholders(client.capabilities.dialect, rows, columns)


async def insert_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` (values in `columns` order) into `table`."""
    if not rows:
        return
    client = current_client()
    # quoted: `transaction`, `type`, `value` and `timestamp` are keywords in one dialect or other
    quoted = ", ".join(f'"{column}"' for column in columns)
    chunk = max(1, MAX_PARAMETERS // len(columns))
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        values = [value for row in part for value in row]
        sql = (
            f'INSERT INTO "{table}" ({quoted}) VALUES '
            f"{_placeholders(client, len(part), len(columns))}"
        )
        await client.execute_query(sql, values)
