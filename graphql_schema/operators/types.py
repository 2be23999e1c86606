"""GraphQL types of API access: tokens, a created token with its secret, audit entries."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import strawberry

from graphql_schema.common.records import FeedRow, from_record
from modules.operators import ApiToken, NewApiToken, Role

AUDIT_CURSOR = "auditLog"
TOKEN_CURSOR = "apiTokens"

ApiRole = strawberry.enum(
    Role,
    name="ApiRole",
    description="VIEWER: queries and subscriptions; OPERATOR: also commands to stations; "
    "ADMIN: also stations, id tokens, local lists, the firmware catalogue, API tokens and "
    "the audit log.",
)


@strawberry.input(description="A new API token: its name (1 to 100 characters) and role.")
class CreateApiTokenInput:
    """What a new token is called and may do."""

    name: str
    role: Role


@strawberry.type(name="ApiToken", description="An API token, without its secret.")
class ApiTokenType(FeedRow):
    """A stored token."""

    cursor_kind: ClassVar[str] = TOKEN_CURSOR
    cursor: str = strawberry.field(description="Pass as `after` to read older tokens.")
    id: strawberry.ID
    name: str
    role: Role
    created_at: datetime
    created_by: str = strawberry.field(description="The name of the token that created it.")
    revoked_at: datetime | None = strawberry.field(description="Null while it is valid.")


@strawberry.type(name="Me", description="The token a request carries.")
class MeType:
    """Whose token it is and what it may do."""

    name: str = strawberry.field(description="The token's name (`admin` for CSMS_ADMIN_TOKEN).")
    role: Role


@strawberry.type(
    name="CreatedApiToken",
    description="A token just created; `token` is its secret, shown only this once.",
)
class CreatedApiToken:
    """The new token and its secret."""

    id: strawberry.ID
    name: str
    role: Role
    created_at: datetime
    token: str = strawberry.field(
        description="Send as 'Authorization: Bearer <token>'; it is stored only as a hash "
        "and cannot be shown again."
    )

    @classmethod
    def of(cls, created: NewApiToken) -> CreatedApiToken:
        """Build from the block's new token."""
        return from_record(cls, created.token, token=created.secret)


def token_of(token: ApiToken) -> ApiTokenType:
    """The GraphQL type of a stored token."""
    return ApiTokenType.of(token)


@strawberry.type(name="AuditEntry", description="One command or change an API caller made.")
class AuditEntryType(FeedRow):
    """An audit entry: who, what, which station, how it went, when."""

    cursor_kind: ClassVar[str] = AUDIT_CURSOR
    cursor: str = strawberry.field(description="Pass as `after` to read older entries.")
    id: strawberry.ID
    token_id: strawberry.ID | None = strawberry.field(
        description="The caller's token (null: the bootstrap admin token, CSMS_ADMIN_TOKEN)."
    )
    actor: str = strawberry.field(description="The caller's token name.")
    action: str = strawberry.field(description="The mutation, e.g. `reset`.")
    station_id: strawberry.ID | None
    outcome: str = strawberry.field(
        description="The command's outcome (RESULT, CALL_ERROR, TIMEOUT, OFFLINE, ...), OK "
        "for a change, REFUSED for bad input, ERROR for a fault."
    )
    detail: str | None = strawberry.field(description="Why it was refused or failed.")
    at: datetime
