"""GraphQL types of the availability block."""

from __future__ import annotations

import strawberry
from ocpp.v201 import enums

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from modules.availability import Scope

OperationalStatus = ocpp_enum(
    enums.OperationalStatusEnumType,
    "OperationalStatus",
    "What the station, EVSE or connector becomes: Operative (available for charging) or "
    "Inoperative.",
)
ChangeAvailabilityStatus = ocpp_enum(
    enums.ChangeAvailabilityStatusEnumType,
    "ChangeAvailabilityStatus",
    "The station's answer to ChangeAvailability: Accepted (done now), Rejected, or Scheduled "
    "(done once its transactions end).",
)
AvailabilityScope = strawberry.enum(
    Scope, name="AvailabilityScope", description="What a ChangeAvailability addresses."
)


@strawberry.type(description="How a ChangeAvailability call ended and what the station said.")
class ChangeAvailabilityResult:
    """Outcome; with RESULT the station's status (Accepted, Rejected or Scheduled)."""

    outcome: CallOutcomeEnum
    scope: Scope
    status: enums.ChangeAvailabilityStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
