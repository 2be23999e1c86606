"""GraphQL enums, inputs and types of the id-token registry and ClearCache (block C)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from ocpp.v201 import enums

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from modules.authorization import GroupIdToken, IdTokenEntry, IdTokenRecord, PersonalMessage

CURSOR_KIND = "idTokens"

ocpp_enum(enums.IdTokenEnumType, "IdTokenKind", "IdTokenEnumType (OCPP 2.0.1 Part 2).")
ocpp_enum(enums.MessageFormatEnumType, "MessageFormat", "MessageFormatEnumType.")
ocpp_enum(
    enums.ClearCacheStatusEnumType,
    "ClearCacheStatus",
    "The station's answer to ClearCache: Accepted (the authorization cache was cleared) or "
    "Rejected.",
)
IdTokenKindEnum = enums.IdTokenEnumType
"""The GraphQL enum IdTokenKind (other blocks' inputs name id-token types with it)."""


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


@strawberry.input(description="A group id token: value and type.")
class GroupIdTokenInput:
    """The group the token belongs to."""

    id_token: str
    type: enums.IdTokenEnumType


@strawberry.input(description="A personal message shown to the driver (MessageContentType).")
class PersonalMessageInput:
    """Format, optional language, content (at most 512 characters)."""

    format: enums.MessageFormatEnumType
    content: str
    language: str | None = None


@strawberry.input(description="An id token as Authorize answers it.")
class IdTokenInput:
    """One id token; (idToken, type) identifies it."""

    id_token: str = strawberry.field(description="The value, matched case-sensitively.")
    type: enums.IdTokenEnumType
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

    def entry(self) -> IdTokenEntry:
        """The block's id-token entry (validated by the block)."""
        group = self.group_id_token
        message = self.personal_message
        return IdTokenEntry(
            value=self.id_token,
            type=self.type.value,
            status=self.status.value,
            group=GroupIdToken(group.id_token, group.type.value) if group else None,
            cache_expiry=self.cache_expiry_date_time,
            language1=self.language1,
            evse_ids=self.evse_ids,
            personal_message=(
                PersonalMessage(message.format.value, message.content, message.language)
                if message
                else None
            ),
            master_pass=self.master_pass,
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
    def of(cls, record: IdTokenRecord) -> IdTokenType:
        """Build from the block's record."""
        token = record.token
        group = token.group
        message = token.personal_message
        return cls(
            cursor=encode_id_cursor(CURSOR_KIND, record.id),
            id_token=record.value,
            type=record.type,
            status=token.status,
            group_id_token=GroupIdTokenType(id_token=group.id_token, type=group.type)
            if group
            else None,
            cache_expiry_date_time=token.cache_expiry,
            language1=token.language1,
            evse_ids=list(token.allowed_evse_ids) if token.allowed_evse_ids else None,
            personal_message=PersonalMessageType(
                format=message.format, content=message.content, language=message.language
            )
            if message
            else None,
            master_pass=token.master_pass,
            updated_at=record.updated_at,
        )


@strawberry.type(description="What importIdTokens did.")
class ImportIdTokensResult:
    """How many tokens were created and how many updated."""

    created: int
    updated: int


@strawberry.type(description="How a ClearCache call ended.")
class ClearCacheResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: enums.ClearCacheStatusEnumType | None
    error_code: str | None
    error_description: str | None
