"""Events of the reservations block (camelCase payload keys as on the events topic).

RESERVATION_ANSWERED, when a station answered a ReserveNow (H01):
    {reservationId, evseId, connectorType, idToken, idTokenType, groupIdToken, expiryDateTime,
     status, reasonCode, additionalInfo}
RESERVATION_CANCEL_ANSWERED, when a station answered a CancelReservation (H02):
    {reservationId, status, reasonCode, additionalInfo}
RESERVATION_ENDED, when a reservation the CSMS holds ended (after it was stored):
    {reservationId, evseId, idToken, reason (Cancelled, Expired, Removed, Used), endedAt,
     transactionId, tokenMatched}
"""

from __future__ import annotations

from datetime import datetime

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@event("RESERVATION_ANSWERED")
class ReservationAnswered(Answered):
    """H01: the station answered a ReserveNow (Accepted, Faulted, Occupied, Rejected,
    Unavailable); only an Accepted reservation is active."""

    reservation_id: int
    evse_id: int | None
    connector_type: str | None
    id_token: str
    id_token_type: str
    group_id_token: str | None
    expiry_date_time: str


@event("RESERVATION_CANCEL_ANSWERED")
class ReservationCancelAnswered(Answered):
    """H02: the station answered a CancelReservation (Accepted: cancelled; Rejected: it held
    no such reservation, H02.FR.01)."""

    reservation_id: int


@event("RESERVATION_ENDED")
class ReservationEnded(Event):
    """H02-H04: a reservation ended: Cancelled, Expired (reported by the station or seen by
    the CSMS's sweep), Removed by the station, or Used by `transaction_id` (`token_matched`
    False when that transaction's token was neither the reserved token nor of its group)."""

    reservation_id: int
    evse_id: int | None
    id_token: str
    reason: str
    ended_at: datetime
    transaction_id: str | None = None
    token_matched: bool | None = None
