"""Id-token mutations (upsertIdToken, deleteIdToken, importIdTokens) and clearCache (C11).

A change of what a token's idTokenInfo says (or its deletion) is a change of every local list
holding it (or holding a member of its group): the block's registry tells the local-lists
block, whose lists move to a new version and whose stations are sent the difference.
"""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.authorization.types import (
    ClearCacheResult,
    IdTokenInput,
    IdTokenType,
    ImportIdTokensResult,
)
from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.fields import mutation
from modules import authorization
from modules.authorization import MAX_IMPORT, IdTokenRegistry


@strawberry.type
class AuthorizationMutation:
    """Block C: id tokens and ClearCache."""

    @mutation(
        "Create or replace the id token (idToken, type); local lists holding "
        "it (or a member of its group) move to a new version when its idTokenInfo changes."
    )
    async def upsert_id_token(self, registry: IdTokenRegistry, input: IdTokenInput) -> IdTokenType:
        """Upsert one id token; every optional field left out is cleared."""
        return IdTokenType.of(await registry.upsert(input.entry()))

    @mutation(
        "Delete the id token (idToken, type); false when there was none. Local "
        "lists holding it record its removal."
    )
    async def delete_id_token(
        self, registry: IdTokenRegistry, id_token: str, type: enums.IdTokenEnumType
    ) -> bool:
        """Delete one id token."""
        return await registry.delete(id_token, type.value)

    @mutation(
        f"Create or replace up to {MAX_IMPORT} id tokens at once (multi-row "
        "upserts); nothing is stored when any item is invalid."
    )
    async def import_id_tokens(
        self, registry: IdTokenRegistry, items: list[IdTokenInput]
    ) -> ImportIdTokensResult:
        """Validate every item, then upsert them in batches of multi-row INSERTs."""
        entries = [item.entry() for item in items]
        result = await registry.import_tokens(entries, datetime.now(UTC))
        return ImportIdTokensResult(created=result.created, updated=result.updated)

    @mutation("C11: clear the station's authorization cache (Accepted or Rejected).")
    async def clear_cache(self, call: StationCall) -> ClearCacheResult:
        """C11: ask the station to clear its authorization cache."""
        result = await call.send(authorization.clear_cache(), call_result.ClearCache)
        status = result.response.status if result.response else None
        return ClearCacheResult(**commands.call_fields(result), status=status)
