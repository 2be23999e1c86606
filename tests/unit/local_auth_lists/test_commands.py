"""Local-list commands on the memory stores: the result handlers of SendLocalList (D01) and
GetLocalListVersion (D02) with the events they emit, list changes with their announcements,
and registry changes followed as new list versions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

import pytest
from ocpp.v201 import call, call_result, enums

from modules.authorization import (
    IdTokenEntry,
    IdTokenRegistry,
    KnownToken,
    MemoryAuthorizationStore,
)
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from modules.local_auth_lists import (
    LocalListChanged,
    LocalListCommands,
    LocalListError,
    LocalListResults,
    LocalListUpdated,
    MemoryLocalListStore,
    RegistryFollower,
    StationState,
)
from tests.support.clock import NOW

A, B = ("A", "ISO14443"), ("B", "ISO14443")


@asynccontextmanager
async def no_transaction() -> AsyncIterator[None]:
    yield


class Announced:
    """Records announcements: (stations, reason, list name, version)."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str, str, int]] = []

    async def __call__(self, stations: Iterable[str], reason: str, name: str, version: int) -> None:
        self.calls.append((list(stations), reason, name, version))


class Blocks:
    """The memory registry and list store, the list commands and what they announced."""

    def __init__(self) -> None:
        self.registry = MemoryAuthorizationStore()
        self.store = MemoryLocalListStore(self.registry)
        self.store.stations["CS-1"] = StationState()
        self.announced = Announced()
        self.lists = LocalListCommands(self.store, no_transaction, self.announced)

    async def tokens(self, *values: str) -> None:
        for value in values:
            await self.registry.upsert_token(value, "ISO14443", KnownToken("Accepted"))


def ctx() -> HandlerContext:
    return HandlerContext(station_id="CS-1", message_id="m1", now=NOW)


async def assigned(blocks: Blocks) -> None:
    await blocks.tokens("A", "B")
    await blocks.lists.create("depot", [A])
    await blocks.lists.assign("CS-1", "depot")


async def answer_send_local_list(
    blocks: Blocks,
    version: int,
    update_type: enums.UpdateEnumType,
    status: enums.SendLocalListStatusEnumType,
) -> HandlerContext:
    """Give the block CS-1's answer `status` to SendLocalList `version` of `update_type`;
    returns the context the block emitted into."""
    context = ctx()
    request = call.SendLocalList(version_number=version, update_type=update_type)
    results = LocalListResults(blocks.store)
    await results.send_local_list_result(context, request, call_result.SendLocalList(status))
    return context


async def test_create_change_and_assign_announce_each_new_version() -> None:
    """A new list, tokens on it or not, is version 1 (D01.FR.18: versions > 0); each change
    is one more."""
    blocks = Blocks()
    await blocks.tokens("A", "B")
    created = await blocks.lists.create("depot", [A])
    assert (created.version, created.entry_count) == (1, 1)
    entries = await blocks.store.entries(created.id, None, 10)
    assert [(e.value, e.changed_version) for e in entries] == [("A", 1)]
    view = await blocks.lists.assign("CS-1", "depot")
    assert (view.list_name, view.acknowledged_version) == ("depot", None)
    changed = await blocks.lists.change("depot", add=[B], remove=[A])
    assert (changed.version, changed.entry_count) == (2, 1)
    assert blocks.announced.calls == [
        (["CS-1"], "Assigned", "depot", 1),
        (["CS-1"], "Changed", "depot", 2),
    ]


async def test_list_changes_that_cannot_be_done_say_why() -> None:
    blocks = Blocks()
    await blocks.tokens("A")
    with pytest.raises(LocalListError, match="name: 1 to 64 characters"):
        await blocks.lists.create("")
    await blocks.lists.create("depot")
    with pytest.raises(LocalListError, match="exists already"):
        await blocks.lists.create("depot")
    with pytest.raises(LocalListError, match=r"not in the id-token registry: X \(ISO14443\)"):
        await blocks.lists.change("depot", add=[("X", "ISO14443")])
    with pytest.raises(LocalListError, match="added and removed at once"):
        await blocks.lists.change("depot", add=[A], remove=[A])
    with pytest.raises(LocalListError, match="no station CS-9"):
        await blocks.lists.assign("CS-9", "depot")
    assert blocks.announced.calls == []


async def test_d01_accepted_stores_the_version_and_emits_local_list_updated() -> None:
    blocks = Blocks()
    await assigned(blocks)

    context = await answer_send_local_list(
        blocks, 2, enums.UpdateEnumType.full, enums.SendLocalListStatusEnumType.accepted
    )

    (event,) = context.events
    assert event == LocalListUpdated(
        station_id="CS-1",
        occurred_at=NOW,
        version_number=2,
        previous_version=None,
        source="SendLocalList",
    )
    assert event.payload == {"versionNumber": 2, "previousVersion": None, "source": "SendLocalList"}
    (view,) = await blocks.store.station_lists("CS-1", None, None)
    assert (view.acknowledged_version, view.last_status) == (2, "Accepted")


async def test_d01_version_mismatch_after_a_differential_asks_for_a_full_update() -> None:
    blocks = Blocks()
    await assigned(blocks)

    context = await answer_send_local_list(
        blocks,
        2,
        enums.UpdateEnumType.differential,
        enums.SendLocalListStatusEnumType.version_mismatch,
    )

    (event,) = context.events
    assert isinstance(event, LocalListChanged)
    assert event.payload == {"reason": "VersionMismatch", "version": 2, "listName": "depot"}
    assert from_bytes(event.to_bytes()) == event


async def test_d01_failed_keeps_the_acknowledged_version_and_emits_nothing() -> None:
    blocks = Blocks()
    await assigned(blocks)
    await blocks.store.record_answer("CS-1", "Accepted", NOW, 2, keep_ack=False)

    context = await answer_send_local_list(
        blocks, 3, enums.UpdateEnumType.full, enums.SendLocalListStatusEnumType.failed
    )

    assert context.events == []
    (view,) = await blocks.store.station_lists("CS-1", None, None)
    assert (view.acknowledged_version, view.last_status) == (2, "Failed")


async def test_d02_a_reported_version_behind_the_list_is_stored_and_the_list_resent() -> None:
    blocks = Blocks()
    await assigned(blocks)
    handler = LocalListResults(blocks.store).get_local_list_version_result
    context = ctx()

    await handler(context, call.GetLocalListVersion(), call_result.GetLocalListVersion(0))

    assert [event.payload for event in context.events] == [
        {"versionNumber": 0, "previousVersion": None, "source": "GetLocalListVersion"},
        {"reason": "VersionReported", "version": 1, "listName": "depot"},
    ]


async def test_d02_a_station_without_list_is_only_answered() -> None:
    blocks = Blocks()
    context = ctx()
    handler = LocalListResults(blocks.store).get_local_list_version_result

    await handler(context, call.GetLocalListVersion(), call_result.GetLocalListVersion(5))

    assert context.events == []


async def test_a_registry_change_of_a_listed_token_is_a_new_version_announced_after() -> None:
    blocks = Blocks()
    await assigned(blocks)
    blocks.announced.calls.clear()
    follower = RegistryFollower(blocks.store, blocks.announced)
    tokens = IdTokenRegistry(blocks.registry, no_transaction, follower)

    await tokens.upsert(IdTokenEntry("A", "ISO14443", status="Blocked"))
    await tokens.upsert(IdTokenEntry("B", "ISO14443", status="Blocked"))
    await tokens.delete("A", "ISO14443")

    assert blocks.announced.calls == [
        (["CS-1"], "TokenChanged", "depot", 2),
        (["CS-1"], "TokenChanged", "depot", 3),
    ]
    state = await blocks.store.station_list("CS-1")
    assert state is not None and state.entries == () and len(state.removals) == 1


async def test_d01_an_accepted_part_before_the_last_acknowledges_nothing() -> None:
    """A part of a multi-part update (D01.FR.11) below the version it ends at leaves the
    station's version unknown and emits nothing; the last part stores it."""
    blocks = Blocks()
    await assigned(blocks)
    await blocks.store.set_delivering("CS-1", 2)

    part = await answer_send_local_list(
        blocks, 1, enums.UpdateEnumType.full, enums.SendLocalListStatusEnumType.accepted
    )
    assert part.events == []
    (view,) = await blocks.store.station_lists("CS-1", None, None)
    assert view.acknowledged_version is None

    last = await answer_send_local_list(
        blocks, 2, enums.UpdateEnumType.differential, enums.SendLocalListStatusEnumType.accepted
    )
    assert [event.payload for event in last.events] == [
        {"versionNumber": 2, "previousVersion": None, "source": "SendLocalList"}
    ]
