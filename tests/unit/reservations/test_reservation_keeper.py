"""The reservation keeper on the memory store and bus: a transaction naming a reservation
uses it (H03, H01.FR.15), by the reserved token, a token of the reserved group, or another
token (recorded); the expiry sweep (H04); only transaction events naming a reservation are
decoded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from infra.bus.memory import MemoryBus
from modules.kernel import topics
from modules.kernel.events import Event, from_bytes
from modules.reservations import ReservationEnded, ReservationKeeper
from modules.reservations.memory_store import MemoryReservationStore
from modules.transactions import TransactionStarted, TransactionUpdated
from tests.support.clock import NOW
from tests.support.reservations import EXPIRY, FLEET, request
from tests.support.transactions import transaction_changed
from tests.unit.polling import eventually

USED_AT = NOW + timedelta(minutes=5)


@dataclass(frozen=True)
class Decision:
    """What the registry says of a token's group."""

    group_id_token: str | None = None
    group_id_token_type: str | None = None


class Registry:
    """A TokenAuthority knowing the groups of some tokens."""

    def __init__(self, groups: dict[str, tuple[str, str]]) -> None:
        self.groups = groups
        self.asked: list[str] = []

    async def decide(self, value: str, kind: str, now: datetime, unknown_status: str) -> Any:
        """The token's group, if the registry has one."""
        self.asked.append(value)
        return Decision(*self.groups.get(value, (None, None)))


async def _keeper(
    registry: Registry | None = None, now: datetime = USED_AT
) -> tuple[ReservationKeeper, MemoryReservationStore, list[Event]]:
    """A keeper at `now` on a store holding reservation 1 of CS1 (RFID-1, group FLEET,
    Accepted) and a bus whose published events are collected."""
    store = MemoryReservationStore()
    store.add_station("CS1")
    await store.open_reservation("CS1", request(1, group=FLEET), NOW)
    await store.record_answer("CS1", 1, request(1), "Accepted", NOW)
    bus = MemoryBus()
    published: list[Event] = []

    async def collect(data: bytes) -> None:
        published.append(from_bytes(data))

    await bus.subscribe(topics.EVENTS, "collector", collect)
    keeper = ReservationKeeper(store, registry or Registry({}), bus, lambda: now, 0)
    return keeper, store, published


def _started(id_token: str | None = "RFID-1", **fields: Any) -> TransactionStarted:
    return transaction_changed(
        TransactionStarted,
        occurred_at=USED_AT,
        transaction_id="TX-1",
        id_token=id_token,
        id_token_type="ISO14443" if id_token else None,
        reservation_id=1,
        **fields,
    )


async def test_h01_fr_15_the_reserved_token_uses_the_reservation() -> None:
    keeper, _, published = await _keeper()

    ended = await keeper.use(_started())

    assert ended is not None
    assert (ended.end_reason, ended.ended_at, ended.transaction_id, ended.token_matched) == (
        "Used",
        USED_AT,
        "TX-1",
        True,
    )
    await eventually(lambda: len(published) == 1, "RESERVATION_ENDED")
    [event] = published
    assert isinstance(event, ReservationEnded)
    assert (event.reason, event.transaction_id, event.token_matched) == ("Used", "TX-1", True)
    assert await keeper.use(_started()) is None  # used once


async def test_h03_fr_04_a_token_of_the_reserved_group_uses_it() -> None:
    registry = Registry({"RFID-2": ("FLEET", "Central")})
    keeper, _, _ = await _keeper(registry)

    ended = await keeper.use(_started("RFID-2"))

    assert ended is not None and ended.token_matched is True
    assert registry.asked == ["RFID-2"]


async def test_another_token_still_ends_it_recorded_as_not_matching() -> None:
    """The station decides (it sent the reservationId, so it consumed the reservation); the
    CSMS records that the token was neither the reserved one nor of its group."""
    keeper, _, _ = await _keeper(Registry({"RFID-3": ("OTHER", "Central")}))

    ended = await keeper.use(_started("RFID-3"))

    assert ended is not None
    assert (ended.end_reason, ended.token_matched) == ("Used", False)


async def test_an_event_without_a_token_waits_for_the_next() -> None:
    keeper, store, _ = await _keeper()

    assert await keeper.use(_started(None)) is None

    row = await store.reservation("CS1", 1)
    assert row is not None and row.ended_at is None


async def test_only_transaction_events_naming_a_reservation_are_followed() -> None:
    keeper, store, published = await _keeper()
    without = transaction_changed(TransactionUpdated, reservation_id=None)

    await keeper.consume(without.to_bytes())
    await keeper.consume(
        ReservationEnded(
            station_id="CS1",
            occurred_at=NOW,
            reservation_id=1,
            evse_id=1,
            id_token="X",
            reason="Used",
            ended_at=NOW,
        ).to_bytes()
    )
    row = await store.reservation("CS1", 1)
    assert row is not None and row.ended_at is None
    await keeper.consume(_started().to_bytes())

    await eventually(lambda: len(published) == 1, "the reservation used")
    row = await store.reservation("CS1", 1)
    assert row is not None and row.end_reason == "Used"


async def test_h04_the_sweep_ends_expired_reservations_and_publishes_it() -> None:
    keeper, store, published = await _keeper(now=EXPIRY)
    await store.open_reservation("CS1", request(2, expiry=EXPIRY + timedelta(hours=1)), NOW)

    swept = await keeper.sweep()

    assert [(row.reservation_id, row.end_reason, row.ended_at) for row in swept] == [
        (1, "Expired", EXPIRY)
    ]
    await eventually(lambda: len(published) == 1, "RESERVATION_ENDED")
    assert isinstance(published[0], ReservationEnded) and published[0].reason == "Expired"
    assert await keeper.sweep() == []
