"""The local-list publisher on the memory stores with a scripted sender: what it sends a
station (D01: Full when the acknowledged version is unknown, split by ItemsPerMessage,
D01.FR.11; never more than the station stores, D01.FR.12) and which events start a delivery
(its own LOCAL_LIST_CHANGED, an Accepted BOOT, CONNECTED)."""

from __future__ import annotations

import asyncio
from typing import Any

from infra.bus.memory import MemoryBus
from modules.authorization import GroupIdToken, KnownToken, MemoryAuthorizationStore, TokenInfos
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.local_auth_lists import (
    LimitVariable,
    LocalListChanged,
    LocalListPublisher,
    MemoryLocalListStore,
    StationState,
    Trigger,
)
from modules.provisioning import Booted
from tests.support.clock import NOW


class Station:
    """A CommandSender that answers every SendLocalList with `status` and keeps them, and
    GetLocalListVersion with `version` (stored as the block's result handler would; None:
    a NotImplemented CALLERROR)."""

    def __init__(self, status: str = "Accepted") -> None:
        self.status = status
        self.sent: list[dict[str, Any]] = []
        self.version: int | None = None
        self.asked = 0
        self.store: MemoryLocalListStore | None = None

    async def send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None = None
    ) -> CallOutcome:
        if action == "GetLocalListVersion":
            self.asked += 1
            if self.version is None:
                return CallOutcome(Outcome.CALL_ERROR, error_code="NotImplemented")
            assert self.store is not None
            await self.store.record_reported(station_id, self.version)
            return CallOutcome(Outcome.RESULT, {"versionNumber": self.version})
        assert action == "SendLocalList"
        self.sent.append(payload)
        return CallOutcome(Outcome.RESULT, {"status": self.status})


async def publisher_with_list(
    tokens: int = 3, station: Station | None = None
) -> tuple[LocalListPublisher, MemoryLocalListStore, Station]:
    registry = MemoryAuthorizationStore()
    store = MemoryLocalListStore(registry)
    store.stations["CS-1"] = StationState()
    await registry.upsert_token("G", "Central", KnownToken("Blocked"))
    auth_list = await store.create_list("depot", 1)
    ids = []
    for n in range(tokens):
        _, record = await registry.upsert_token(
            f"T{n}", "ISO14443", KnownToken("Accepted", group=GroupIdToken("G", "Central"))
        )
        ids.append(record.id)
    await store.put_entries(auth_list.id, ids, await store.bump_version(auth_list.id))
    await store.assign("CS-1", auth_list.id)
    sender = station or Station()
    sender.store = store
    publisher = LocalListPublisher(store, TokenInfos(registry), MemoryBus(), sender, lambda: NOW)
    return publisher, store, sender


async def test_d01_an_unacknowledged_station_gets_the_whole_list_with_registry_info() -> None:
    publisher, _, station = await publisher_with_list(2)

    delivery = await publisher.deliver("CS-1")

    assert delivery is not None and (delivery.update_type, delivery.version) == ("Full", 2)
    blocked = {"status": "Blocked", "groupIdToken": {"idToken": "G", "type": "Central"}}
    assert station.sent == [
        {
            "versionNumber": 2,
            "updateType": "Full",
            "localAuthorizationList": [
                {"idToken": {"idToken": "T0", "type": "ISO14443"}, "idTokenInfo": blocked},
                {"idToken": {"idToken": "T1", "type": "ISO14443"}, "idTokenInfo": blocked},
            ],
        }
    ]


async def test_d01_fr_11_a_list_larger_than_items_per_message_goes_in_parts() -> None:
    publisher, store, station = await publisher_with_list(3)
    store.variables["CS-1"] = [LimitVariable("LocalAuthListCtrlr", "ItemsPerMessage", "2")]

    delivery = await publisher.deliver("CS-1")

    assert delivery is not None and delivery.messages == 2
    assert [(p["updateType"], len(p["localAuthorizationList"])) for p in station.sent] == [
        ("Full", 2),
        ("Differential", 1),
    ]


async def test_d01_fr_12_a_list_beyond_the_station_capacity_is_not_sent() -> None:
    publisher, store, station = await publisher_with_list(3)
    store.variables["CS-1"] = [LimitVariable("LocalAuthListCtrlr", "Entries", None, 2)]

    delivery = await publisher.deliver("CS-1")

    assert delivery is not None and delivery.status == "TooManyEntries"
    assert station.sent == []
    (view,) = await store.station_lists("CS-1", None, None)
    assert view.last_status == "TooManyEntries"


async def test_an_offline_or_up_to_date_station_gets_nothing() -> None:
    publisher, store, station = await publisher_with_list(1)
    store.stations["CS-1"] = StationState(online=False)
    assert await publisher.deliver("CS-1") is None
    store.stations["CS-1"] = StationState()
    await store.record_answer("CS-1", "Accepted", NOW, 2, keep_ack=False)
    assert await publisher.deliver("CS-1") is None
    assert station.sent == []


async def until_sent(station: Station, count: int) -> None:
    for _ in range(200):
        if len(station.sent) >= count:
            return
        await asyncio.sleep(0.005)
    raise AssertionError(station.sent)


async def test_its_own_announcement_and_an_accepted_boot_start_a_delivery() -> None:
    publisher, store, station = await publisher_with_list(1)
    changed = LocalListChanged(
        station_id="CS-1", occurred_at=NOW, reason="Assigned", list_name="depot", version=2
    )
    await publisher.consume(changed.to_bytes())
    await until_sent(station, 1)

    await store.forget_acknowledged("CS-1")
    pending = Booted(
        station_id="CS-1", occurred_at=NOW, reason="PowerUp", registration_status="Pending"
    )
    await publisher.consume(pending.to_bytes())
    accepted = Booted(
        station_id="CS-1", occurred_at=NOW, reason="PowerUp", registration_status="Accepted"
    )
    await publisher.consume(accepted.to_bytes())
    await until_sent(station, 2)
    await publisher.stop()
    assert [p["updateType"] for p in station.sent] == ["Full", "Full"]


def versions(station: Station) -> list[tuple[str, int]]:
    return [(p["updateType"], p["versionNumber"]) for p in station.sent]


async def test_d01_fr_19_a_list_without_room_for_its_parts_is_raised_first() -> None:
    """Three entries in parts of one need versions 1, 2, 3: the list (version 2) is raised
    to 3, its content unchanged, and the parts count up to it."""
    publisher, store, station = await publisher_with_list(3)
    store.variables["CS-1"] = [LimitVariable("LocalAuthListCtrlr", "ItemsPerMessage", "1")]

    delivery = await publisher.deliver("CS-1")

    assert delivery is not None and (delivery.version, delivery.messages) == (3, 3)
    assert versions(station) == [("Full", 1), ("Differential", 2), ("Differential", 3)]
    listed = await store.find_list("depot")
    assert listed is not None and listed.version == 3


async def test_a_booted_station_believed_up_to_date_is_asked_its_version() -> None:
    """D02 after an Accepted boot: a station that lost its list (0) gets the whole list."""
    publisher, store, station = await publisher_with_list(2)
    await store.record_answer("CS-1", "Accepted", NOW, 2, keep_ack=False)
    station.version = 0

    delivery = await publisher.deliver("CS-1", Trigger.BOOTED)

    assert station.asked == 1 and delivery is not None
    assert versions(station) == [("Full", 2)]


async def test_a_booted_station_that_kept_its_list_is_only_asked() -> None:
    publisher, store, station = await publisher_with_list(2)
    await store.record_answer("CS-1", "Accepted", NOW, 2, keep_ack=False)
    station.version = 2
    assert await publisher.deliver("CS-1", Trigger.BOOTED) is None
    assert (station.asked, station.sent) == (1, [])


async def test_an_unknown_version_gets_a_full_update_without_asking() -> None:
    publisher, _, station = await publisher_with_list(2)
    await publisher.deliver("CS-1", Trigger.BOOTED)
    assert (station.asked, versions(station)) == (0, [("Full", 2)])


async def test_a_reconnected_station_is_asked_before_a_differential_only() -> None:
    """CONNECTED: up to date, nothing (not even the question); behind, asked first; a station
    that cannot answer gets a Full update instead of a Differential."""
    publisher, store, station = await publisher_with_list(2)
    await store.record_answer("CS-1", "Accepted", NOW, 2, keep_ack=False)
    assert await publisher.deliver("CS-1", Trigger.CONNECTED) is None
    assert station.asked == 0

    await store.record_answer("CS-1", "Accepted", NOW, 1, keep_ack=False)
    station.version = 1
    await publisher.deliver("CS-1", Trigger.CONNECTED)
    assert (station.asked, versions(station)) == (1, [("Differential", 2)])

    await store.record_answer("CS-1", "Accepted", NOW, 1, keep_ack=False)
    station.version = None
    await publisher.deliver("CS-1", Trigger.CONNECTED)
    assert (station.asked, versions(station)[-1]) == (2, ("Full", 2))


async def test_an_explicit_differential_to_an_up_to_date_station_sends_nothing() -> None:
    publisher, store, station = await publisher_with_list(2)
    await store.record_answer("CS-1", "Accepted", NOW, 2, keep_ack=False)

    delivery = await publisher.send("CS-1", "Differential")

    assert (delivery.outcome, delivery.status, delivery.messages) == (None, "UpToDate", 0)
    assert station.sent == []
