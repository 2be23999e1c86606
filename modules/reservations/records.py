"""Plain records of the reservations block, returned by its store and its queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ReservationRequest:
    """What a ReserveNow asks for (H01): who, until when, and where (an EVSE, a connector
    type, both, or neither: any EVSE of the station)."""

    id_token: str
    id_token_type: str
    expiry_date_time: datetime
    evse_id: int | None = None
    connector_type: str | None = None
    group_id_token: str | None = None
    group_id_token_type: str | None = None

    def columns(self, requested_at: datetime) -> dict[str, Any]:
        """The reservation's request columns, asked for at `requested_at`."""
        return {
            "id_token": self.id_token,
            "id_token_type": self.id_token_type,
            "expiry_date_time": self.expiry_date_time,
            "evse_id": self.evse_id,
            "connector_type": self.connector_type,
            "group_id_token": self.group_id_token,
            "group_id_token_type": self.group_id_token_type,
            "requested_at": requested_at,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredReservation:
    """One reservation as stored: the request, the station's answer (`status`, null until it
    answered), the last CancelReservation answer, and its end once written (`ended_at`,
    `end_reason`; `transaction_id` and `token_matched` for a reservation a transaction used).

    `row_id` orders reservations (newest first) and makes their page cursor.
    """

    row_id: int
    station_id: str
    reservation_id: int
    id_token: str
    id_token_type: str
    expiry_date_time: datetime
    evse_id: int | None
    connector_type: str | None
    group_id_token: str | None
    group_id_token_type: str | None
    requested_at: datetime
    status: str | None = None
    answered_at: datetime | None = None
    cancel_status: str | None = None
    cancel_answered_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None
    transaction_id: str | None = None
    token_matched: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReservationView(StoredReservation):
    """A reservation as read at some moment: `state` (Pending, Active or Ended) and, for an
    Accepted reservation past its expiry that the sweep has not written yet, `end_reason`
    Expired and `ended_at` its expiry (`policy.seen_at`)."""

    state: str


@dataclass(frozen=True, slots=True)
class StationFacts:
    """What the CSMS knows of a station's EVSEs before it reserves one: each known EVSE with
    its connectors' last reported statuses (an EVSE only the device model names has none),
    and the station's ReservationCtrlr.NonEvseSpecific (None: not reported)."""

    evses: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    non_evse_specific: bool | None = None


@dataclass(frozen=True, slots=True)
class Opened:
    """How recording a new reservation went: its allocated id, or the still-open reservation
    of the same EVSE that stands in the way (both None: the station is unknown)."""

    reservation_id: int | None = None
    conflict: StoredReservation | None = None


@dataclass(frozen=True, slots=True)
class ReservationFilter:
    """Which reservations a read returns: of one station, in one state (Pending, Active,
    Ended), for one id token or group id token; each when not None."""

    station_id: str | None = None
    state: str | None = None
    id_token: str | None = None
