"""GraphQL types of local authorization lists (block D)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import strawberry
from ocpp.v201 import enums

from graphql_schema.authorization.types import IdTokenKindEnum
from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.errors import InputError
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import FeedRow, from_record
from modules.local_auth_lists import EntryView, LocalListError

LISTS_CURSOR = "localAuthLists"
ENTRIES_CURSOR = "localAuthListEntries"
STATIONS_CURSOR = "stationLocalLists"

ocpp_enum(
    enums.UpdateEnumType,
    "LocalListUpdateType",
    "UpdateEnumType of SendLocalList: Full replaces the station's list, Differential applies "
    "the changes since the version the station acknowledged.",
)


@contextmanager
def list_refusals_as_input_errors() -> Iterator[None]:
    """Within the block, a list operation the block refuses is raised as an input error."""
    try:
        yield
    except LocalListError as error:
        raise InputError(str(error)) from None


@strawberry.input(description="An id token of the registry, by value and type.")
class IdTokenRefInput:
    """Identifies one registry id token."""

    id_token: str
    type: IdTokenKindEnum

    def key(self) -> tuple[str, str]:
        """(value, type)."""
        return self.id_token, self.type.value


@strawberry.type(name="LocalAuthListEntry", description="An id token on a local list.")
class LocalAuthListEntryType:
    """The token and the list version at which it was last added or changed."""

    cursor: str
    id_token: str
    type: str
    status: str = strawberry.field(description="The token's status in the registry.")
    changed_version: int

    @classmethod
    def of(cls, view: EntryView) -> LocalAuthListEntryType:
        """Build from the block's view."""
        return from_record(
            cls, view, cursor=encode_id_cursor(ENTRIES_CURSOR, view.id), id_token=view.value
        )


@strawberry.type(
    name="StationLocalList", description="Which list a station uses, and what it holds."
)
class StationLocalListType(FeedRow):
    """The station's assignment, the version it acknowledged and its last answer."""

    cursor_kind = STATIONS_CURSOR

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


@strawberry.type(name="LocalAuthList", description="A versioned local authorization list.")
class LocalAuthListType(FeedRow):
    """Name, current version, how many tokens and stations."""

    cursor_kind = LISTS_CURSOR

    cursor: str
    name: str
    version: int
    entry_count: int
    station_count: int
    updated_at: datetime


@strawberry.type(description="How a SendLocalList delivery ended.")
class SendLocalListResult:
    """Outcome of the last message sent; with RESULT the station's status. A list larger
    than one message (ItemsPerMessage) goes as several: `messages` says how many were sent."""

    outcome: CallOutcomeEnum | None = strawberry.field(
        description="null when nothing was sent: status TooManyEntries (the list exceeds the "
        "station's capacity) or UpToDate (a Differential to a station holding the list's version)."
    )
    status: str | None
    update_type: enums.UpdateEnumType | None
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
