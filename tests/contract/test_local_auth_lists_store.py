"""The local-lists store's contract: `MemoryLocalListStore` behaves as `SqlLocalListStore`
does on SQLite and PostgreSQL (lists, versions, entries, removals, assignments, what the
stations acknowledge, and following registry changes)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from infra.db.config import close_database, open_database
from infra.db.models import Station
from modules.authorization import (
    AuthorizationStore,
    GroupIdToken,
    KnownToken,
    MemoryAuthorizationStore,
    SqlAuthorizationStore,
)
from modules.local_auth_lists import (
    LocalListStore,
    MemoryLocalListStore,
    SqlLocalListStore,
    StationState,
)
from modules.local_auth_lists.list_plan import Removal
from tests.support.clock import NOW


@dataclass
class Subject:
    """The registry, the list store, and how to add a station."""

    registry: AuthorizationStore
    store: LocalListStore
    add_station: Callable[[str, bool], Awaitable[None]]

    async def token(self, value: str, group: str | None = None) -> int:
        """Store an Accepted ISO14443 token (of `group`, a Central token); its id."""
        token = KnownToken("Accepted", group=GroupIdToken(group, "Central") if group else None)
        kind = "Central" if value.startswith("G") else "ISO14443"
        _, record = await self.registry.upsert_token(value, kind, token)
        return record.id


@pytest.fixture(params=["memory", "sql"])
async def subject(request: pytest.FixtureRequest, database_url: str) -> AsyncIterator[Subject]:
    """Each store, the SQL one on a fresh database of each kind."""
    if request.param == "memory":
        registry = MemoryAuthorizationStore()
        memory = MemoryLocalListStore(registry)

        async def remember(station_id: str, online: bool) -> None:
            memory.stations[station_id] = StationState(online=online)

        yield Subject(registry, memory, remember)
        return
    await open_database(database_url)

    async def insert(station_id: str, online: bool) -> None:
        await Station.create(id=station_id, online=online, registration_status="Accepted")

    try:
        yield Subject(SqlAuthorizationStore(), SqlLocalListStore(), insert)
    finally:
        await close_database()


async def test_a_list_is_created_found_bumped_and_deleted(subject: Subject) -> None:
    store = subject.store
    created = await store.create_list("depot", 1)
    assert (created.name, created.version) == ("depot", 1)
    assert await store.find_list("depot") == created
    assert await store.bump_version(created.id) == 2
    assert [r.version for r in await store.lists_by_ids([created.id])] == [2]
    assert await store.delete_list("depot") is True
    assert await store.find_list("depot") is None
    assert await store.delete_list("depot") is False


async def test_entries_removals_and_the_station_list(subject: Subject) -> None:
    store = subject.store
    a, b = await subject.token("A"), await subject.token("B")
    assert await store.registry_ids([("A", "ISO14443"), ("a", "ISO14443")]) == {
        ("A", "ISO14443"): a
    }
    auth_list = await store.create_list("depot", 1)
    await store.put_entries(auth_list.id, [a, b], 2)
    await store.remove_entries(auth_list.id, [("A", "ISO14443"), ("X", "ISO14443")], 3)
    await store.put_entries(auth_list.id, [b], 3)
    await subject.add_station("CS-1", True)
    assert await store.station_list("CS-1") is None
    await store.assign("CS-1", auth_list.id)
    await store.bump_version(auth_list.id)
    await store.bump_version(auth_list.id)

    state = await store.station_list("CS-1")
    assert state is not None
    assert (state.list_name, state.version, state.acknowledged) == ("depot", 3, None)
    assert [(e.token_id, e.changed_version) for e in state.entries] == [(b, 3)]
    assert state.removals == (Removal("A", "ISO14443", 3),)
    (entry,) = await store.entries(auth_list.id, None, 10)
    assert (entry.value, entry.type, entry.status, entry.changed_version) == (
        "B",
        "ISO14443",
        "Accepted",
        3,
    )
    (view,) = await store.list_views(None, 10)
    assert (view.name, view.entry_count, view.station_count) == ("depot", 1, 1)


async def test_assignments_and_what_stations_acknowledge(subject: Subject) -> None:
    store = subject.store
    first = await store.create_list("first", 4)
    second = await store.create_list("second", 7)
    await subject.add_station("CS-ON", True)
    await subject.add_station("CS-OFF", False)
    assert await store.station_exists("CS-ON") and not await store.station_exists("CS-NONE")
    assert await store.accepts_automatic_delivery("CS-ON")
    assert not await store.accepts_automatic_delivery("CS-OFF")
    await store.assign("CS-ON", first.id)
    await store.assign("CS-OFF", first.id)
    assert await store.stations_of([first.id]) == ["CS-OFF", "CS-ON"]
    assert sorted(await store.list_users(["CS-ON", "CS-NONE"])) == ["CS-ON"]
    assert await store.uses_a_list("CS-ON") and not await store.uses_a_list("CS-NONE")

    answer = await store.record_answer("CS-ON", "Accepted", NOW, 4, keep_ack=False)
    assert answer is not None and (answer.previous, answer.acknowledged) == (None, 4)
    assert answer.list_name == "first"
    kept = await store.record_answer("CS-ON", "Failed", NOW, None, keep_ack=True)
    assert kept is not None and kept.acknowledged == 4
    assert await store.record_answer("CS-NONE", "Accepted", NOW, 4, keep_ack=False) is None
    reported = await store.record_reported("CS-ON", 2)
    assert reported is not None and (reported.previous, reported.list_version) == (4, 4)
    (view,) = await store.station_lists("CS-ON", None, None)
    assert (view.acknowledged_version, view.last_status, view.up_to_date) == (2, "Failed", False)
    await store.forget_acknowledged("CS-ON")

    await store.assign("CS-ON", second.id)
    (view,) = await store.station_lists(None, "second", None)
    assert (view.station_id, view.acknowledged_version, view.last_status) == ("CS-ON", None, None)
    assert await store.unassign("CS-ON") is True
    assert await store.unassign("CS-ON") is False


async def test_registry_changes_bump_the_lists_holding_the_token_or_its_group(
    subject: Subject,
) -> None:
    store = subject.store
    group = await subject.token("GROUP")
    member = await subject.token("MEMBER", group="GROUP")
    other = await subject.token("OTHER")
    holding = await store.create_list("holding", 1)
    unrelated = await store.create_list("unrelated", 1)
    await store.put_entries(holding.id, [member], 1)
    await store.put_entries(unrelated.id, [other], 1)

    assert await store.tokens_changed([group]) == {holding.id}
    state_list = await store.lists_by_ids([holding.id, unrelated.id])
    assert [r.version for r in state_list] == [2, 1]

    assert await store.tokens_deleting([member]) == {holding.id}
    await subject.add_station("CS-1", True)
    await store.assign("CS-1", holding.id)
    state = await store.station_list("CS-1")
    assert state is not None and state.entries == ()
    assert state.removals == (Removal("MEMBER", "ISO14443", 3),)


async def test_a_list_version_is_raised_only_upwards(subject: Subject) -> None:
    store = subject.store
    created = await store.create_list("raised", 2)
    assert await store.raise_version(created.id, 5) == 5
    assert await store.raise_version(created.id, 3) == 5
    assert [r.version for r in await store.lists_by_ids([created.id])] == [5]


async def test_parts_of_a_multi_part_update_leave_the_version_unknown(subject: Subject) -> None:
    """D01.FR.11/19: while an update in parts ending at version 6 is under way, an Accepted
    part below 6 (or a reported version below it) means the station holds only some of the
    list: its version is unknown until the last part."""
    store = subject.store
    auth_list = await store.create_list("parts", 6)
    await subject.add_station("CS-P", True)
    await store.assign("CS-P", auth_list.id)
    await store.record_answer("CS-P", "Accepted", NOW, 3, keep_ack=False)

    await store.set_delivering("CS-P", 6)
    part = await store.record_answer("CS-P", "Accepted", NOW, 4, keep_ack=False)
    assert part is not None and (part.previous, part.acknowledged) == (3, None)
    reported = await store.record_reported("CS-P", 5)
    assert reported is not None
    (view,) = await store.station_lists("CS-P", None, None)
    assert view.acknowledged_version is None
    last = await store.record_answer("CS-P", "Accepted", NOW, 6, keep_ack=False)
    assert last is not None and last.acknowledged == 6

    await store.record_reported("CS-P", 5)
    (view,) = await store.station_lists("CS-P", None, None)
    assert view.acknowledged_version == 5

    await store.set_delivering("CS-P", 8)
    await store.forget_acknowledged("CS-P")
    await store.record_reported("CS-P", 2)
    (view,) = await store.station_lists("CS-P", None, None)
    assert view.acknowledged_version == 2
