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
from graphql_schema.common.commands import StatusInfoType
from graphql_schema.common.errors import from_command_error
from graphql_schema.context import Context
from modules import availability
from modules.kernel.commands import InvalidCommand


async def change_availability(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    operational_status: enums.OperationalStatusEnumType,
    evse_id: int | None = None,
    connector_id: int | None = None,
    timeout_seconds: float | None = None,
) -> ChangeAvailabilityResult:
    """G03/G04: ask the station to make itself, an EVSE or a connector (in)operative."""
    try:
        scope, request = availability.change_availability(operational_status, evse_id, connector_id)
    except InvalidCommand as error:
        raise from_command_error(error) from None
    result = await commands.send(
        info.context.services.sender,
        str(station_id),
        request,
        call_result.ChangeAvailability,
        timeout_seconds,
    )
    answer = result.response
    return ChangeAvailabilityResult(
        outcome=commands.outcome_of(result),
        scope=scope,
        status=answer.status if answer else None,
        status_info=StatusInfoType.of(answer.status_info) if answer else None,
        error_code=result.error_code,
        error_description=result.error_description,
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
