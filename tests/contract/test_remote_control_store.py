"""The remote-control store's contract, run against the memory twin and the SQL store (on
SQLite and PostgreSQL): remoteStartId allocation, answers, the token check, and the reads
with the transaction each remote start led to."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Protocol

from infra.db.models import Station, Transaction
from modules.remote_control import RemoteControlStore, SqlRemoteControlStore
from modules.remote_control.memory_store import MemoryRemoteControlStore
from modules.remote_control.store import RemoteStartAnswer, RemoteStartRequest
from tests.support.clock import NOW
from tests.support.remote_control import started_transaction
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
RFID = RemoteStartRequest("RFID-1", "ISO14443", 1)
STATIONS = ("CS1", "CS2")


class Backend(Protocol):
    """A store and what other blocks would have written beside it."""

    store: RemoteControlStore

    async def add_station(self, station_id: str) -> None:
        """Register a station."""

    async def add_transaction(
        self, station_id: str, transaction_id: str, remote_start_id: int | None
    ) -> None:
        """Store a transaction as the transactions block would."""


class MemoryBackend:
    """The memory twin."""

    def __init__(self) -> None:
        self.memory = MemoryRemoteControlStore()
        self.store: RemoteControlStore = self.memory

    async def add_station(self, station_id: str) -> None:
        """Register a station."""
        self.memory.add_station(station_id)

    async def add_transaction(
        self, station_id: str, transaction_id: str, remote_start_id: int | None
    ) -> None:
        """Store a transaction (the next pk)."""
        self.memory.add_transaction(
            started_transaction(
                len(self.memory.transactions) + 1, transaction_id, station_id, remote_start_id, NOW
            )
        )


class SqlBackend:
    """The SQL store on an open database."""

    def __init__(self) -> None:
        self.store: RemoteControlStore = SqlRemoteControlStore()

    async def add_station(self, station_id: str) -> None:
        """Register a station."""
        await Station.create(id=station_id)

    async def add_transaction(
        self, station_id: str, transaction_id: str, remote_start_id: int | None
    ) -> None:
        """Store a transaction row."""
        await Transaction.create(
            station_id=station_id,
            transaction_id=transaction_id,
            evse_id=1,
            connector_id=1,
            started_at=NOW,
            remote_start_id=remote_start_id,
        )


def _memory_backend() -> Backend:
    backend = MemoryBackend()
    for station_id in STATIONS:
        backend.memory.add_station(station_id)
    return backend


backend = store_fixture(_memory_backend, SqlBackend, stations=STATIONS)
"""Each store, empty, with stations CS1 and CS2 registered."""


async def test_ids_are_one_more_than_the_stations_highest(backend: Backend) -> None:
    """remoteStartIds are per station, from 1; an unknown station gets none."""
    store = backend.store

    assert await store.open_remote_start("CS-NOBODY", RFID, NOW) is None
    assert await store.open_remote_start("CS1", RFID, NOW) == 1
    assert await store.open_remote_start("CS1", RFID, NOW) == 2
    assert await store.open_remote_start("CS2", RFID, NOW) == 1
    assert await store.remote_starts("CS-NOBODY", 10) == []


async def test_concurrent_allocations_get_distinct_ids(backend: Backend) -> None:
    store = backend.store

    ids = await asyncio.gather(*(store.open_remote_start("CS1", RFID, NOW) for _ in range(5)))

    assert sorted(i for i in ids if i is not None) == [1, 2, 3, 4, 5]


async def test_a_recorded_request_reads_back_without_an_answer(backend: Backend) -> None:
    store = backend.store
    await store.open_remote_start("CS1", RFID, NOW)

    view = await store.remote_start("CS1", 1)

    assert view is not None
    assert (view.station_id, view.remote_start_id, view.id_token, view.id_token_type) == (
        "CS1",
        1,
        "RFID-1",
        "ISO14443",
    )
    assert (view.evse_id, view.status, view.answered_transaction_id) == (1, None, None)
    assert (view.requested_at, view.answered_at, view.transaction) == (NOW, None, None)
    assert await store.remote_start("CS1", 2) is None
    assert await store.remote_start("CS2", 1) is None


async def test_the_answer_is_stored_on_the_remote_start(backend: Backend) -> None:
    store = backend.store
    await store.open_remote_start("CS1", RFID, NOW)

    await store.record_answer("CS1", RemoteStartAnswer(1, RFID, "Rejected", None), LATER)

    view = await store.remote_start("CS1", 1)
    assert view is not None
    assert (view.status, view.requested_at, view.answered_at) == ("Rejected", NOW, LATER)


async def test_an_answer_without_a_row_creates_it_and_raises_the_next_id(
    backend: Backend,
) -> None:
    """A remote start sent with sendCall (operator-chosen id 40) is recorded on answer; the
    next allocated id is 41."""
    store = backend.store
    wanted = RemoteStartRequest("RFID-9", "Central", None)

    await store.record_answer("CS1", RemoteStartAnswer(40, wanted, "Accepted", "TX-RUNNING"), LATER)

    view = await store.remote_start("CS1", 40)
    assert view is not None
    assert (view.id_token, view.id_token_type, view.evse_id) == ("RFID-9", "Central", None)
    assert (view.status, view.answered_transaction_id) == ("Accepted", "TX-RUNNING")
    assert (view.requested_at, view.answered_at) == (LATER, LATER)
    assert await store.open_remote_start("CS1", RFID, NOW) == 41


async def test_was_requested_matches_station_id_and_token(backend: Backend) -> None:
    store = backend.store
    await store.open_remote_start("CS1", RFID, NOW)

    assert await store.was_requested("CS1", 1, "RFID-1", "ISO14443")
    assert not await store.was_requested("CS1", 1, "RFID-1", "Central")
    assert not await store.was_requested("CS1", 1, "RFID-2", "ISO14443")
    assert not await store.was_requested("CS1", 2, "RFID-1", "ISO14443")
    assert not await store.was_requested("CS2", 1, "RFID-1", "ISO14443")


async def test_pages_are_newest_first_and_continue_after_a_row(backend: Backend) -> None:
    store = backend.store
    for _ in range(3):
        await store.open_remote_start("CS1", RFID, NOW)
    await store.open_remote_start("CS2", RFID, NOW)

    first = await store.remote_starts("CS1", 2)
    rest = await store.remote_starts("CS1", 2, first[-1].row_id)

    assert [view.remote_start_id for view in first] == [3, 2]
    assert [view.remote_start_id for view in rest] == [1]


async def test_the_transaction_led_to_is_read_with_the_remote_start(backend: Backend) -> None:
    """The station's transaction carrying the remoteStartId (the newest when reused), else
    the one named in the answer (F01); another station's transactions never count."""
    store = backend.store
    for _ in range(3):
        await store.open_remote_start("CS1", RFID, NOW)
    await store.record_answer("CS1", RemoteStartAnswer(2, RFID, "Accepted", "TX-RUNNING"), LATER)
    await backend.add_transaction("CS1", "TX-OLD", 1)
    await backend.add_transaction("CS1", "TX-NEW", 1)
    await backend.add_transaction("CS1", "TX-RUNNING", None)
    await backend.add_transaction("CS2", "TX-ELSEWHERE", 3)

    page = await store.remote_starts("CS1", 10)
    one = await store.remote_start("CS1", 1)

    linked = {view.remote_start_id: view.transaction for view in page}
    assert linked[3] is None
    assert linked[2] is not None and linked[2].transaction_id == "TX-RUNNING"
    assert linked[1] is not None and linked[1].transaction_id == "TX-NEW"
    assert one is not None and one.transaction == linked[1]
    assert (linked[1].station_id, linked[1].remote_start_id, linked[1].active) == ("CS1", 1, True)
    assert (linked[1].evse_id, linked[1].connector_id, linked[1].started_at) == (1, 1, NOW)
