"""Hand-written INSERT and UPDATE statements for hot paths, in either dialect.

Plain `INSERT ... VALUES (...), (...)` and `UPDATE ... SET ... WHERE`, which SQLite and
PostgreSQL both run; only the placeholders differ. A `Parameters` numbers the values of one
statement as it is built, so several parts (the CTEs of one PostgreSQL statement, say) can be
put together without renumbering. An INSERT into a table with a natural key may skip the rows
already there (`ON CONFLICT DO NOTHING`, which both dialects run): a resent message's rows are
then stored once, without an error that would roll back the rest of its transaction (or of
the group commit it shares).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from infra.db.sql import current_client, parameter

# PostgreSQL and SQLite both allow 32,766 parameters per statement; stay well under it.
MAX_PARAMETERS = 16000


class Parameters:
    """The values of one statement, each given its placeholder in the order added."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.values: list[Any] = []

    def add(self, value: Any) -> str:
        """Append `value`; its placeholder."""
        self.values.append(value)
        return parameter(self.dialect, len(self.values))

    def row(self, values: Sequence[Any]) -> str:
        """`(…)`: a placeholder for each of `values`, appended in order."""
        return "(" + ", ".join(self.add(value) for value in values) + ")"


def _quoted(columns: Sequence[str]) -> str:
    # quoted: `transaction`, `type`, `value` and `timestamp` are keywords in one dialect or other
    return ", ".join(f'"{column}"' for column in columns)


def insert_sql(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    params: Parameters,
    skip_duplicates: bool = False,
) -> str:
    """`INSERT INTO table (columns) VALUES (…), (…)`, the rows' values added to `params`;
    `skip_duplicates`: rows whose unique key is already stored are left out."""
    marks = ", ".join(params.row(row) for row in rows)
    skip = " ON CONFLICT DO NOTHING" if skip_duplicates else ""
    return f'INSERT INTO "{table}" ({_quoted(columns)}) VALUES {marks}{skip}'


def update_sql(
    table: str, values: Mapping[str, Any], where: Mapping[str, Any], params: Parameters
) -> str:
    """`UPDATE table SET column = … WHERE column = … AND …`, the values added to `params`."""
    sets = ", ".join(f'"{column}" = {params.add(value)}' for column, value in values.items())
    keys = " AND ".join(f'"{column}" = {params.add(value)}' for column, value in where.items())
    return f'UPDATE "{table}" SET {sets} WHERE {keys}'


async def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    skip_duplicates: bool = False,
) -> int:
    """Insert `rows` (values in `columns` order) into `table`, a chunk per statement
    (`skip_duplicates` as insert_sql); how many were stored."""
    if not rows:
        return 0
    client = current_client()
    chunk = max(1, MAX_PARAMETERS // len(columns))
    stored = 0
    for start in range(0, len(rows), chunk):
        params = Parameters(client.capabilities.dialect)
        sql = insert_sql(table, columns, rows[start : start + chunk], params, skip_duplicates)
        if skip_duplicates:  # RETURNING: the only row count both drivers give for an INSERT
            stored += len(await client.execute_query_dict(f"{sql} RETURNING 1", params.values))
        else:
            await client.execute_query(sql, params.values)
            stored += len(rows[start : start + chunk])
    return stored
