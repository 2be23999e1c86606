"""The reservations routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute, command
from modules.reservations.commands import ReservationResults
from modules.reservations.handlers import ReservationHandlers
from modules.reservations.store import ReservationStore


def build_module(store: ReservationStore) -> Module:
    """The reservations module (block H: H01-H04) on its store."""
    results = ReservationResults(store)
    handlers = ReservationHandlers(store)
    return Module(
        name="reservations",
        station_calls={
            "ReservationStatusUpdate": StationCallRoute(
                call.ReservationStatusUpdate, handlers.reservation_status_update
            ),
        },
        commands={
            "ReserveNow": command("ReserveNow", results.reserve_now_result),
            "CancelReservation": command("CancelReservation", results.cancel_reservation_result),
        },
    )
