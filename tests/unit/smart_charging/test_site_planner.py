"""Site load management's re-plan on the memory twin with scripted stations: suspended
transactions kept at their minimum, an external limit capping an EVSE, a station that times
out counted at the larger of what it held and what it was sent, SITE_PLAN_CHANGED published
only when the plan changes, and two nodes never re-planning one site at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from ocpp.v201 import call, call_result, enums

from modules.kernel import codec, topics
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from modules.smart_charging import (
    MemorySmartChargingStore,
    MemoryTransaction,
    SitePlanChanged,
    SitePlanning,
    SiteSettings,
    SmartCharging,
)
from modules.smart_charging.commands import SmartChargingResults
from modules.smart_charging.records import NotifiedLimit
from tests.support.clock import NOW
from tests.unit.senders import RecordingSender

SITE = SiteSettings("S1", "Depot", 32.0, "A", 3, 6.0, 32.0)


class Bus:
    """Keeps what is published."""

    def __init__(self) -> None:
        self.published: list[bytes] = []

    async def publish(self, topic: str, data: bytes) -> None:
        """Keep the events topic's messages."""
        assert topic == topics.EVENTS
        self.published.append(data)


class Stations(RecordingSender):
    """Stations that accept every SetChargingProfile, except those in `silent` (TIMEOUT)."""

    def __init__(self, store: MemorySmartChargingStore) -> None:
        super().__init__()
        self.results = SmartChargingResults(store)
        self.silent: set[str] = set()

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """Accept through the result handler, or time out."""
        if station_id in self.silent:
            return CallOutcome(Outcome.TIMEOUT)
        ctx = HandlerContext(station_id=station_id, message_id="m", now=NOW)
        await self.results.set_charging_profile_result(
            ctx,
            codec.decode(call.SetChargingProfile, payload),
            call_result.SetChargingProfile(enums.ChargingProfileStatusEnumType.accepted),
        )
        return CallOutcome(Outcome.RESULT, {"status": "Accepted"})

    def limits(self) -> list[tuple[str, str, float]]:
        """(station, transaction, limit) of each CALL sent."""
        return [
            (
                station,
                payload["chargingProfile"]["transactionId"],
                payload["chargingProfile"]["chargingSchedule"][0]["chargingSchedulePeriod"][0][
                    "limit"
                ],
            )
            for station, _, payload in self.sent
        ]


async def _setup() -> tuple[MemorySmartChargingStore, Stations, Bus, SitePlanning]:
    store = MemorySmartChargingStore()
    for station in ("CS-1", "CS-2"):
        store.stations.add(station)
    store.transactions["CS-1"] = [
        MemoryTransaction("TX-1", 1, started_at=NOW, charging_state="SuspendedEV")
    ]
    store.transactions["CS-2"] = [
        MemoryTransaction("TX-2", 1, started_at=NOW + timedelta(seconds=1))
    ]
    await store.upsert_site(SITE, NOW)
    assert await store.set_site_stations("S1", ["CS-1", "CS-2"]) == []
    stations = Stations(store)
    bus = Bus()
    charging = SmartCharging(store, stations, lambda: NOW)
    planning = SitePlanning(bus, store, charging, lambda: NOW)  # type: ignore[arg-type]
    return store, stations, bus, planning


def _plan(bus: Bus) -> dict[str, tuple[float, str, bool]]:
    event = from_bytes(bus.published[-1])
    assert isinstance(event, SitePlanChanged) and event.counted <= SITE.grid_limit
    return {
        row["transactionId"]: (row["limit"], row["reason"], row["acknowledged"])
        for row in event.allocations
    }


async def test_a_suspended_transaction_keeps_its_minimum_and_the_rest_goes_to_the_other() -> None:
    """Suspended (SuspendedEV): 6 A; the other gets 26 A; a second re-plan changes nothing,
    sends nothing and publishes nothing."""
    _, stations, bus, planning = await _setup()
    await planning.request("S1")
    assert sorted(stations.limits()) == [("CS-1", "TX-1", 6.0), ("CS-2", "TX-2", 26.0)]
    assert _plan(bus) == {"TX-1": (6.0, "suspended", True), "TX-2": (26.0, "share", True)}
    await planning.request_for_station("CS-2")
    assert len(stations.sent) == 2 and len(bus.published) == 1


async def test_k12_an_external_limit_caps_the_evse() -> None:
    """K12: a NotifyChargingLimit of 10 A on CS-2's EVSE 1 caps its transaction at 10 A."""
    store, _, bus, planning = await _setup()
    schedule = {
        "id": 1,
        "chargingRateUnit": "A",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 10.0}],
    }
    await store.record_limit("CS-2", NotifiedLimit(1, "EMS", True, (schedule,)), NOW)
    await planning.request("S1")
    assert _plan(bus)["TX-2"] == (10.0, "at_maximum", True)


async def test_a_station_that_times_out_counts_at_the_larger_limit() -> None:
    """A raise that times out may have been applied: the station counts at the new limit
    (unresponsive), the others planned around it."""
    store, stations, bus, planning = await _setup()
    store.transactions["CS-1"] = [MemoryTransaction("TX-1", 1, started_at=NOW)]
    await planning.request("S1")
    assert _plan(bus) == {"TX-1": (16.0, "share", True), "TX-2": (16.0, "share", True)}
    store.transactions["CS-2"] = []
    stations.silent.add("CS-1")
    await planning.request("S1")
    assert _plan(bus) == {"TX-1": (32.0, "unresponsive", False)}


class HeldStations(Stations):
    """Stations whose answers wait for `go`, counting the rounds sending at once."""

    def __init__(self, store: MemorySmartChargingStore) -> None:
        super().__init__(store)
        self.go = asyncio.Event()
        self.asked = asyncio.Event()
        self.waiting = 0
        self.sending = 0
        self.most_sending = 0

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """Wait for `go`, then accept."""
        self.sending += 1
        self.most_sending = max(self.most_sending, self.sending)
        self.waiting += 1
        self.asked.set()
        try:
            await self.go.wait()
            return await super().answer(station_id, action, payload)
        finally:
            self.sending -= 1


def _node(
    node_id: str, store: MemorySmartChargingStore, stations: Stations, bus: Bus
) -> SitePlanning:
    charging = SmartCharging(store, stations, lambda: NOW)
    return SitePlanning(bus, store, charging, lambda: NOW, node_id=node_id)  # type: ignore[arg-type]


async def test_two_nodes_never_replan_one_site_at_once() -> None:
    """Node A's round holds the site's lease while its stations answer; node B's request
    sends nothing and leaves A one more round to run, which it does before releasing."""
    store, _, bus, _ = await _setup()
    via_a, via_b = HeldStations(store), HeldStations(store)
    via_b.go = via_a.go
    node_a = _node("A", store, via_a, bus)
    node_b = _node("B", store, via_b, bus)
    round_a = asyncio.create_task(node_a.request("S1"))
    await via_a.asked.wait()
    await node_b.request("S1")
    via_a.go.set()
    await round_a
    assert via_b.sent == [], "B sent while A held the site"
    assert sorted(via_a.limits()) == [("CS-1", "TX-1", 6.0), ("CS-2", "TX-2", 26.0)]
    assert await store.take_site_round("S1", "B", NOW, NOW), "A released the lease"


async def test_a_request_during_another_nodes_round_gets_one_more_round() -> None:
    """The round B asked for runs on A after A's own: a plan change B's request was about
    (a transaction ended meanwhile) is sent before A releases the site."""
    store, _, bus, _ = await _setup()
    via_a, via_b = HeldStations(store), HeldStations(store)
    node_a = _node("A", store, via_a, bus)
    node_b = _node("B", store, via_b, bus)
    round_a = asyncio.create_task(node_a.request("S1"))
    await via_a.asked.wait()
    store.transactions["CS-1"] = []
    await node_b.request("S1")
    via_a.go.set()
    await round_a
    assert via_b.sent == []
    assert via_a.limits()[-1] == ("CS-2", "TX-2", 32.0), "A's second round gave TX-2 the site"


async def test_a_failed_round_lets_the_lease_lapse() -> None:
    """A round that raises leaves the site's lease to any node's next request at once."""
    store, stations, bus, _ = await _setup()

    async def broken(station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        raise RuntimeError("database gone")

    stations.answer = broken  # type: ignore[method-assign]
    charging = SmartCharging(store, stations, lambda: NOW)
    node_a = SitePlanning(bus, store, charging, lambda: NOW, node_id="A")  # type: ignore[arg-type]
    try:
        await node_a.request("S1")
    except RuntimeError:
        pass
    else:
        raise AssertionError("the round's failure was swallowed")
    assert await store.take_site_round("S1", "B", NOW, NOW)


async def test_a_round_a_dead_node_left_is_replanned_by_the_orphan_sweep() -> None:
    """A node died mid-round: its lease expired still naming it. Another node's sweep re-plans
    the site; while a live node still holds a site's lease, the sweep leaves it alone."""
    store, stations, _, planning = await _setup()
    before = NOW - timedelta(seconds=30)
    assert await store.take_site_round("S1", "DEAD", before, before + timedelta(seconds=15))
    assert await planning.replan_orphans() == ["S1"]
    assert sorted(stations.limits()) == [("CS-1", "TX-1", 6.0), ("CS-2", "TX-2", 26.0)]
    assert await store.take_site_round("S1", "LIVE", NOW, NOW + timedelta(seconds=15))
    assert await planning.replan_orphans() == []
    assert len(stations.sent) == 2
