"""The changeAvailability mutation (G03/G04): arguments to the block's command, its result to
a GraphQL type. When the station answered, the block's result handler has already emitted
AVAILABILITY_CHANGED by the time the mutation returns."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.types import Info

from graphql_schema.availability.types import ChangeAvailabilityResult
from graphql_schema.common import commands
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.context import Context
from modules import availability


async def change_availability(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    operational_status: enums.OperationalStatusEnumType,
    evse_id: int | None = None,
    connector_id: int | None = None,
    timeout_seconds: float | None = None,
) -> ChangeAvailabilityResult:
    """G03/G04: ask the station to make itself, an EVSE or a connector (in)operative."""
    with refusals_as_input_errors():
        scope, request = availability.change_availability(operational_status, evse_id, connector_id)
    result = await commands.send(
        info, station_id, request, call_result.ChangeAvailability, timeout_seconds
    )
    return ChangeAvailabilityResult(
        scope=scope, **commands.call_fields(result), **commands.status_fields(result.response)
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
