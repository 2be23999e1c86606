"""Reservation commands (block H): the typed ReserveNow and CancelReservation requests built
from an operator's arguments, the workflow that checks, records and sends them, and the
result handlers that store the station's answers (each runs in the answer's transaction;
events go out after it)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ocpp.v201 import call, call_result

from modules.kernel import codec, schemas
from modules.kernel.commands import CommandResult, InvalidCommand, typed
from modules.kernel.envelope import Outcome
from modules.kernel.events import EventOrigin
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime
from modules.reservations import policy
from modules.reservations.events import (
    ReservationAnswered,
    ReservationCancelAnswered,
    ReservationEnded,
)
from modules.reservations.records import ReservationRequest, ReservationView, StoredReservation
from modules.reservations.store import ReservationStore

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)

PLACEHOLDER_RESERVATION_ID = 0
"""Stands in for the reservation id while the request is checked, before one is allocated."""

UNDELIVERED = (Outcome.OFFLINE, Outcome.CALL_ERROR)
"""Outcomes after which the station does not hold the reservation (a TIMEOUT may have
reached it: that reservation stays Pending until its expiry or a cancel)."""


@dataclass(frozen=True, slots=True)
class ReservationOrder:
    """A checked ReserveNow without its id (the workflow allocates it)."""

    request: call.ReserveNow

    @property
    def wanted(self) -> ReservationRequest:
        """Who reserves what until when, as the reservation records it."""
        return wanted_by(self.request)

    def payload(self, reservation_id: int) -> dict[str, Any]:
        """The request's payload carrying `reservation_id`."""
        return codec.encode(replace(self.request, id=reservation_id))


def wanted_by(request: call.ReserveNow) -> ReservationRequest:
    """What a ReserveNow asks for."""
    group = request.group_id_token
    return ReservationRequest(
        id_token=request.id_token.id_token,
        id_token_type=request.id_token.type.value,
        expiry_date_time=parse_ocpp_datetime(request.expiry_date_time),
        evse_id=request.evse_id,
        connector_type=request.connector_type.value if request.connector_type else None,
        group_id_token=group.id_token if group else None,
        group_id_token_type=group.type.value if group else None,
    )


@functools.cache
def connector_types() -> tuple[str, ...]:
    """The connector types a ReserveNow may name (ConnectorEnumType of the 2.0.1 schema)."""
    definitions = schemas.raw_schema("ReserveNow", "Request")["definitions"]
    return tuple(definitions["ConnectorEnumType"]["enum"])


def _id_token(value: str, kind: str) -> dict[str, str]:
    return {"idToken": value, "type": kind}


def reserve_now(
    id_token: str,
    id_token_type: str,
    expiry_date_time: datetime,
    evse_id: int | None = None,
    connector_type: str | None = None,
    group_id_token: tuple[str, str] | None = None,
) -> ReservationOrder:
    """H01: the request reserving an EVSE (`evse_id`), a connector type, both, or any EVSE
    (neither) for `id_token` (and its group) until `expiry_date_time` (naive: UTC), checked
    against the official schema before anything is stored or sent.

    Raises InvalidCommand for an EVSE id below 1 or a connector type OCPP 2.0.1 lacks, the
    schema's OcppError for a payload that does not conform (a token over 36 characters).
    """
    if expiry_date_time.tzinfo is None:
        expiry_date_time = expiry_date_time.replace(tzinfo=UTC)
    payload: dict[str, Any] = {
        "id": PLACEHOLDER_RESERVATION_ID,
        "expiryDateTime": ocpp_datetime(expiry_date_time),
        "idToken": _id_token(id_token, id_token_type),
    }
    if evse_id is not None:
        if evse_id < 1:
            raise InvalidCommand("evseId", "must be >= 1 (omit it to reserve any EVSE)")
        payload["evseId"] = evse_id
    if connector_type is not None:
        if connector_type not in connector_types():
            known = ", ".join(connector_types())
            raise InvalidCommand("connectorType", f"{connector_type!r} is not one of {known}")
        payload["connectorType"] = connector_type
    if group_id_token is not None:
        payload["groupIdToken"] = _id_token(*group_id_token)
    schemas.validate("ReserveNow", "Request", payload)
    return ReservationOrder(codec.decode(call.ReserveNow, payload))


def cancel_reservation(reservation_id: int) -> call.CancelReservation:
    """H02: the request cancelling reservation `reservation_id`."""
    if reservation_id < 0:
        raise InvalidCommand("reservationId", "must be >= 0")
    return call.CancelReservation(reservation_id=reservation_id)


@dataclass(frozen=True, slots=True)
class ReservationOutcome:
    """How a ReserveNow or CancelReservation went: the call's result and the reservation as
    stored after it (seen at the time it returned)."""

    reservation_id: int
    result: CommandResult[Any]
    reservation: ReservationView | None


class Reservations:
    """H01/H02: check a reservation against what the CSMS knows, allocate its id and record
    it BEFORE sending (so nothing naming the id arrives first), send, and read back what the
    result handler stored; cancel a reservation the CSMS holds."""

    def __init__(
        self,
        store: ReservationStore,
        sender: CommandSender,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock

    async def _checked(self, station_id: str, wanted: ReservationRequest, now: datetime) -> None:
        """Raise the InvalidCommand refusing `wanted` at `now`, if any."""
        problem = policy.expiry_problem(wanted.expiry_date_time, now)
        if problem is not None:
            raise problem
        facts = await self._store.station_facts(station_id)
        if facts is None:
            raise InvalidCommand("stationId", f"unknown station {station_id}")
        if wanted.evse_id is None:
            problem = policy.any_evse_problem(station_id, facts)
        else:
            problem = policy.evse_problem(station_id, wanted.evse_id, facts)
        if problem is not None:
            raise problem

    async def reserve(
        self, station_id: str, order: ReservationOrder, timeout: float | None = None
    ) -> ReservationOutcome:
        """Run the reservation on `station_id`; InvalidCommand when it is refused before
        sending."""
        now = self._clock()
        wanted = order.wanted
        await self._checked(station_id, wanted, now)
        opened = await self._store.open_reservation(station_id, wanted, now)
        if opened.conflict is not None:
            raise policy.conflict_problem(opened.conflict)
        if opened.reservation_id is None:
            raise InvalidCommand("stationId", f"unknown station {station_id}")
        reservation_id = opened.reservation_id
        outcome = await self._sender.send(
            station_id, "ReserveNow", order.payload(reservation_id), timeout
        )
        if outcome.outcome in UNDELIVERED:
            await self._store.mark_not_delivered(station_id, reservation_id, self._clock())
        result = typed(outcome, call_result.ReserveNow)
        return ReservationOutcome(
            reservation_id, result, await self._read(station_id, reservation_id)
        )

    async def cancel(
        self, station_id: str, reservation_id: int, timeout: float | None = None
    ) -> ReservationOutcome:
        """H02: cancel a reservation the CSMS holds and has not seen end; InvalidCommand for
        one it does not hold or that ended."""
        request = cancel_reservation(reservation_id)
        stored = await self._read(station_id, reservation_id)
        if stored is None:
            raise InvalidCommand(
                "reservationId", f"station {station_id} has no reservation {reservation_id}"
            )
        if stored.state == policy.State.ENDED:
            raise InvalidCommand(
                "reservationId",
                f"reservation {reservation_id} of station {station_id} has ended "
                f"({stored.end_reason})",
            )
        outcome = await self._sender.send(
            station_id, "CancelReservation", codec.encode(request), timeout
        )
        result = typed(outcome, call_result.CancelReservation)
        return ReservationOutcome(
            reservation_id, result, await self._read(station_id, reservation_id)
        )

    async def _read(self, station_id: str, reservation_id: int) -> ReservationView | None:
        stored = await self._store.reservation(station_id, reservation_id)
        return None if stored is None else policy.seen_at(stored, self._clock())


def reservation_ended(origin: EventOrigin, ended: StoredReservation) -> ReservationEnded:
    """The RESERVATION_ENDED event of a reservation that just ended (`origin`: the station and
    the time of the event)."""
    assert ended.end_reason is not None and ended.ended_at is not None
    return ReservationEnded(
        **origin,
        reservation_id=ended.reservation_id,
        evse_id=ended.evse_id,
        id_token=ended.id_token,
        reason=ended.end_reason,
        ended_at=ended.ended_at,
        transaction_id=ended.transaction_id,
        token_matched=ended.token_matched,
    )


class ReservationResults(OnStore[ReservationStore]):
    """The ReserveNow and CancelReservation result handlers, on the block's store."""

    async def reserve_now_result(
        self, ctx: HandlerContext, request: call.ReserveNow, response: call_result.ReserveNow
    ) -> None:
        """H01: store the station's status (Accepted: active; Faulted, Occupied, Rejected,
        Unavailable: ended as Rejected); emit RESERVATION_ANSWERED."""
        wanted = wanted_by(request)
        answer = answer_fields(response)
        await self._store.record_answer(
            ctx.station_id, request.id, wanted, answer["status"], ctx.now
        )
        ctx.emit(
            ReservationAnswered(
                **ctx.origin,
                reservation_id=request.id,
                evse_id=wanted.evse_id,
                connector_type=wanted.connector_type,
                id_token=wanted.id_token,
                id_token_type=wanted.id_token_type,
                group_id_token=wanted.group_id_token,
                expiry_date_time=request.expiry_date_time,
                **answer,
            )
        )

    async def cancel_reservation_result(
        self,
        ctx: HandlerContext,
        request: call.CancelReservation,
        response: call_result.CancelReservation,
    ) -> None:
        """H02: store the answer; Accepted ends the reservation as Cancelled (H02.FR.02).
        Rejected means the station holds no such reservation (H02.FR.01): the reservation
        stays as recorded, to be settled by what the station reports (it was used or
        expired) or by its expiry. Emit RESERVATION_CANCEL_ANSWERED (and
        RESERVATION_ENDED)."""
        answer = answer_fields(response)
        reservation_id = request.reservation_id
        held = await self._store.record_cancel(
            ctx.station_id, reservation_id, answer["status"], ctx.now
        )
        ctx.emit(ReservationCancelAnswered(**ctx.origin, reservation_id=reservation_id, **answer))
        if held and answer["status"] == policy.CANCEL_ACCEPTED:
            ended = await self._store.end(
                ctx.station_id, reservation_id, policy.EndReason.CANCELLED.value, ctx.now
            )
            if ended is not None:
                ctx.emit(reservation_ended(ctx.origin, ended))
