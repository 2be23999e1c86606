"""ChangeAvailability (G03/G04): a typed command mutation over the call sender.

When the station answered, the availability module's result handler has already emitted
AVAILABILITY_CHANGED by the time `send` returns. The connector statuses themselves change
when the station reports them with StatusNotification.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from ocpp.v201 import call_result
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.context import Context
from modules.kernel import codec, schemas
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError

ACTION = "ChangeAvailability"
MAX_TIMEOUT_SECONDS = 300.0


class AvailabilityInputError(ValueError):
    """The mutation's arguments cannot form a valid ChangeAvailabilityRequest."""


@strawberry.enum(
    name="OperationalStatus", description="What the station, EVSE or connector becomes."
)
class OperationalStatusEnum(Enum):
    """Operative: available for charging; Inoperative: unavailable for charging."""

    Operative = "Operative"
    Inoperative = "Inoperative"


@strawberry.enum(
    name="ChangeAvailabilityStatus", description="The station's answer to ChangeAvailability."
)
class ChangeAvailabilityStatusEnum(Enum):
    """Accepted: done now; Rejected: refused; Scheduled: done once transactions end."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    Scheduled = "Scheduled"


@strawberry.enum(name="AvailabilityScope", description="What a ChangeAvailability addresses.")
class AvailabilityScopeEnum(Enum):
    """The whole station (G04), one EVSE or one connector of an EVSE (G03)."""

    STATION = "STATION"
    EVSE = "EVSE"
    CONNECTOR = "CONNECTOR"


@strawberry.type(description="How a ChangeAvailability call ended and what the station said.")
class ChangeAvailabilityResult:
    """Outcome; with RESULT the station's status (Accepted, Rejected or Scheduled)."""

    outcome: CallOutcomeEnum
    scope: AvailabilityScopeEnum
    status: ChangeAvailabilityStatusEnum | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


def change_availability_payload(
    operational_status: OperationalStatusEnum, evse_id: int | None, connector_id: int | None
) -> tuple[AvailabilityScopeEnum, dict[str, Any]]:
    """The request's scope and payload; AvailabilityInputError when they do not fit."""
    payload: dict[str, Any] = {"operationalStatus": operational_status.value}
    scope = AvailabilityScopeEnum.STATION
    if evse_id is None:
        if connector_id is not None:
            raise AvailabilityInputError("connectorId needs evseId")
    else:
        if evse_id < 1:
            raise AvailabilityInputError("evseId must be >= 1 (omit it for the whole station)")
        evse: dict[str, Any] = {"id": evse_id}
        scope = AvailabilityScopeEnum.EVSE
        if connector_id is not None:
            if connector_id < 1:
                raise AvailabilityInputError("connectorId must be >= 1")
            evse["connectorId"] = connector_id
            scope = AvailabilityScopeEnum.CONNECTOR
        payload["evse"] = evse
    try:
        schemas.validate(ACTION, "Request", payload)
    except OcppError as error:
        raise AvailabilityInputError(f"{error.code}: {error.description}") from None
    return scope, payload


async def change_availability(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    operational_status: OperationalStatusEnum,
    evse_id: int | None = None,
    connector_id: int | None = None,
    timeout_seconds: float | None = None,
) -> ChangeAvailabilityResult:
    """G03/G04: ask the station to make itself, an EVSE or a connector (in)operative."""
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise AvailabilityInputError(f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}")
    scope, payload = change_availability_payload(operational_status, evse_id, connector_id)
    outcome = await info.context.services.sender.send(
        str(station_id), ACTION, payload, timeout_seconds
    )
    status: ChangeAvailabilityStatusEnum | None = None
    status_info: StatusInfoType | None = None
    if outcome.outcome is Outcome.RESULT:
        answer = codec.decode(call_result.ChangeAvailability, outcome.response or {})
        status = ChangeAvailabilityStatusEnum(getattr(answer.status, "value", answer.status))
        if answer.status_info is not None:
            status_info = StatusInfoType(
                reason_code=answer.status_info.reason_code,
                additional_info=answer.status_info.additional_info,
            )
    return ChangeAvailabilityResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        scope=scope,
        status=status,
        status_info=status_info,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


@strawberry.type
class AvailabilityMutation:
    """Availability commands (block G)."""

    change_availability: ChangeAvailabilityResult = strawberry.mutation(
        resolver=change_availability,
        description=(
            "G03/G04: make the whole station (no evseId), one EVSE (evseId) or one connector "
            "(evseId and connectorId) Operative or Inoperative. The station's answer may be "
            "Scheduled: the change then takes effect once its transactions end. Connector "
            "statuses follow from the station's StatusNotifications."
        ),
    )
