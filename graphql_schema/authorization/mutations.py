"""Id-token mutations (upsertIdToken, deleteIdToken, importIdTokens) and clearCache (C11).

A change of what a token's idTokenInfo says (or its deletion) is a change of every local list
holding it (or holding a member of its group): the block's registry tells the local-lists
block, whose lists move to a new version and whose stations are sent the difference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.types import Info

from graphql_schema.authorization.types import (
    ClearCacheResult,
    IdTokenInput,
    IdTokenType,
    ImportIdTokensResult,
)
from graphql_schema.common import commands
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.context import Context
from modules import authorization
from modules.authorization import MAX_IMPORT, IdTokenRegistry


def _registry(info: Info[Context, Any]) -> IdTokenRegistry:
    return info.context.services.block(IdTokenRegistry)


async def upsert_id_token(info: Info[Context, Any], input: IdTokenInput) -> IdTokenType:
    """Upsert one id token; every optional field left out is cleared."""
    with refusals_as_input_errors():
        record = await _registry(info).upsert(input.entry())
    return IdTokenType.of(record)


async def delete_id_token(
    info: Info[Context, Any], id_token: str, type: enums.IdTokenEnumType
) -> bool:
    """Delete one id token."""
    return await _registry(info).delete(id_token, type.value)


async def import_id_tokens(
    info: Info[Context, Any], items: list[IdTokenInput]
) -> ImportIdTokensResult:
    """Validate every item, then upsert them in batches of multi-row INSERTs."""
    with refusals_as_input_errors():
        result = await _registry(info).import_tokens(
            [item.entry() for item in items], datetime.now(UTC)
        )
    return ImportIdTokensResult(created=result.created, updated=result.updated)


async def clear_cache(
    info: Info[Context, Any], station_id: strawberry.ID, timeout_seconds: float | None = None
) -> ClearCacheResult:
    """C11: ask the station to clear its authorization cache."""
    request = authorization.clear_cache()
    result = await commands.send(info, station_id, request, call_result.ClearCache, timeout_seconds)
    answer = result.response
    return ClearCacheResult(
        **commands.call_fields(result), status=answer.status if answer else None
    )


@strawberry.type
class AuthorizationMutation:
    """Block C: id tokens and ClearCache."""

    upsert_id_token: IdTokenType = strawberry.mutation(
        resolver=upsert_id_token,
        description="Create or replace the id token (idToken, type); local lists holding "
        "it (or a member of its group) move to a new version when its idTokenInfo changes.",
    )
    delete_id_token: bool = strawberry.mutation(
        resolver=delete_id_token,
        description="Delete the id token (idToken, type); false when there was none. Local "
        "lists holding it record its removal.",
    )
    import_id_tokens: ImportIdTokensResult = strawberry.mutation(
        resolver=import_id_tokens,
        description=f"Create or replace up to {MAX_IMPORT} id tokens at once (multi-row "
        "upserts); nothing is stored when any item is invalid.",
    )
    clear_cache: ClearCacheResult = strawberry.mutation(
        resolver=clear_cache,
        description="C11: clear the station's authorization cache (Accepted or Rejected).",
    )
