"""GraphQL types of local authorization lists (block D)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from graphql_schema.authorization_id_tokens import IdTokenKindEnum
from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.paging import encode_id_cursor
from infra.db.models import LocalAuthList, LocalAuthListEntry, StationLocalList

LISTS_CURSOR = "localAuthLists"
ENTRIES_CURSOR = "localAuthListEntries"
STATIONS_CURSOR = "stationLocalLists"


@strawberry.input(description="An id token of the registry, by value and type.")
class IdTokenRefInput:
    """Identifies one registry id token."""

    id_token: str
    type: IdTokenKindEnum


@strawberry.enum(name="LocalListUpdateType", description="UpdateEnumType of SendLocalList.")
class UpdateTypeEnum(Enum):
    """Full: replace the station's list; Differential: apply the changes since the version
    the station acknowledged."""

    Full = "Full"
    Differential = "Differential"


@strawberry.type(name="LocalAuthListEntry", description="An id token on a local list.")
class LocalAuthListEntryType:
    """The token and the list version at which it was last added or changed."""

    cursor: str
    id_token: str
    type: str
    status: str = strawberry.field(description="The token's status in the registry.")
    changed_version: int

    @classmethod
    def from_model(cls, row: LocalAuthListEntry) -> LocalAuthListEntryType:
        """Build from the ORM row (its id token prefetched)."""
        return cls(
            cursor=encode_id_cursor(ENTRIES_CURSOR, row.id),
            id_token=row.id_token.value,
            type=row.id_token.type,
            status=row.id_token.status,
            changed_version=row.changed_version,
        )


@strawberry.type(
    name="StationLocalList", description="Which list a station uses, and what it holds."
)
class StationLocalListType:
    """The station's assignment, the version it acknowledged and its last answer."""

    cursor: str
    station_id: str
    list_name: str
    list_version: int
    acknowledged_version: int | None = strawberry.field(
        description="What the station confirmed (SendLocalList Accepted or "
        "GetLocalListVersion); null: not known."
    )
    up_to_date: bool
    last_status: str | None = strawberry.field(
        description="The station's last SendLocalList status (Accepted, Failed, "
        "VersionMismatch) or TooManyEntries when the list exceeds its capacity."
    )
    last_attempt_at: datetime | None

    @classmethod
    def from_model(cls, row: StationLocalList) -> StationLocalListType:
        """Build from the ORM row (its list prefetched)."""
        auth_list: LocalAuthList = row.auth_list
        return cls(
            cursor=encode_id_cursor(STATIONS_CURSOR, row.id),
            station_id=row.station_id,  # type: ignore[attr-defined]
            list_name=auth_list.name,
            list_version=auth_list.version,
            acknowledged_version=row.acknowledged_version,
            up_to_date=row.acknowledged_version == auth_list.version,
            last_status=row.last_status,
            last_attempt_at=row.last_attempt_at,
        )


@strawberry.type(name="LocalAuthList", description="A versioned local authorization list.")
class LocalAuthListType:
    """Name, current version, how many tokens and stations."""

    cursor: str
    name: str
    version: int
    entry_count: int
    station_count: int
    updated_at: datetime


async def list_type(row: LocalAuthList) -> LocalAuthListType:
    """The GraphQL view of a list (two COUNT queries)."""
    return LocalAuthListType(
        cursor=encode_id_cursor(LISTS_CURSOR, row.id),
        name=row.name,
        version=row.version,
        entry_count=await LocalAuthListEntry.filter(auth_list_id=row.id).count(),
        station_count=await StationLocalList.filter(auth_list_id=row.id).count(),
        updated_at=row.updated_at,
    )


@strawberry.type(description="How a SendLocalList delivery ended.")
class SendLocalListResult:
    """Outcome of the last message sent; with RESULT the station's status. A list larger
    than one message (ItemsPerMessage) goes as several: `messages` says how many were sent."""

    outcome: CallOutcomeEnum | None = strawberry.field(
        description="null when nothing was sent (the list exceeds the station's capacity)."
    )
    status: str | None
    update_type: UpdateTypeEnum | None
    version_number: int | None
    messages: int
    entries: int
    error_code: str | None
    error_description: str | None


@strawberry.type(description="The station's answer to GetLocalListVersion.")
class GetLocalListVersionResult:
    """Outcome; with RESULT the version the station holds (0: no list)."""

    outcome: CallOutcomeEnum
    version_number: int | None
    error_code: str | None
    error_description: str | None


@strawberry.enum(name="ClearCacheStatus", description="The station's answer to ClearCache.")
class ClearCacheStatusEnum(Enum):
    """Accepted: the authorization cache was cleared; Rejected: it was not."""

    Accepted = "Accepted"
    Rejected = "Rejected"


@strawberry.type(description="How a ClearCache call ended.")
class ClearCacheResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: ClearCacheStatusEnum | None
    error_code: str | None
    error_description: str | None
