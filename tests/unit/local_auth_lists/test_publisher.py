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
)
from modules.provisioning import Booted
from tests.support.clock import NOW


class Station:
    """A CommandSender that answers every SendLocalList with `status` and keeps them."""

    def __init__(self, status: str = "Accepted") -> None:
        self.status = status
        self.sent: list[dict[str, Any]] = []

    async def send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None = None
    ) -> CallOutcome:
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
