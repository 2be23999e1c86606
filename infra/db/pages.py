"""The filters and id-cursor pages the stores' list reads share (ORM query sets)."""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)


def where_given(query: QuerySet[M], **wanted: Any) -> QuerySet[M]:
    """`query` filtered on each of `wanted` that is not None, one filter each, in order."""
    for lookup, value in wanted.items():
        if value is not None:
            query = query.filter(**{lookup: value})
    return query


def newest_first(query: QuerySet[M], limit: int, before_id: int | None) -> QuerySet[M]:
    """At most `limit` rows of `query` with an id below `before_id` (when given), highest id
    first."""
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    return query.order_by("-id").limit(limit)


def oldest_first(
    query: QuerySet[M], after_id: int | str | None, limit: int | None = None
) -> QuerySet[M]:
    """The rows of `query` with an id above `after_id` (when given), lowest id first, at most
    `limit` (when given)."""
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    query = query.order_by("id")
    return query if limit is None else query.limit(limit)
