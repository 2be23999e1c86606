"""The reservation workflow and result handlers on the memory store: refusals before
anything is stored or sent, the row written before the ReserveNow goes out, each station
answer stored (H01), cancel (H02), and ReservationStatusUpdate (H04, H01.FR.16/17)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from ocpp.v201 import call, call_result, enums

from modules.kernel import codec
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.events import Event
from modules.kernel.routing import HandlerContext
from modules.reservations import (
    ReservationAnswered,
    ReservationCancelAnswered,
    ReservationEnded,
    ReservationFilter,
    ReservationQueries,
    Reservations,
    StationFacts,
    reserve_now,
)
from modules.reservations.commands import ReservationResults
from modules.reservations.handlers import ReservationHandlers
from modules.reservations.memory_store import MemoryReservationStore
from tests.support.clock import NOW
from tests.support.reservations import EXPIRY

ANSWERED_AT = NOW + timedelta(seconds=2)
FACTS = StationFacts({1: ("Available",), 2: ("Occupied",)}, non_evse_specific=False)
RESULT_HANDLERS = {
    "ReserveNow": ("reserve_now_result", call.ReserveNow, call_result.ReserveNow),
    "CancelReservation": (
        "cancel_reservation_result",
        call.CancelReservation,
        call_result.CancelReservation,
    ),
}


class AnsweringStation:
    """A CommandSender whose station answers `answers[action]` (a payload, or an Outcome
    without one); the result handler runs as the CallSender runs it. It notes whether the
    reservation was stored before each send."""

    def __init__(self, store: MemoryReservationStore, **answers: Any) -> None:
        self.store = store
        self.answers = answers
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self.stored_before_send: list[bool] = []
        self.events: list[Event] = []

    async def send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None = None
    ) -> CallOutcome:
        """Answer the CALL as scripted."""
        self.sent.append((action, payload))
        reservation_id = payload["id"] if action == "ReserveNow" else payload["reservationId"]
        stored = await self.store.reservation(station_id, reservation_id)
        self.stored_before_send.append(stored is not None)
        answer = self.answers[action]
        if isinstance(answer, Outcome):
            return CallOutcome(answer)
        name, request_type, response_type = RESULT_HANDLERS[action]
        ctx = HandlerContext(station_id=station_id, message_id="m1", now=ANSWERED_AT)
        handler = getattr(ReservationResults(self.store), name)
        await handler(ctx, codec.decode(request_type, payload), codec.decode(response_type, answer))
        self.events.extend(ctx.events)
        return CallOutcome(Outcome.RESULT, answer)


def _store() -> MemoryReservationStore:
    store = MemoryReservationStore()
    store.add_station("CS1", FACTS)
    return store


async def _reserve(station: AnsweringStation, evse_id: int | None = 1, **more: Any) -> Any:
    order = reserve_now("RFID-1", "ISO14443", EXPIRY, evse_id, **more)
    return await Reservations(station.store, station, lambda: NOW).reserve("CS1", order)


@pytest.mark.parametrize(
    ("evse_id", "expiry", "station_id", "message"),
    [
        (1, NOW, "CS1", "expiryDateTime: must be in the future"),
        (1, EXPIRY, "CS-NOBODY", "stationId: unknown station CS-NOBODY"),
        (9, EXPIRY, "CS1", "evseId: station CS1 has no EVSE 9"),
        (2, EXPIRY, "CS1", "evseId: EVSE 2 of station CS1 is Occupied"),
        (None, EXPIRY, "CS1", "evseId: required: station CS1 reports ReservationCtrlr"),
    ],
)
async def test_refused_before_anything_is_stored_or_sent(
    evse_id: int | None, expiry: Any, station_id: str, message: str
) -> None:
    station = AnsweringStation(_store(), ReserveNow={"status": "Accepted"})
    order = reserve_now("RFID-1", "ISO14443", expiry, evse_id)

    with pytest.raises(InvalidCommand) as refused:
        await Reservations(station.store, station, lambda: NOW).reserve(station_id, order)

    assert str(refused.value).startswith(message)
    assert station.sent == [] and station.store.rows == []


async def test_h01_accepted_reservation_is_stored_before_sending_and_active() -> None:
    station = AnsweringStation(_store(), ReserveNow={"status": "Accepted"})

    done = await _reserve(station, group_id_token=("FLEET", "Central"))

    assert station.stored_before_send == [True]
    assert station.sent[0][1]["id"] == done.reservation_id == 1
    assert done.result.outcome is Outcome.RESULT
    assert (done.reservation.state, done.reservation.status) == ("Active", "Accepted")
    [answered] = station.events
    assert isinstance(answered, ReservationAnswered)
    assert answered.payload == {
        "status": "Accepted",
        "reasonCode": None,
        "additionalInfo": None,
        "reservationId": 1,
        "evseId": 1,
        "connectorType": None,
        "idToken": "RFID-1",
        "idTokenType": "ISO14443",
        "groupIdToken": "FLEET",
        "expiryDateTime": "2026-11-24T11:00:00.000Z",
    }


async def test_a_second_reservation_of_the_evse_is_refused() -> None:
    station = AnsweringStation(_store(), ReserveNow={"status": "Accepted"})
    await _reserve(station)

    with pytest.raises(InvalidCommand, match="EVSE 1 of station CS1 is already reserved"):
        await _reserve(station)

    assert len(station.sent) == 1


@pytest.mark.parametrize("status", ["Faulted", "Occupied", "Rejected", "Unavailable"])
async def test_h01_a_refusing_station_ends_the_reservation(status: str) -> None:
    station = AnsweringStation(_store(), ReserveNow={"status": status})

    done = await _reserve(station)

    view = done.reservation
    assert (view.status, view.state, view.end_reason, view.ended_at) == (
        status,
        "Ended",
        "Rejected",
        ANSWERED_AT,
    )
    assert (await _reserve(station)).reservation_id == 2  # the EVSE is free again


@pytest.mark.parametrize(
    ("outcome", "state", "end_reason"),
    [
        (Outcome.OFFLINE, "Ended", "NotDelivered"),
        (Outcome.CALL_ERROR, "Ended", "NotDelivered"),
        (Outcome.TIMEOUT, "Pending", None),
    ],
)
async def test_without_an_answer(outcome: Outcome, state: str, end_reason: str | None) -> None:
    """Offline or refused with a CALLERROR: the station does not hold it. A timeout may have
    reached it: it stays Pending (and holds the EVSE) until its expiry or a cancel."""
    station = AnsweringStation(_store(), ReserveNow=outcome)

    done = await _reserve(station)

    assert (done.reservation.state, done.reservation.end_reason) == (state, end_reason)


async def test_h02_cancel_accepted_ends_it_rejected_only_records_the_answer() -> None:
    store = _store()
    station = AnsweringStation(store, ReserveNow={"status": "Accepted"})
    await _reserve(station)
    workflow = Reservations(store, station, lambda: NOW)

    station.answers["CancelReservation"] = {"status": "Rejected"}
    rejected = await workflow.cancel("CS1", 1)
    station.answers["CancelReservation"] = {"status": "Accepted"}
    station.events.clear()
    accepted = await workflow.cancel("CS1", 1)

    assert rejected.reservation is not None and accepted.reservation is not None
    assert (rejected.reservation.state, rejected.reservation.cancel_status) == (
        "Active",
        "Rejected",
    )
    assert (accepted.reservation.state, accepted.reservation.end_reason) == ("Ended", "Cancelled")
    answered, ended = station.events
    assert isinstance(answered, ReservationCancelAnswered) and answered.status == "Accepted"
    assert isinstance(ended, ReservationEnded)
    assert (ended.reservation_id, ended.reason, ended.ended_at) == (1, "Cancelled", ANSWERED_AT)
    with pytest.raises(InvalidCommand, match="reservation 1 of station CS1 has ended"):
        await workflow.cancel("CS1", 1)
    with pytest.raises(InvalidCommand, match="station CS1 has no reservation 2"):
        await workflow.cancel("CS1", 2)


@pytest.mark.parametrize("update", ["Expired", "Removed"])
async def test_h04_reservation_status_update_ends_it_once(update: str) -> None:
    store = _store()
    await _reserve(AnsweringStation(store, ReserveNow={"status": "Accepted"}))
    handlers = ReservationHandlers(store)
    status = enums.ReservationUpdateStatusEnumType(update)
    request = call.ReservationStatusUpdate(reservation_id=1, reservation_update_status=status)
    ctx = HandlerContext(station_id="CS1", message_id="m2", now=ANSWERED_AT)

    answer = await handlers.reservation_status_update(ctx, request)
    again = HandlerContext(station_id="CS1", message_id="m3", now=ANSWERED_AT)
    await handlers.reservation_status_update(again, request)

    assert answer == call_result.ReservationStatusUpdate()
    [ended] = ctx.events
    assert isinstance(ended, ReservationEnded) and ended.reason == update
    assert again.events == []
    [view] = await ReservationQueries(store, lambda: NOW).reservations(ReservationFilter(), 10)
    assert (view.state, view.end_reason) == ("Ended", update)


async def test_an_unknown_reservation_status_update_is_confirmed() -> None:
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    removed = enums.ReservationUpdateStatusEnumType.removed
    request = call.ReservationStatusUpdate(reservation_id=5, reservation_update_status=removed)

    assert await ReservationHandlers(_store()).reservation_status_update(ctx, request) == (
        call_result.ReservationStatusUpdate()
    )
    assert ctx.events == []
