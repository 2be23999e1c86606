"""Reservation rules (block H), pure: what may be reserved, what state a reservation is in
at a given moment, and whether a transaction's token is the one a reservation was for.

Before a ReserveNow is sent the CSMS refuses what the station would refuse anyway, from what
it knows: an expiry not in the future, an EVSE it has never heard of, an EVSE whose
connectors are known to be Occupied or all Faulted/Unavailable (H01.FR.11-14), a second
open reservation of the same EVSE, and a reservation of no specific EVSE when the station
reported ReservationCtrlr.NonEvseSpecific false (H01.FR.19). Each refusal is an
`InvalidCommand` naming the argument.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from modules.kernel.commands import InvalidCommand
from modules.kernel.timefmt import ocpp_datetime
from modules.kernel.value_limits import INT_MAX
from modules.reservations.records import ReservationView, StationFacts, StoredReservation

ACCEPTED = "Accepted"
OCCUPIED = "Occupied"
FAULTED = "Faulted"
UNAVAILABLE = "Unavailable"
CANCEL_ACCEPTED = "Accepted"


class State(StrEnum):
    """Where a reservation stands: sent and not answered (Pending), Accepted by the station
    and not over (Active), or over (Ended, with an end reason)."""

    PENDING = "Pending"
    ACTIVE = "Active"
    ENDED = "Ended"


class EndReason(StrEnum):
    """Why a reservation ended: the station answered other than Accepted (Rejected: its
    status says which), the request never reached it (NotDelivered: offline or CALLERROR),
    the CSMS cancelled it (H02), it expired (H04, reported by the station or seen by the
    CSMS), the station removed it (H01.FR.16/17), or a transaction used it (H03, H01.FR.15)."""

    REJECTED = "Rejected"
    NOT_DELIVERED = "NotDelivered"
    CANCELLED = "Cancelled"
    EXPIRED = "Expired"
    REMOVED = "Removed"
    USED = "Used"


MAX_RESERVATION_ID = INT_MAX
"""The highest reservationId the CSMS stores (a 32-bit column; the ids it allocates count up
from 1 per station)."""

STATION_UPDATES = {"Expired": EndReason.EXPIRED, "Removed": EndReason.REMOVED}
"""ReservationStatusUpdate's reservationUpdateStatus (H04.FR.01, H01.FR.16/17) -> end."""


def storable_id(reservation_id: int) -> bool:
    """Whether a reservationId a station names can be one the CSMS holds (0 to
    MAX_RESERVATION_ID); any other is answered without looking it up."""
    return 0 <= reservation_id <= MAX_RESERVATION_ID


def expiry_problem(expiry: datetime, now: datetime) -> InvalidCommand | None:
    """Why `expiry` cannot end a new reservation (it must lie in the future), or None."""
    if expiry <= now:
        return InvalidCommand(
            "expiryDateTime", f"must be in the future (it is {ocpp_datetime(now)} now)"
        )
    return None


def refused_status(statuses: Iterable[str]) -> str | None:
    """The status that makes an EVSE unfit for a reservation, from its connectors' last
    reported statuses: Occupied when one is (H01.FR.11), Faulted when all are (H01.FR.12),
    Unavailable when all are Unavailable or Faulted (H01.FR.14); else None."""
    known = tuple(statuses)
    if not known:
        return None
    if OCCUPIED in known:
        return OCCUPIED
    if all(status == FAULTED for status in known):
        return FAULTED
    if all(status in (FAULTED, UNAVAILABLE) for status in known):
        return UNAVAILABLE
    return None


def evse_problem(station_id: str, evse_id: int, facts: StationFacts) -> InvalidCommand | None:
    """Why EVSE `evse_id` of the station cannot be reserved, from what the CSMS knows of the
    station's EVSEs (its StatusNotifications and device model), or None."""
    if evse_id < 1:
        return InvalidCommand("evseId", "must be >= 1 (omit it to reserve any EVSE)")
    if evse_id not in facts.evses:
        known = ", ".join(map(str, sorted(facts.evses))) or "none reported yet"
        return InvalidCommand(
            "evseId", f"station {station_id} has no EVSE {evse_id} (known EVSEs: {known})"
        )
    statuses = facts.evses[evse_id]
    refused = refused_status(statuses)
    if refused is not None:
        return InvalidCommand(
            "evseId",
            f"EVSE {evse_id} of station {station_id} is {refused} "
            f"(its connectors reported {', '.join(statuses)})",
        )
    return None


def any_evse_problem(station_id: str, facts: StationFacts) -> InvalidCommand | None:
    """Why the station cannot be asked for a reservation of no specific EVSE (H01.FR.19: it
    reported ReservationCtrlr.NonEvseSpecific false), or None (true, or not reported)."""
    if facts.non_evse_specific is False:
        return InvalidCommand(
            "evseId",
            f"required: station {station_id} reports ReservationCtrlr.NonEvseSpecific "
            "false, so it only reserves a given EVSE (H01.FR.19)",
        )
    return None


def conflict_problem(conflict: StoredReservation) -> InvalidCommand:
    """The refusal of a second open reservation of the EVSE `conflict` holds."""
    held = "awaits the station's answer" if conflict.status is None else "is active"
    return InvalidCommand(
        "evseId",
        f"EVSE {conflict.evse_id} of station {conflict.station_id} is already reserved: "
        f"reservation {conflict.reservation_id} for {conflict.id_token} {held} until "
        f"{ocpp_datetime(conflict.expiry_date_time)}",
    )


def is_open(row: StoredReservation, now: datetime) -> bool:
    """Whether the reservation still holds (or may hold) its EVSE at `now`: not ended and
    not past its expiry (a Pending one may have reached the station)."""
    return row.ended_at is None and row.expiry_date_time > now


def seen_at(row: StoredReservation, now: datetime) -> ReservationView:
    """The reservation as it stands at `now`. One not ended but past its expiry reads as
    Ended/Expired at its expiry: the station ends it then (H04.FR.01), and the sweep writes
    it so later."""
    values = {item.name: getattr(row, item.name) for item in dataclasses.fields(row)}
    if row.ended_at is not None:
        return ReservationView(**values, state=State.ENDED.value)
    if row.expiry_date_time <= now:
        values.update(ended_at=row.expiry_date_time, end_reason=EndReason.EXPIRED.value)
        return ReservationView(**values, state=State.ENDED.value)
    state = State.PENDING if row.status is None else State.ACTIVE
    return ReservationView(**values, state=state.value)


def same_token(value: str, kind: str, other: str | None, other_kind: str | None) -> bool:
    """Whether two id tokens are the same (the value is case-insensitive, IdTokenType)."""
    return other is not None and kind == other_kind and value.casefold() == other.casefold()


def token_matches(
    row: StoredReservation,
    id_token: str | None,
    id_token_type: str | None,
    group: tuple[str, str] | None,
) -> bool:
    """H03.FR.01-06: whether a transaction's token may use the reservation: it is the
    reserved id token, or the reservation names a group id token and the token's group (as
    the CSMS's registry knows it, `group`) is that group."""
    if id_token is None or id_token_type is None:
        return False
    if same_token(row.id_token, row.id_token_type, id_token, id_token_type):
        return True
    if row.group_id_token is None or row.group_id_token_type is None or group is None:
        return False
    return same_token(row.group_id_token, row.group_id_token_type, *group)
