"""Reservation mutations (H01/H02): arguments to the block's commands and workflow, results
to GraphQL types. When the station answered, the block's result handler has already stored
the answer and emitted its event by the time a mutation returns."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphql_schema.authorization.types import GroupIdTokenInput, IdTokenKindEnum
from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.reservations.types import (
    CancelReservationResult,
    ReservationType,
    ReserveNowResult,
)
from modules import reservations
from modules.kernel.commands import InvalidCommand, UnknownCommand
from modules.kernel.errors import OcppError


def _type_of(view: reservations.ReservationView | None) -> ReservationType | None:
    return None if view is None else ReservationType.of(view)


@strawberry.type
class ReservationsMutation:
    """Reservation commands (block H)."""

    @mutation(
        "H01: reserve an EVSE (evseId), a connector type (connectorType, a ConnectorEnumType "
        "value such as cType2 or sType2, on evseId or any EVSE), or any EVSE (neither) of the "
        "station for idToken (and groupIdToken: any token of that group may use it, H03) "
        "until expiryDateTime. The CSMS allocates the "
        "reservationId and refuses, before sending, an expiry not in the future, an EVSE it "
        "does not know or knows to be Occupied, Faulted or Unavailable, an EVSE another "
        "open reservation holds, and no EVSE when the station reported "
        "ReservationCtrlr.NonEvseSpecific false. Only an Accepted reservation is active."
    )
    async def reserve_now(
        self,
        call: StationCall,
        id_token: str,
        id_token_type: IdTokenKindEnum,
        expiry_date_time: datetime,
        evse_id: int | None = None,
        connector_type: str | None = None,
        group_id_token: GroupIdTokenInput | None = None,
    ) -> ReserveNowResult:
        """H01: check, allocate a reservationId, record the reservation, send ReserveNow."""
        group = (group_id_token.id_token, group_id_token.type.value) if group_id_token else None
        with refusals_as_input_errors(InvalidCommand, UnknownCommand, OcppError):
            order = reservations.reserve_now(
                id_token,
                id_token_type.value,
                expiry_date_time,
                evse_id,
                connector_type,
                group,
            )
            done = await call.block(reservations.Reservations).reserve(
                call.station_id, order, call.timeout
            )
        return ReserveNowResult(
            **commands.call_fields(done.result),
            **commands.status_fields(done.result.response),
            reservation_id=done.reservation_id,
            reservation=_type_of(done.reservation),
        )

    @mutation(
        "H02: cancel a reservation the CSMS holds (refused when it has none by that id or "
        "it ended). Accepted ends it as CANCELLED; Rejected means the station holds no "
        "such reservation (H02.FR.01) and leaves it as recorded."
    )
    async def cancel_reservation(
        self, call: StationCall, reservation_id: int
    ) -> CancelReservationResult:
        """H02: send CancelReservation for a reservation of the station."""
        with refusals_as_input_errors(InvalidCommand, UnknownCommand, OcppError):
            done = await call.block(reservations.Reservations).cancel(
                call.station_id, reservation_id, call.timeout
            )
        return CancelReservationResult(
            **commands.call_fields(done.result),
            **commands.status_fields(done.result.response),
            reservation=_type_of(done.reservation),
        )
