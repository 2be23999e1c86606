"""Availability result handlers (each runs in one transaction; events go out after it)."""

from __future__ import annotations

from typing import Any

from ocpp.v201 import call, call_result

from modules.availability import events
from modules.kernel.routing import HandlerContext


def _value(item: Any) -> Any:
    return getattr(item, "value", item)


def scope_of(evse_id: int | None, connector_id: int | None) -> str:
    """STATION (no EVSE), EVSE (an EVSE without connector) or CONNECTOR."""
    if evse_id is None:
        return "STATION"
    return "EVSE" if connector_id is None else "CONNECTOR"


async def change_availability_result(
    ctx: HandlerContext, request: call.ChangeAvailability, response: call_result.ChangeAvailability
) -> None:
    """G03/G04: the station answered; emit AVAILABILITY_CHANGED with the request's scope and
    the answer. A Scheduled answer means the change takes effect once the transactions in
    progress end; the station's StatusNotifications report the statuses either way."""
    evse_id = request.evse.id if request.evse else None
    connector_id = request.evse.connector_id if request.evse else None
    info = response.status_info
    ctx.emit(
        events.AVAILABILITY_CHANGED,
        {
            "operationalStatus": _value(request.operational_status),
            "scope": scope_of(evse_id, connector_id),
            "evseId": evse_id,
            "connectorId": connector_id,
            "status": _value(response.status),
            "reasonCode": info.reason_code if info else None,
            "additionalInfo": info.additional_info if info else None,
        },
    )
