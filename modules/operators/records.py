"""The operators block's records: API tokens, who is calling, and audit entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What an API token may do: `viewer` reads and subscribes, `operator` also sends
    commands to stations, `admin` also changes stations, id tokens, local lists, the firmware
    catalogue and API tokens, and reads the audit log."""

    VIEWER = "viewer"
    OPERATOR = "operator"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class ApiToken:
    """An API token as stored: never its secret, only what it is called and may do."""

    id: int
    name: str
    role: Role
    created_at: datetime
    created_by: str
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewApiToken:
    """A token just created: the stored token and its secret, shown this once."""

    token: ApiToken
    secret: str


@dataclass(frozen=True, slots=True)
class Caller:
    """Who sends a GraphQL request: a token's id (None for the bootstrap admin token), name
    and role."""

    token_id: int | None
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing an API caller did: who, what, to which station, how it went, when."""

    token_id: int | None
    actor: str
    action: str
    station_id: str | None
    outcome: str
    detail: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class AuditView:
    """An audit entry as stored, with its id."""

    id: int
    token_id: int | None
    actor: str
    action: str
    station_id: str | None
    outcome: str
    detail: str | None
    at: datetime
