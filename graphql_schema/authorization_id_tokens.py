"""Id tokens (block C): the `id_token` table that Authorize answers from.

`upsertIdToken`, `deleteIdToken`, `importIdTokens` (one multi-row upsert) and `idTokens`.
A change of what a token's idTokenInfo says (or its deletion) is a change of every local list
holding it (or holding a member of its group): the lists move to a new version and their
stations are sent the difference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from strawberry.types import Info
from tortoise.transactions import in_transaction

from graphql_schema.authorization_services import announce_lists, info_fields
from graphql_schema.authorization_token_types import (
    CURSOR_KIND,
    GroupIdTokenInput,
    GroupIdTokenType,
    IdTokenInput,
    IdTokenKindEnum,
    IdTokenStatusEnum,
    IdTokenType,
    ImportIdTokensResult,
    MessageFormatEnum,
    PersonalMessageInput,
    PersonalMessageType,
)
from graphql_schema.common.paging import check_first, decode_id_cursor
from graphql_schema.context import Context
from infra.db.models import IdToken
from modules.authorization import local_lists

MAX_IMPORT = 10_000
IMPORT_BATCH = 500
MAX_ID_TOKEN_LENGTH = 36
MAX_LANGUAGE_LENGTH = 8
MAX_MESSAGE_LENGTH = 512


__all__ = [
    "AuthorizationMutation",
    "AuthorizationQuery",
    "GroupIdTokenInput",
    "GroupIdTokenType",
    "IdTokenInput",
    "IdTokenKindEnum",
    "IdTokenStatusEnum",
    "IdTokenType",
    "MessageFormatEnum",
    "PersonalMessageInput",
    "PersonalMessageType",
]


class AuthorizationInputError(ValueError):
    """An id-token argument that cannot be used; the message says what is wrong."""


def _check_value(name: str, value: str) -> None:
    if len(value) > MAX_ID_TOKEN_LENGTH:
        raise AuthorizationInputError(f"{name}: at most {MAX_ID_TOKEN_LENGTH} characters")


def _check_language(name: str, value: str | None) -> None:
    if value is not None and not 0 < len(value) <= MAX_LANGUAGE_LENGTH:
        raise AuthorizationInputError(f"{name}: 1 to {MAX_LANGUAGE_LENGTH} characters")


def _row_values(item: IdTokenInput, where: str = "") -> dict[str, Any]:
    """The row's column values, or AuthorizationInputError naming the bad field."""
    _check_value(f"{where}idToken", item.id_token)
    group = item.group_id_token
    if group is not None:
        _check_value(f"{where}groupIdToken.idToken", group.id_token)
    if item.master_pass and group is None:
        raise AuthorizationInputError(
            f"{where}groupIdToken: a Master Pass needs its group (the MasterPassGroupId)"
        )
    _check_language(f"{where}language1", item.language1)
    evse_ids = item.evse_ids
    if evse_ids is not None:
        if not evse_ids or any(evse_id <= 0 for evse_id in evse_ids):
            raise AuthorizationInputError(
                f"{where}evseIds: give EVSE ids > 0, or null for every EVSE"
            )
        evse_ids = sorted(set(evse_ids))
    message = item.personal_message
    stored_message = None
    if message is not None:
        if not message.content or len(message.content) > MAX_MESSAGE_LENGTH:
            raise AuthorizationInputError(
                f"{where}personalMessage.content: 1 to {MAX_MESSAGE_LENGTH} characters"
            )
        _check_language(f"{where}personalMessage.language", message.language)
        stored_message = {"format": message.format.value, "content": message.content}
        if message.language is not None:
            stored_message["language"] = message.language
    expiry = item.cache_expiry_date_time
    if expiry is not None and expiry.tzinfo is None:
        expiry = expiry.replace(tzinfo=UTC)
    return {
        "status": item.status.value,
        "group_id_token": group.id_token if group else None,
        "group_id_token_type": group.type.value if group else None,
        "cache_expiry_date_time": expiry,
        "language1": item.language1,
        "allowed_evse_ids": evse_ids,
        "personal_message": stored_message,
        "master_pass": item.master_pass,
    }


@strawberry.type
class AuthorizationQuery:
    """Block C: id tokens."""

    @strawberry.field(
        description="Id tokens in the order they were first stored; `search` matches part of "
        "the value (ignoring case).",
    )
    async def id_tokens(
        self,
        search: str | None = None,
        status: IdTokenStatusEnum | None = None,
        first: int = 100,
        after: str | None = None,
    ) -> list[IdTokenType]:
        """A page of id tokens."""
        try:
            limit = check_first(first)
            start = decode_id_cursor(CURSOR_KIND, after) if after is not None else None
        except ValueError as error:
            raise AuthorizationInputError(str(error)) from None
        query = IdToken.all()
        if search:
            query = query.filter(value__icontains=search)
        if status is not None:
            query = query.filter(status=status.value)
        if start is not None:
            query = query.filter(id__gt=start)
        rows = await query.order_by("id").limit(limit)
        return [IdTokenType.from_model(row) for row in rows]


@strawberry.type
class AuthorizationMutation:
    """Block C: id tokens."""

    @strawberry.mutation(
        description="Create or replace the id token (idToken, type); local lists holding "
        "it (or a member of its group) move to a new version when its idTokenInfo changes.",
    )
    async def upsert_id_token(self, info: Info[Context, Any], input: IdTokenInput) -> IdTokenType:
        """Upsert one id token; every optional field left out is cleared."""
        values = _row_values(input)
        async with in_transaction():
            old = await IdToken.get_or_none(value=input.id_token, type=input.type.value)
            row, _ = await IdToken.update_or_create(
                defaults=values, value=input.id_token, type=input.type.value
            )
            changed: set[int] = set()
            if old is None or info_fields(old) != info_fields(row):
                changed = await local_lists.tokens_changed([row])
        await announce_lists(info, changed, "TokenChanged")
        return IdTokenType.from_model(row)

    @strawberry.mutation(
        description="Delete the id token (idToken, type); false when there was none. Local "
        "lists holding it record its removal.",
    )
    async def delete_id_token(
        self, info: Info[Context, Any], id_token: str, type: IdTokenKindEnum
    ) -> bool:
        """Delete one id token."""
        async with in_transaction():
            rows = await IdToken.filter(value=id_token, type=type.value)
            changed = await local_lists.tokens_deleted(rows)
            deleted = await IdToken.filter(id__in=[row.id for row in rows]).delete()
        await announce_lists(info, changed, "TokenChanged")
        return deleted > 0

    @strawberry.mutation(
        description=f"Create or replace up to {MAX_IMPORT} id tokens at once (multi-row "
        "upserts); nothing is stored when any item is invalid.",
    )
    async def import_id_tokens(
        self, info: Info[Context, Any], items: list[IdTokenInput]
    ) -> ImportIdTokensResult:
        """Validate every item, then upsert them in batches of multi-row INSERTs."""
        if len(items) > MAX_IMPORT:
            raise AuthorizationInputError(f"items: at most {MAX_IMPORT} per import")
        rows: list[IdToken] = []
        seen: set[tuple[str, str]] = set()
        for index, item in enumerate(items):
            key = (item.id_token, item.type.value)
            if key in seen:
                raise AuthorizationInputError(
                    f"items[{index}]: ({item.id_token}, {item.type.value}) appears twice"
                )
            seen.add(key)
            values = _row_values(item, f"items[{index}].")
            rows.append(IdToken(value=item.id_token, type=item.type.value, **values))
        if not rows:
            return ImportIdTokensResult(created=0, updated=0)
        update_fields = [*_row_values(items[0]).keys(), "updated_at"]
        now = datetime.now(UTC)
        for row in rows:
            row.updated_at = now
        async with in_transaction():
            before = await _stored(seen)
            await IdToken.bulk_create(
                rows,
                batch_size=IMPORT_BATCH,
                on_conflict=["value", "type"],
                update_fields=update_fields,
            )
            after = await _stored(seen)
            touched = [
                row
                for key, row in after.items()
                if key not in before or info_fields(before[key]) != info_fields(row)
            ]
            changed = await local_lists.tokens_changed(touched)
        await announce_lists(info, changed, "TokenChanged")
        return ImportIdTokensResult(created=len(rows) - len(before), updated=len(before))


async def _stored(keys: set[tuple[str, str]]) -> dict[tuple[str, str], IdToken]:
    """The stored rows among (value, type) `keys`."""
    values = sorted({value for value, _ in keys})
    found: dict[tuple[str, str], IdToken] = {}
    for start in range(0, len(values), IMPORT_BATCH):
        for row in await IdToken.filter(value__in=values[start : start + IMPORT_BATCH]):
            if (row.value, row.type) in keys:
                found[(row.value, row.type)] = row
    return found
