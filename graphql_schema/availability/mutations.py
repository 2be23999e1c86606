"""The changeAvailability mutation (G03/G04): arguments to the block's command, its result to
a GraphQL type. When the station answered, the block's result handler has already emitted
AVAILABILITY_CHANGED by the time the mutation returns."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.availability.types import ChangeAvailabilityResult
from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.fields import mutation
from modules import availability


@strawberry.type
class AvailabilityMutation:
    """Availability commands (block G)."""

    @mutation(
        "G03/G04: make the whole station (no evseId), one EVSE (evseId) or one connector "
        "(evseId and connectorId) Operative or Inoperative. The station's answer may be "
        "Scheduled: the change then takes effect once its transactions end. Connector "
        "statuses follow from the station's StatusNotifications."
    )
    async def change_availability(
        self,
        call: StationCall,
        operational_status: enums.OperationalStatusEnumType,
        evse_id: int | None = None,
        connector_id: int | None = None,
    ) -> ChangeAvailabilityResult:
        """G03/G04: ask the station to make itself, an EVSE or a connector (in)operative."""
        scope, request = availability.change_availability(operational_status, evse_id, connector_id)
        result = await call.send(request, call_result.ChangeAvailability)
        return ChangeAvailabilityResult(
            scope=scope, **commands.call_fields(result), **commands.status_fields(result.response)
        )
