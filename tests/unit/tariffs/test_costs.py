"""TariffCosts on the memory store: what a TransactionEvent's response carries (I02, I03,
I06) and what is stored; late events repriced in time order; no tariff, nothing read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from modules.tariffs import Assignment, Prices, TariffCosts, TariffSpec
from modules.tariffs.memory_store import MemoryTariffStore
from tests.support.clock import NOW

T0 = datetime(2026, 3, 2, 10, tzinfo=UTC)
SPEC = TariffSpec(
    name="T",
    currency="EUR",
    prices=Prices(energy_per_kwh=Decimal("0.40"), idle_per_hour=Decimal("3")),
    text="0.40 EUR/kWh",
)


def minutes(value: float) -> datetime:
    return T0 + timedelta(minutes=value)


async def _quote(
    costs: TariffCosts, event_type: str, at: float, wh: float | None = None, **extra: Any
) -> Any:
    fields: dict[str, Any] = {
        "station_id": "CS1",
        "transaction_id": "TX-1",
        "event_type": event_type,
        "timestamp": minutes(at),
        "evse_id": 1,
        "id_token": None,
        "group_id_token": None,
        "charging_state": None,
        "readings": [(minutes(at), wh)] if wh is not None else [],
        "started_at": T0,
        "ended_at": None,
        "now": NOW,
        **extra,
    }
    return await costs.quote(**fields)


async def _store_with_default() -> MemoryTariffStore:
    store = MemoryTariffStore()
    tariff = await store.create_tariff(SPEC, NOW)
    await store.assign(tariff.id, Assignment())
    return store


async def test_no_tariff_no_quote_and_nothing_stored() -> None:
    store = MemoryTariffStore()
    assert await _quote(TariffCosts(store), "Started", 0, 0) is None
    assert await store.session_cost("CS1", "TX-1") is None


async def test_the_text_goes_once_the_running_cost_on_updated_the_final_on_ended() -> None:
    """I06.FR.02, I02.FR.01, I03.FR.02."""
    store = await _store_with_default()
    costs = TariffCosts(store)
    started = await _quote(costs, "Started", 0, 0, charging_state="Charging")
    assert (started.total_cost, started.message.content) == (None, "0.40 EUR/kWh")
    updated = await _quote(costs, "Updated", 30, 5000)
    assert (updated.total_cost, updated.message) == (Decimal("2.00"), None)
    parked = await _quote(costs, "Updated", 40, charging_state="SuspendedEV")
    assert (parked.total_cost, parked.message) == (None, None)
    ended = await _quote(costs, "Ended", 60, 5000, ended_at=minutes(60))
    # 5 kWh x 0.40 + 20 min parked x 3.00
    assert (ended.total_cost, ended.message) == (Decimal("3.00"), None)
    stored = await store.session_cost("CS1", "TX-1")
    assert stored is not None
    assert (stored.final, stored.breakdown.idle, stored.told) == (True, Decimal("1.0000"), "1:1")


async def test_a_late_event_is_priced_in_time_order() -> None:
    """An offline Updated (seqNo earlier, arriving after) adds its state at its own time."""
    store = await _store_with_default()
    costs = TariffCosts(store)
    await _quote(costs, "Started", 0, 0, charging_state="Charging")
    await _quote(costs, "Ended", 60, 5000, ended_at=minutes(60))
    late = await _quote(
        costs, "Updated", 30, 5000, charging_state="SuspendedEV", ended_at=minutes(60)
    )
    assert late.total_cost == Decimal("3.50")  # 5 kWh x 0.40 + 30 min parked x 3.00
    stored = await store.session_cost("CS1", "TX-1")
    assert stored is not None and stored.final


async def test_the_driver_text_comes_from_the_best_place() -> None:
    store = await _store_with_default()
    token = await store.create_tariff(TariffSpec(name="V", currency="EUR", text="VIP"), NOW)
    await store.assign(token.id, Assignment(id_token="GROUP"))
    costs = TariffCosts(store)
    mine = await costs.text_for("CS1", "TOKEN", "GROUP")
    assert mine is not None and mine.content == "VIP"
    other = await costs.text_for("CS1", "OTHER", None)
    assert other is not None and other.content == "0.40 EUR/kWh"


async def test_a_station_that_shows_no_tariffs_gets_no_text_but_its_cost() -> None:
    """I01.FR.02: TariffCostCtrlr Enabled[Tariff] false and no display messages."""
    store = await _store_with_default()
    store.report_support("CS1", "tariffenabled", "false")
    costs = TariffCosts(store)
    assert await costs.text_for("CS1", "TOKEN", None) is None
    started = await _quote(costs, "Started", 0, 0)
    assert started.message is None
    ended = await _quote(costs, "Ended", 30, 1000, ended_at=minutes(30))
    assert (ended.total_cost, ended.message) == (Decimal("0.40"), None)


async def test_a_cost_beyond_what_is_stored_leaves_the_transaction_unpriced() -> None:
    """A register jumping by 10^16 Wh at 0.40/kWh would cost 4 x 10^12."""
    store = await _store_with_default()
    costs = TariffCosts(store)
    await _quote(costs, "Started", 0, 0)
    assert await _quote(costs, "Updated", 30, 1e16) is None
