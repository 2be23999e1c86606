"""ChangeAvailability (G03/G04): the typed request built from an operator's arguments, and
the result handler that reports the station's answer."""

from __future__ import annotations

from ocpp.v201 import call, call_result, enums

from modules.availability.events import AvailabilityChanged
from modules.availability.policy import Scope, scope_of
from modules.kernel.ocpp_parts import answer_fields, evse_ids, evse_of
from modules.kernel.routing import HandlerContext


def change_availability(
    operational_status: enums.OperationalStatusEnumType,
    evse_id: int | None = None,
    connector_id: int | None = None,
) -> tuple[Scope, call.ChangeAvailability]:
    """The request and the scope it addresses; InvalidCommand when the ids do not fit."""
    scope = scope_of(evse_id, connector_id)
    evse = evse_of(evse_id, connector_id)
    return scope, call.ChangeAvailability(operational_status=operational_status, evse=evse)


async def change_availability_result(
    ctx: HandlerContext, request: call.ChangeAvailability, response: call_result.ChangeAvailability
) -> None:
    """G03/G04: the station answered; emit AVAILABILITY_CHANGED with the request's scope and
    the answer. A Scheduled answer means the change takes effect once the transactions in
    progress end; the station's StatusNotifications report the statuses either way."""
    evse_id, connector_id = evse_ids(request.evse)
    ctx.emit(
        AvailabilityChanged(
            **ctx.origin,
            operational_status=request.operational_status.value,
            scope=scope_of(evse_id, connector_id).value,
            evse_id=evse_id,
            connector_id=connector_id,
            **answer_fields(response),
        )
    )
