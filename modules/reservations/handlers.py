"""Reservation handlers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

import logging

from ocpp.v201 import call, call_result

from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.reservations.commands import reservation_ended
from modules.reservations.policy import STATION_UPDATES, storable_id
from modules.reservations.store import ReservationStore

log = logging.getLogger(__name__)


class ReservationHandlers(OnStore[ReservationStore]):
    """The reservations block's answers to station calls, built with its store."""

    async def reservation_status_update(
        self, ctx: HandlerContext, request: call.ReservationStatusUpdate
    ) -> call_result.ReservationStatusUpdate:
        """H04.FR.01 (Expired), H01.FR.16/17 (Removed): end the reservation with the
        station's status and emit RESERVATION_ENDED. One the CSMS does not hold, or that
        already ended (cancelled, used, or swept as expired), is only confirmed; so is an id
        no reservation of the CSMS can have (negative, past 32 bits)."""
        reason = STATION_UPDATES[request.reservation_update_status.value]
        ended = None
        if storable_id(request.reservation_id):
            ended = await self._store.end(
                ctx.station_id, request.reservation_id, reason.value, ctx.now
            )
        if ended is None:
            log.info(
                "ReservationStatusUpdate %s for reservation %d, which is not open here",
                reason.value,
                request.reservation_id,
                extra={"station_id": ctx.station_id, "message_id": ctx.message_id},
            )
        else:
            ctx.emit(reservation_ended(ctx.origin, ended))
        return call_result.ReservationStatusUpdate()
