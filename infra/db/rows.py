"""Model rows read with hand-written SELECTs on hot paths.

The ORM's query building (filters resolved into expressions, SQL rendered anew for every call)
cost more Python time per TransactionEvent than the database took to answer. These reads write
the statement directly and build the model objects the way the ORM itself does, so callers get
the same objects (saveable, with the same field conversions on SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from tortoise.models import Model

from infra.db.sql import current_client, parameter

M = TypeVar("M", bound=Model)


async def select_where(
    model: type[M],
    equal: dict[str, Any],
    one_of: tuple[str, Sequence[Any]] | None = None,
    *,
    limit: int | None = None,
    for_update: bool = False,
) -> list[M]:
    """Rows of `model` whose columns equal `equal` (and, with `one_of`, whose column is one
    of the values), optionally at most `limit`, locked FOR UPDATE on PostgreSQL."""
    client = current_client()
    dialect = client.capabilities.dialect
    values: list[Any] = list(equal.values())
    clauses = [f'"{column}" = {parameter(dialect, i + 1)}' for i, column in enumerate(equal)]
    if one_of is not None:
        column, choices = one_of
        marks = ", ".join(parameter(dialect, len(values) + i + 1) for i in range(len(choices)))
        clauses.append(f'"{column}" IN ({marks})')
        values.extend(choices)
    sql = f'SELECT * FROM "{model._meta.db_table}" WHERE {" AND ".join(clauses)}'
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if for_update and dialect == "postgres":
        sql += " FOR UPDATE"
    rows = await client.execute_query_dict(sql, values)
    return [model._init_from_db(**row) for row in rows]


async def select_one(
    model: type[M], equal: dict[str, Any], *, for_update: bool = False
) -> M | None:
    """The first row of `model` whose columns equal `equal`, or None."""
    rows = await select_where(model, equal, limit=1, for_update=for_update)
    return rows[0] if rows else None
