"""The filters and id-cursor pages of the in-memory store twins, as their SQL stores read
them (`infra.db.pages`): equal-when-given filters, newest first below a cursor."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

R = TypeVar("R")


def matches(row: object, **wanted: object) -> bool:
    """Whether each attribute of `row` named in `wanted` equals it (a None wanted: any)."""
    return all(value is None or getattr(row, name) == value for name, value in wanted.items())


def newest_first(
    rows: Iterable[R], id_of: Callable[[R], int], limit: int, before_id: int | None = None
) -> list[R]:
    """At most `limit` of `rows` with an id below `before_id` (when given), highest id first."""
    kept = [row for row in rows if before_id is None or id_of(row) < before_id]
    kept.sort(key=id_of, reverse=True)
    return kept[:limit]
