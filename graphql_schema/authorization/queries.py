"""The idTokens query (block C)."""

from __future__ import annotations

import strawberry

from graphql_schema.authorization.types import CURSOR_KIND, IdTokenStatusEnum, IdTokenType
from graphql_schema.common.fields import feed
from graphql_schema.common.paging import IdPage
from modules.authorization import IdTokenQueries


@strawberry.type
class AuthorizationQuery:
    """Block C: id tokens."""

    @feed(
        CURSOR_KIND,
        "Id tokens in the order they were first stored; `search` matches part of "
        "the value (ignoring case).",
    )
    async def id_tokens(
        self,
        tokens: IdTokenQueries,
        page: IdPage,
        search: str | None = None,
        status: IdTokenStatusEnum | None = None,
    ) -> list[IdTokenType]:
        """A page of id tokens."""
        wanted = status.value if status is not None else None
        records = await tokens.id_tokens(search, wanted, page.after_id, page.limit)
        return [IdTokenType.of(record) for record in records]
