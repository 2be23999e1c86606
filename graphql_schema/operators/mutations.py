"""The createApiToken and revokeApiToken mutations (admin only, `graphql_schema/roles.py`)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.fields import mutation
from graphql_schema.context import Context
from graphql_schema.operators.types import (
    ApiTokenType,
    CreateApiTokenInput,
    CreatedApiToken,
    token_of,
)
from modules.operators import ApiTokens


@strawberry.type
class OperatorsMutation:
    """API token administration."""

    @mutation(
        "Create an API token of a role; the answer carries its secret (`token`), shown only "
        "this once."
    )
    async def create_api_token(
        self, info: Info[Context, Any], input: CreateApiTokenInput
    ) -> CreatedApiToken:
        """A new token, created by the caller."""
        caller = info.context.caller
        assert caller is not None  # the guard refused anonymous callers
        tokens = info.context.services.tokens
        return CreatedApiToken.of(await tokens.create(input.name, input.role, caller))

    @mutation(
        "Revoke an API token: refused from then on, at once on this node and within "
        "CSMS_API_TOKEN_CACHE_SECONDS on others; its subscriptions are closed (4403). Null "
        "when there is no such token."
    )
    async def revoke_api_token(self, tokens: ApiTokens, id: strawberry.ID) -> ApiTokenType | None:
        """The revoked token, or None."""
        try:
            token_id = int(str(id))
        except ValueError:
            return None
        if not 0 < token_id < 2**63:
            return None
        token = await tokens.revoke(token_id)
        return None if token is None else token_of(token)
