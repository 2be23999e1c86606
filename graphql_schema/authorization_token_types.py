"""GraphQL enums, inputs and types of the id-token registry (block C)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from graphql_schema.common.paging import encode_id_cursor
from infra.db.models import IdToken

CURSOR_KIND = "idTokens"


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
