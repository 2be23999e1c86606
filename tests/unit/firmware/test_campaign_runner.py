"""The campaign runner on the memory store with two nodes' runners: only the node holding a
campaign's lease sends, another takes it over once the lease expired (its holder died) or was
released (its holder stopped), and each station that starts or ends is published."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from modules.firmware import (
    CampaignRunner,
    Campaigns,
    Catalogue,
    FirmwareCampaignProgress,
    FirmwareUpdates,
)
from modules.firmware.memory_store import MemoryFirmwareStore
from modules.kernel import topics
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.kernel.events import Event, from_bytes
from modules.kernel.ports import MessageHandler
from tests.support.clock import NOW
from tests.unit.senders import RecordingSender

LEASE = 60.0


class Accepting(RecordingSender):
    """Every station answers Accepted."""

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """Accepted."""
        return CallOutcome(Outcome.RESULT, {"status": "Accepted"})


class RecordingBus:
    """Keeps what is published on the events topic."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, topic: str, data: bytes, ordering_key: str = "") -> None:
        """Keep an event."""
        assert topic == topics.EVENTS
        self.events.append(from_bytes(data))

    async def subscribe(self, topic: str, subscription: str, handler: MessageHandler) -> None:
        """Not used."""

    async def delete_subscription(self, subscription: str) -> None:
        """Not used."""

    async def ping(self) -> bool:
        """Always reachable."""
        return True

    async def drain(self, grace: float) -> None:
        """Nothing to drain."""

    async def close(self) -> None:
        """Nothing to close."""


class Clock:
    """A time the test moves."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


async def _campaign(store: MemoryFirmwareStore, clock: Clock) -> int:
    for station_id in ("S1", "S2"):
        store.add_station(station_id)
    catalogue = Catalogue(store, clock)
    entry = await catalogue.add("2.0", location="https://fw.example/2.0.bin")
    created = await Campaigns(store, catalogue, clock).create(
        "c", entry.id, "http://node", station_ids=["S1", "S2"]
    )
    return created.id


def _runner(
    store: MemoryFirmwareStore, sender: Accepting, bus: RecordingBus, node: str, clock: Clock
) -> CampaignRunner:
    updates = FirmwareUpdates(store, sender, clock)
    return CampaignRunner(store, updates, bus, node, clock, interval=1.0, lease=LEASE)


async def _round(runner: CampaignRunner) -> None:
    await runner.run_once()
    await runner.drain()


async def test_only_the_lease_holder_sends_and_another_takes_over_when_it_expires() -> None:
    store, sender, bus, clock = MemoryFirmwareStore(), Accepting(), RecordingBus(), Clock()
    campaign_id = await _campaign(store, clock)
    first = _runner(store, sender, bus, "node-a", clock)
    second = _runner(store, sender, bus, "node-b", clock)

    await _round(first)
    await _round(second)
    assert [station for station, _, _ in sender.sent] == ["S1"]

    clock.now += timedelta(seconds=LEASE + 1)  # node-a died: it renews nothing
    await _round(second)
    campaign = await store.campaign(campaign_id)
    assert campaign is not None and campaign.lease_owner == "node-b"
    assert [station for station, _, _ in sender.sent] == ["S1"]  # S1 is still under way

    await store.add_firmware_status("S1", 1, "Installed", clock.now)
    await _round(first)  # node-a is back, but node-b holds the lease
    await _round(second)
    assert [station for station, _, _ in sender.sent] == ["S1", "S2"]
    assert sender.sent[1][2]["requestId"] == 1

    progress = [e for e in bus.events if isinstance(e, FirmwareCampaignProgress)]
    assert [(e.station_id, e.state) for e in progress] == [
        ("S1", "Updating"),
        ("S1", "Succeeded"),
        ("S2", "Updating"),
    ]
    assert (progress[1].succeeded, progress[1].updating, progress[1].campaign_status) == (
        1,
        1,
        "Running",
    )


async def test_a_stopped_node_releases_its_lease_at_once() -> None:
    store, sender, bus, clock = MemoryFirmwareStore(), Accepting(), RecordingBus(), Clock()
    campaign_id = await _campaign(store, clock)
    first = _runner(store, sender, bus, "node-a", clock)
    await _round(first)

    await first.stop()

    assert await store.claim_campaign(campaign_id, "node-b", clock.now, clock.now)
