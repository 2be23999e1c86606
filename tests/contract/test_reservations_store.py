"""The reservations store's contract, run against the memory twin and the SQL store (on
SQLite and PostgreSQL): what the CSMS knows of a station's EVSEs, reservationId allocation
with the one-open-reservation-per-EVSE rule, answers, ends, the expiry sweep and the reads."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Protocol

from infra.db.models import Station
from modules.reservations import (
    ReservationFilter,
    ReservationStore,
    SqlReservationStore,
    StationFacts,
)
from modules.reservations.memory_store import MemoryReservationStore
from tests.support.clock import NOW
from tests.support.reservations import EXPIRY, FLEET, request, store_connector, store_variable
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
AFTER_EXPIRY = EXPIRY + timedelta(seconds=1)
STATIONS = ("CS1", "CS2")
FACTS = StationFacts({1: ("Available", "Occupied"), 2: ("Faulted",), 3: ()}, False)


class Backend(Protocol):
    """A store and what other blocks would have written beside it."""

    store: ReservationStore

    async def add_station(self, station_id: str, facts: StationFacts) -> None:
        """Register a station with what provisioning and the device model know of it."""


class MemoryBackend:
    """The memory twin."""

    def __init__(self) -> None:
        self.memory = MemoryReservationStore()
        self.store: ReservationStore = self.memory
        for station_id in STATIONS:
            self.memory.add_station(station_id)

    async def add_station(self, station_id: str, facts: StationFacts) -> None:
        """Register a station with its facts."""
        self.memory.add_station(station_id, facts)


class SqlBackend:
    """The SQL store on an open database."""

    def __init__(self) -> None:
        self.store: ReservationStore = SqlReservationStore()

    async def add_station(self, station_id: str, facts: StationFacts) -> None:
        """Store the station, its connector statuses and device-model variables."""
        await Station.create(id=station_id)
        for evse_id, statuses in facts.evses.items():
            for connector_id, status in enumerate(statuses, start=1):
                await store_connector(station_id, evse_id, connector_id, status)
            if not statuses:
                await store_variable(station_id, "EVSE", "Available", "true", evse_id)
        if facts.non_evse_specific is not None:
            flag = str(facts.non_evse_specific).lower()
            await store_variable(station_id, "ReservationCtrlr", "NonEvseSpecific", flag)
        await store_variable(station_id, "ReservationCtrlr", "Enabled", "true")


backend = store_fixture(MemoryBackend, SqlBackend, stations=STATIONS)
"""Each store, empty, with stations CS1 and CS2 registered (nothing known of their EVSEs)."""


async def test_station_facts_are_the_known_evses_and_the_controller(backend: Backend) -> None:
    """EVSEs from connector statuses (in connector order) and from the device model;
    ReservationCtrlr.NonEvseSpecific when reported; None for an unknown station."""
    await backend.add_station("CS-FACTS", FACTS)
    await backend.add_station("CS-ANY", StationFacts({1: ("Available",)}, True))

    assert await backend.store.station_facts("CS-FACTS") == FACTS
    assert await backend.store.station_facts("CS-ANY") == StationFacts({1: ("Available",)}, True)
    assert await backend.store.station_facts("CS1") == StationFacts()
    assert await backend.store.station_facts("CS-NOBODY") is None


async def test_ids_are_one_more_than_the_stations_highest(backend: Backend) -> None:
    """reservationIds are per station, from 1; an unknown station gets none."""
    store = backend.store

    assert (await store.open_reservation("CS-NOBODY", request(), NOW)).reservation_id is None
    assert (await store.open_reservation("CS1", request(1), NOW)).reservation_id == 1
    assert (await store.open_reservation("CS1", request(2), NOW)).reservation_id == 2
    assert (await store.open_reservation("CS1", request(None), NOW)).reservation_id == 3
    assert (await store.open_reservation("CS2", request(1), NOW)).reservation_id == 1


async def test_an_open_reservation_holds_its_evse(backend: Backend) -> None:
    """A second reservation of an EVSE is refused while the first is open (pending or
    active); once it ended or expired the EVSE can be reserved again."""
    store = backend.store
    await store.open_reservation("CS1", request(1), NOW)

    refused = await store.open_reservation("CS1", request(1, "RFID-2"), NOW)
    assert refused.reservation_id is None and refused.conflict is not None
    assert (refused.conflict.reservation_id, refused.conflict.id_token) == (1, "RFID-1")
    await store.record_answer("CS1", 1, request(1), "Accepted", LATER)
    assert (await store.open_reservation("CS1", request(1), LATER)).conflict is not None
    assert (await store.open_reservation("CS1", request(1), AFTER_EXPIRY)).reservation_id == 2
    for reservation_id in (1, 2):
        await store.end("CS1", reservation_id, "Cancelled", LATER)
    assert (await store.open_reservation("CS1", request(1), LATER)).reservation_id == 3


async def test_concurrent_reservations_of_one_evse_give_one_reservation(
    backend: Backend,
) -> None:
    store = backend.store

    opened = await asyncio.gather(
        *(store.open_reservation("CS1", request(1), NOW) for _ in range(5))
    )

    assert [o.reservation_id for o in opened if o.reservation_id is not None] == [1]
    assert sum(o.conflict is not None for o in opened) == 4


async def test_a_recorded_request_reads_back_pending(backend: Backend) -> None:
    store = backend.store
    await store.open_reservation("CS1", request(None, connector_type="cType2", group=FLEET), NOW)

    row = await store.reservation("CS1", 1)

    assert row is not None
    assert (row.station_id, row.reservation_id, row.evse_id, row.connector_type) == (
        "CS1",
        1,
        None,
        "cType2",
    )
    assert (row.id_token, row.id_token_type, row.group_id_token, row.group_id_token_type) == (
        "RFID-1",
        "ISO14443",
        "FLEET",
        "Central",
    )
    assert (row.expiry_date_time, row.requested_at, row.status, row.ended_at) == (
        EXPIRY,
        NOW,
        None,
        None,
    )
    assert await store.reservation("CS2", 1) is None


async def test_answers_accepted_keep_it_open_others_end_it(backend: Backend) -> None:
    """H01: Accepted makes it active; Occupied (as any other status) ends it as Rejected."""
    store = backend.store
    await store.open_reservation("CS1", request(1), NOW)
    await store.open_reservation("CS1", request(2), NOW)

    accepted = await store.record_answer("CS1", 1, request(1), "Accepted", LATER)
    occupied = await store.record_answer("CS1", 2, request(2), "Occupied", LATER)

    assert (accepted.status, accepted.answered_at, accepted.ended_at) == ("Accepted", LATER, None)
    assert (occupied.status, occupied.ended_at, occupied.end_reason) == (
        "Occupied",
        LATER,
        "Rejected",
    )
    assert await store.reservation("CS1", 2) == occupied


async def test_an_answer_without_a_row_creates_it_and_raises_the_next_id(
    backend: Backend,
) -> None:
    """A ReserveNow sent with sendCall (operator-chosen id 40) is recorded on answer."""
    store = backend.store

    row = await store.record_answer("CS1", 40, request(3, "RFID-9"), "Accepted", LATER)

    assert (row.reservation_id, row.evse_id, row.id_token, row.status) == (
        40,
        3,
        "RFID-9",
        "Accepted",
    )
    assert (await store.open_reservation("CS1", request(1), NOW)).reservation_id == 41


async def test_not_delivered_ends_only_an_unanswered_reservation(backend: Backend) -> None:
    store = backend.store
    await store.open_reservation("CS1", request(1), NOW)
    await store.open_reservation("CS1", request(2), NOW)
    await store.record_answer("CS1", 2, request(2), "Accepted", NOW)

    await store.mark_not_delivered("CS1", 1, LATER)
    await store.mark_not_delivered("CS1", 2, LATER)

    first, second = await store.reservation("CS1", 1), await store.reservation("CS1", 2)
    assert first is not None and second is not None
    assert (first.ended_at, first.end_reason) == (LATER, "NotDelivered")
    assert (second.ended_at, second.end_reason) == (None, None)


async def test_end_is_written_once(backend: Backend) -> None:
    """The first end wins: a later one (a late ReservationStatusUpdate, a second node's
    sweep) changes nothing and reports None."""
    store = backend.store
    await store.open_reservation("CS1", request(1), NOW)

    used = await store.end("CS1", 1, "Used", LATER, "TX-1", True)
    again = await store.end("CS1", 1, "Removed", AFTER_EXPIRY)

    assert used is not None and again is None
    assert (used.ended_at, used.end_reason, used.transaction_id, used.token_matched) == (
        LATER,
        "Used",
        "TX-1",
        True,
    )
    assert await store.reservation("CS1", 1) == used
    assert await store.end("CS1", 99, "Removed", LATER) is None


async def test_a_cancel_answer_is_stored(backend: Backend) -> None:
    store = backend.store
    await store.open_reservation("CS1", request(1), NOW)

    assert await store.record_cancel("CS1", 1, "Rejected", LATER)
    assert not await store.record_cancel("CS1", 2, "Accepted", LATER)

    row = await store.reservation("CS1", 1)
    assert row is not None
    assert (row.cancel_status, row.cancel_answered_at, row.ended_at) == ("Rejected", LATER, None)


async def test_the_sweep_ends_overdue_reservations_at_their_expiry(backend: Backend) -> None:
    """H04: every station's open reservations past expiry end as Expired at their expiry,
    earliest first, at most `limit` per call; ended ones are left alone."""
    store = backend.store
    await store.open_reservation("CS1", request(1, expiry=NOW + timedelta(minutes=1)), NOW)
    await store.open_reservation("CS2", request(1, expiry=NOW + timedelta(minutes=2)), NOW)
    await store.open_reservation("CS1", request(2, expiry=NOW + timedelta(minutes=3)), NOW)
    await store.open_reservation("CS1", request(3, expiry=NOW + timedelta(minutes=1)), NOW)
    await store.end("CS1", 3, "Cancelled", NOW)
    await store.open_reservation("CS1", request(4), NOW)
    at = NOW + timedelta(minutes=10)

    first = await store.expire_overdue(at, 2)
    rest = await store.expire_overdue(at, 2)

    assert [(row.station_id, row.reservation_id) for row in first] == [("CS1", 1), ("CS2", 1)]
    assert [(row.station_id, row.reservation_id) for row in rest] == [("CS1", 2)]
    assert [(row.ended_at, row.end_reason) for row in first] == [
        (NOW + timedelta(minutes=1), "Expired"),
        (NOW + timedelta(minutes=2), "Expired"),
    ]
    assert await store.expire_overdue(at, 2) == []
    cancelled, open_ = await store.reservation("CS1", 3), await store.reservation("CS1", 4)
    assert cancelled is not None and cancelled.end_reason == "Cancelled"
    assert open_ is not None and open_.ended_at is None


async def test_reads_filter_by_station_state_and_token(backend: Backend) -> None:
    """State as seen at `now`: Pending (unanswered), Active (Accepted), Ended (ended, or past
    its expiry); the token filter matches the reserved token or its group."""
    store = backend.store
    await store.open_reservation("CS1", request(1), NOW)
    await store.open_reservation("CS1", request(2, "RFID-2", group=FLEET), NOW)
    await store.open_reservation("CS1", request(3, expiry=NOW + timedelta(minutes=1)), NOW)
    await store.open_reservation("CS2", request(1), NOW)
    for reservation_id in (2, 3):
        await store.record_answer("CS1", reservation_id, request(), "Accepted", NOW)
    at = NOW + timedelta(minutes=5)

    async def ids(**wanted: str) -> list[tuple[str, int]]:
        rows = await store.reservations(ReservationFilter(**wanted), at, 10, None)
        return [(row.station_id, row.reservation_id) for row in rows]

    assert await ids() == [("CS2", 1), ("CS1", 3), ("CS1", 2), ("CS1", 1)]
    assert await ids(station_id="CS1", state="Pending") == [("CS1", 1)]
    assert await ids(station_id="CS1", state="Active") == [("CS1", 2)]
    assert await ids(state="Ended") == [("CS1", 3)]
    assert await ids(id_token="FLEET") == [("CS1", 2)]
    assert await ids(id_token="RFID-1", station_id="CS1") == [("CS1", 3), ("CS1", 1)]


async def test_pages_are_newest_first_and_continue_after_a_row(backend: Backend) -> None:
    store = backend.store
    for evse_id in (1, 2, 3):
        await store.open_reservation("CS1", request(evse_id), NOW)

    first = await store.reservations(ReservationFilter("CS1"), NOW, 2, None)
    rest = await store.reservations(ReservationFilter("CS1"), NOW, 2, first[-1].row_id)

    assert [row.reservation_id for row in first] == [3, 2]
    assert [row.reservation_id for row in rest] == [1]
