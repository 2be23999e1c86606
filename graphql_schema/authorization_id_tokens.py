"""Id tokens (block C): the `id_token` table that Authorize answers from.

`upsertIdToken`, `deleteIdToken`, `importIdTokens` (one multi-row upsert) and `idTokens`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

import strawberry
from tortoise.transactions import in_transaction

from graphql_schema.auth import IsAuthenticated
from graphql_schema.id_cursor import check_first, decode_id_cursor, encode_id_cursor
from infra.db.models import IdToken

CURSOR_KIND = "idTokens"
MAX_IMPORT = 10_000
IMPORT_BATCH = 500
MAX_ID_TOKEN_LENGTH = 36
MAX_LANGUAGE_LENGTH = 8
MAX_MESSAGE_LENGTH = 512


class AuthorizationInputError(ValueError):
    """An id-token argument that cannot be used; the message says what is wrong."""


@strawberry.enum(name="IdTokenKind", description="IdTokenEnumType (OCPP 2.0.1 Part 2).")
class IdTokenKindEnum(Enum):
    """How the id token was presented."""

    Central = "Central"
    eMAID = "eMAID"
    ISO14443 = "ISO14443"
    ISO15693 = "ISO15693"
    KeyCode = "KeyCode"
    Local = "Local"
    MacAddress = "MacAddress"
    NoAuthorization = "NoAuthorization"


@strawberry.enum(
    name="IdTokenStatus",
    description="AuthorizationStatusEnumType values an operator may store (ConcurrentTx "
    "depends on running transactions and is never stored).",
)
class IdTokenStatusEnum(Enum):
    """The stored status of an id token."""

    Accepted = "Accepted"
    Blocked = "Blocked"
    Expired = "Expired"
    Invalid = "Invalid"
    NoCredit = "NoCredit"
    NotAllowedTypeEVSE = "NotAllowedTypeEVSE"
    NotAtThisLocation = "NotAtThisLocation"
    NotAtThisTime = "NotAtThisTime"
    Unknown = "Unknown"


@strawberry.enum(name="MessageFormat", description="MessageFormatEnumType.")
class MessageFormatEnum(Enum):
    """The format of a personal message."""

    ASCII = "ASCII"
    HTML = "HTML"
    URI = "URI"
    UTF8 = "UTF8"


@strawberry.input(description="A group id token: value and type.")
class GroupIdTokenInput:
    """The group the token belongs to."""

    id_token: str
    type: IdTokenKindEnum


@strawberry.input(description="A personal message shown to the driver (MessageContentType).")
class PersonalMessageInput:
    """Format, optional language, content (at most 512 characters)."""

    format: MessageFormatEnum
    content: str
    language: str | None = None


@strawberry.input(description="An id token as Authorize answers it.")
class IdTokenInput:
    """One id token; (idToken, type) identifies it."""

    id_token: str = strawberry.field(description="The value, matched case-sensitively.")
    type: IdTokenKindEnum
    status: IdTokenStatusEnum = IdTokenStatusEnum.Accepted
    group_id_token: GroupIdTokenInput | None = None
    cache_expiry_date_time: datetime | None = strawberry.field(
        default=None,
        description="Until when a station may cache it; an Accepted token past it is "
        "answered Expired.",
    )
    language1: str | None = None
    evse_ids: list[int] | None = strawberry.field(
        default=None, description="The EVSEs it may be used at; null: all."
    )
    personal_message: PersonalMessageInput | None = None
    master_pass: bool = strawberry.field(
        default=False,
        description="A Master Pass (C16): it needs a groupIdToken (the MasterPassGroupId).",
    )


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


@strawberry.type(name="GroupIdToken", description="A group id token.")
class GroupIdTokenType:
    """Value and type."""

    id_token: str
    type: str


@strawberry.type(name="PersonalMessage", description="A personal message (MessageContentType).")
class PersonalMessageType:
    """Format, language, content."""

    format: str
    content: str
    language: str | None


@strawberry.type(name="IdToken", description="An id token the CSMS knows (block C).")
class IdTokenType:
    """One stored id token."""

    cursor: str = strawberry.field(description="Pass as `after` to read the next page.")
    id_token: str
    type: str
    status: str
    group_id_token: GroupIdTokenType | None
    cache_expiry_date_time: datetime | None
    language1: str | None
    evse_ids: list[int] | None
    personal_message: PersonalMessageType | None
    master_pass: bool
    updated_at: datetime

    @classmethod
    def from_model(cls, row: IdToken) -> IdTokenType:
        """Build from the ORM row."""
        group = None
        if row.group_id_token is not None and row.group_id_token_type is not None:
            group = GroupIdTokenType(id_token=row.group_id_token, type=row.group_id_token_type)
        message = None
        if row.personal_message:
            message = PersonalMessageType(
                format=row.personal_message["format"],
                content=row.personal_message["content"],
                language=row.personal_message.get("language"),
            )
        return cls(
            cursor=encode_id_cursor(CURSOR_KIND, row.id),
            id_token=row.value,
            type=row.type,
            status=row.status,
            group_id_token=group,
            cache_expiry_date_time=row.cache_expiry_date_time,
            language1=row.language1,
            evse_ids=list(row.allowed_evse_ids) if row.allowed_evse_ids else None,
            personal_message=message,
            master_pass=row.master_pass,
            updated_at=row.updated_at,
        )


@strawberry.type(description="What importIdTokens did.")
class ImportIdTokensResult:
    """How many tokens were created and how many updated."""

    created: int
    updated: int


@strawberry.type
class AuthorizationQuery:
    """Block C: id tokens."""

    @strawberry.field(
        permission_classes=[IsAuthenticated],
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
        permission_classes=[IsAuthenticated],
        description="Create or replace the id token (idToken, type).",
    )
    async def upsert_id_token(self, input: IdTokenInput) -> IdTokenType:
        """Upsert one id token; every optional field left out is cleared."""
        values = _row_values(input)
        row, _ = await IdToken.update_or_create(
            defaults=values, value=input.id_token, type=input.type.value
        )
        return IdTokenType.from_model(row)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Delete the id token (idToken, type); false when there was none.",
    )
    async def delete_id_token(self, id_token: str, type: IdTokenKindEnum) -> bool:
        """Delete one id token."""
        deleted = await IdToken.filter(value=id_token, type=type.value).delete()
        return deleted > 0

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description=f"Create or replace up to {MAX_IMPORT} id tokens at once (multi-row "
        "upserts); nothing is stored when any item is invalid.",
    )
    async def import_id_tokens(self, items: list[IdTokenInput]) -> ImportIdTokensResult:
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
            existing = await _count_existing(seen)
            await IdToken.bulk_create(
                rows,
                batch_size=IMPORT_BATCH,
                on_conflict=["value", "type"],
                update_fields=update_fields,
            )
        return ImportIdTokensResult(created=len(rows) - existing, updated=existing)


async def _count_existing(keys: set[tuple[str, str]]) -> int:
    """How many of (value, type) `keys` are stored already."""
    values = sorted({value for value, _ in keys})
    count = 0
    for start in range(0, len(values), IMPORT_BATCH):
        found = await IdToken.filter(value__in=values[start : start + IMPORT_BATCH]).values_list(
            "value", "type"
        )
        count += sum(1 for value, kind in found if (value, kind) in keys)
    return count
