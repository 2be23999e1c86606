"""The idTokens query (block C)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.authorization.types import CURSOR_KIND, IdTokenStatusEnum, IdTokenType
from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
from modules.authorization import IdTokenQueries


async def id_tokens(
    info: Info[Context, Any],
    search: str | None = None,
    status: IdTokenStatusEnum | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[IdTokenType]:
    """A page of id tokens."""
    limit, start = id_page(CURSOR_KIND, first, after)
    records = await info.context.services.block(IdTokenQueries).id_tokens(
        search, status.value if status is not None else None, start, limit
    )
    return [IdTokenType.of(record) for record in records]


@strawberry.type
class AuthorizationQuery:
    """Block C: id tokens."""

    id_tokens: list[IdTokenType] = strawberry.field(
        resolver=id_tokens,
        description="Id tokens in the order they were first stored; `search` matches part of "
        "the value (ignoring case).",
    )
