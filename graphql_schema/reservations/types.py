"""GraphQL types of the reservations block (H01-H04)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from ocpp.v201 import enums

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import from_record
from modules.reservations import EndReason, ReservationView, State

RESERVATIONS_CURSOR = "reservations"

ReserveNowStatus = ocpp_enum(
    enums.ReserveNowStatusEnumType,
    "ReserveNowStatus",
    "The station's answer to ReserveNow: Accepted (the reservation is active), Faulted, "
    "Occupied, Rejected or Unavailable.",
)
CancelReservationStatus = ocpp_enum(
    enums.CancelReservationStatusEnumType,
    "CancelReservationStatus",
    "The station's answer to CancelReservation: Accepted (cancelled) or Rejected (it holds "
    "no such reservation).",
)
ReservationState = strawberry.enum(
    State,
    name="ReservationState",
    description="PENDING: sent, not answered; ACTIVE: Accepted and not over; ENDED: over "
    "(see endReason).",
)
ReservationEndReason = strawberry.enum(
    EndReason,
    name="ReservationEndReason",
    description="REJECTED: the station answered other than Accepted (see status); "
    "NOT_DELIVERED: offline or CALLERROR; CANCELLED (H02); EXPIRED (H04, reported by the "
    "station or seen by the CSMS); REMOVED by the station (H01.FR.16/17); USED by a "
    "transaction (H03).",
)


@strawberry.type(name="Reservation", description="A ReserveNow the CSMS sent (H01) and its end.")
class ReservationType:
    """The request, the station's answer, and how the reservation ended."""

    cursor: str = strawberry.field(description="Pass as `after` to read the next page.")
    station_id: strawberry.ID
    reservation_id: int
    evse_id: int | None = strawberry.field(description="null: any EVSE of the station.")
    connector_type: str | None = strawberry.field(
        description="The connector type asked for (ConnectorEnumType), null: any."
    )
    id_token: str
    id_token_type: enums.IdTokenEnumType
    group_id_token: str | None
    group_id_token_type: enums.IdTokenEnumType | None
    expiry_date_time: datetime
    requested_at: datetime
    status: enums.ReserveNowStatusEnumType | None = strawberry.field(
        description="The station's answer; null until it answered (or when it never did)."
    )
    answered_at: datetime | None
    state: State
    end_reason: EndReason | None
    ended_at: datetime | None = strawberry.field(
        description="When it ended; its expiry for one that expired."
    )
    transaction_id: str | None = strawberry.field(
        description="The transaction that used it (endReason USED)."
    )
    token_matched: bool | None = strawberry.field(
        description="For a used reservation: whether that transaction's token was the "
        "reserved one or of its group (false: the station let another token use it)."
    )
    cancel_status: enums.CancelReservationStatusEnumType | None = strawberry.field(
        description="The station's answer to the last cancelReservation."
    )
    cancel_answered_at: datetime | None

    @classmethod
    def of(cls, view: ReservationView) -> ReservationType:
        """Build from the block's view of a reservation."""
        return from_record(cls, view, cursor=encode_id_cursor(RESERVATIONS_CURSOR, view.row_id))


@strawberry.type(description="How a ReserveNow call ended.")
class ReserveNowResult:
    """Outcome; the reservationId allocated; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    reservation_id: int
    status: enums.ReserveNowStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    reservation: ReservationType | None


@strawberry.type(description="How a CancelReservation call ended.")
class CancelReservationResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: enums.CancelReservationStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    reservation: ReservationType | None
