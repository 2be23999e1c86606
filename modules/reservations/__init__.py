"""Reservations (OCPP 2.0.1 block H): ReserveNow, CancelReservation, ReservationStatusUpdate
(H01-H04).

A reservation is checked against what the CSMS knows of the station (its EVSEs and their
connector statuses, ReservationCtrlr.NonEvseSpecific) and against the reservations it holds
(one open reservation per EVSE), recorded with a CSMS-allocated reservationId, then sent;
the station's answer is stored (only Accepted is active). A CancelReservation answer,
a ReservationStatusUpdate (Expired, Removed), a transaction naming the reservation (Used,
through the transactions block's events) and its expiry (swept by the `ReservationKeeper`
on api nodes, seen at once by reads) end it. `ReservationQueries` reads reservations back.
"""

from modules.reservations.commands import (
    ReservationOrder,
    ReservationOutcome,
    Reservations,
    cancel_reservation,
    reserve_now,
)
from modules.reservations.events import (
    ReservationAnswered,
    ReservationCancelAnswered,
    ReservationEnded,
)
from modules.reservations.keeper import ReservationKeeper
from modules.reservations.module import build_module
from modules.reservations.policy import EndReason, State
from modules.reservations.ports import TokenAuthority
from modules.reservations.queries import ReservationQueries
from modules.reservations.records import (
    ReservationFilter,
    ReservationRequest,
    ReservationView,
    StationFacts,
    StoredReservation,
)
from modules.reservations.store import ReservationStore, SqlReservationStore

__all__ = [
    "EndReason",
    "ReservationAnswered",
    "ReservationCancelAnswered",
    "ReservationEnded",
    "ReservationFilter",
    "ReservationKeeper",
    "ReservationOrder",
    "ReservationOutcome",
    "ReservationQueries",
    "ReservationRequest",
    "ReservationStore",
    "ReservationView",
    "Reservations",
    "SqlReservationStore",
    "State",
    "StationFacts",
    "StoredReservation",
    "TokenAuthority",
    "build_module",
    "cancel_reservation",
    "reserve_now",
]
