"""Hand-worked costs (I02/I03): energy, charging time, idle time after charging, session fee,
minimum and maximum price, tax, time-of-day bands crossed mid-session, time zones, rounding."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from modules.tariffs.pricing import band_of, price, prices_at
from modules.tariffs.records import MeterPoint, Prices, TariffSpec

D = Decimal
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SATURDAY = datetime(2026, 3, 7, 10, 0, tzinfo=UTC)
BASE = TariffSpec(
    name="Standard",
    currency="EUR",
    prices=Prices(energy_per_kwh=D("0.30"), time_per_hour=D("2.00"), idle_per_hour=D("6.00")),
)
EVENING = band_of(
    [1, 2, 3, 4, 5],
    "18:00",
    "22:00",
    Prices(energy_per_kwh=D("0.50"), time_per_hour=D("3.00")),
)


def point(
    start: datetime, minutes: float, wh: str | None = None, state: str | None = None
) -> MeterPoint:
    return MeterPoint(
        at=start + timedelta(minutes=minutes),
        energy_wh=D(wh) if wh is not None else None,
        charging_state=state,
    )


def test_energy_time_idle_fee_and_tax_add_up() -> None:
    """10 kWh x 0.30 + 1 h charging x 2.00 + 30 min idle x 6.00 + 1.00 fee = 9.00 net,
    21 % tax 1.89, total 10.89."""
    tariff = replace(BASE, session_fee=D("1.00"), tax_rate_percent=D(21))
    points = [
        point(MONDAY, 0, "1000", "Charging"),
        point(MONDAY, 30, "8500"),
        point(MONDAY, 60, "11000", "SuspendedEV"),
    ]
    cost = price(tariff, points, MONDAY, MONDAY + timedelta(minutes=90))
    assert (cost.energy_wh, cost.energy, cost.time, cost.idle) == (
        D("10000"),
        D("3.0000"),
        D("2.0000"),
        D("3.0000"),
    )
    assert (cost.charging_seconds, cost.idle_seconds) == (D(3600), D(1800))
    assert (cost.subtotal, cost.net, cost.tax, cost.total) == (
        D("9.0000"),
        D("9.00"),
        D("1.89"),
        D("10.89"),
    )


def test_a_band_boundary_crossed_mid_session_splits_energy_and_time() -> None:
    """Monday 17:30-18:30 UTC, 6 kWh evenly: 3 kWh x 0.30 + 3 kWh x 0.50 = 2.40; 30 min x
    2.00 + 30 min x 3.00 = 2.50; total 4.90."""
    tariff = replace(BASE, bands=(EVENING,))
    start = MONDAY.replace(hour=17, minute=30)
    cost = price(tariff, [point(start, 0, "0", "Charging"), point(start, 60, "6000")])
    assert (cost.energy, cost.time, cost.total) == (D("2.4000"), D("2.5000"), D("4.90"))


def test_bands_apply_only_on_their_weekdays() -> None:
    tariff = replace(BASE, bands=(EVENING,))
    start = SATURDAY.replace(hour=17, minute=30)
    cost = price(tariff, [point(start, 0, "0", "Charging"), point(start, 60, "6000")])
    assert (cost.energy, cost.time, cost.total) == (D("1.8000"), D("2.0000"), D("3.80"))


def test_bands_are_read_in_the_tariff_time_zone() -> None:
    """18:00 in Amsterdam on 2 March 2026 (CET) is 17:00 UTC."""
    tariff = replace(BASE, bands=(EVENING,), time_zone="Europe/Amsterdam")
    assert prices_at(tariff, MONDAY.replace(hour=16, minute=59)).energy_per_kwh == D("0.30")
    assert prices_at(tariff, MONDAY.replace(hour=17)).energy_per_kwh == D("0.50")
    assert prices_at(tariff, MONDAY.replace(hour=17)).idle_per_hour == D("6.00")


def test_waiting_before_the_first_charge_is_free_and_parking_after_it_is_not() -> None:
    """10 min EVConnected (free), 20 min Charging (0.6667 at 2.00/h), 15 min EVConnected
    after charging (1.50 at 6.00/h)."""
    points = [
        point(MONDAY, 0, "0", "EVConnected"),
        point(MONDAY, 10, "0", "Charging"),
        point(MONDAY, 30, "0", "EVConnected"),
    ]
    cost = price(BASE, points, MONDAY, MONDAY + timedelta(minutes=45))
    assert (cost.time, cost.idle, cost.total) == (D("0.6667"), D("1.5000"), D("2.17"))


def test_a_station_that_reports_no_state_is_charging() -> None:
    cost = price(BASE, [point(MONDAY, 0, "0"), point(MONDAY, 30, "0")])
    assert (cost.time, cost.idle) == (D("1.0000"), D("0.0000"))


def test_the_minimum_and_maximum_price_bound_the_net_price_before_tax() -> None:
    cheap = replace(BASE, min_price=D("5"), tax_rate_percent=D(10))
    cost = price(cheap, [point(MONDAY, 0, "0"), point(MONDAY, 6, "0")])
    assert (cost.subtotal, cost.minimum_applied, cost.net, cost.total) == (
        D("0.2000"),
        True,
        D("5.00"),
        D("5.50"),
    )
    capped = replace(BASE, max_price=D("1.25"))
    cost = price(capped, [point(MONDAY, 0, "0"), point(MONDAY, 60, "10000")])
    assert (cost.maximum_applied, cost.net, cost.total) == (True, D("1.25"), D("1.25"))


def test_parts_round_half_up_to_four_places_and_money_to_cents() -> None:
    """1 Wh at 0.45/kWh is 0.00045 -> 0.0005; 0.0005 + 0.0050 fee -> net 0.01."""
    tariff = TariffSpec(
        name="x", currency="EUR", prices=Prices(energy_per_kwh=D("0.45")), session_fee=D("0.005")
    )
    cost = price(tariff, [point(MONDAY, 0, "0"), point(MONDAY, 1, "1")])
    assert (cost.energy, cost.subtotal, cost.net, cost.total) == (
        D("0.0005"),
        D("0.0055"),
        D("0.01"),
        D("0.01"),
    )


def test_a_register_going_backwards_adds_no_energy_and_no_points_cost_only_the_fee() -> None:
    cost = price(BASE, [point(MONDAY, 0, "5000", "SuspendedEV"), point(MONDAY, 10, "100")])
    assert cost.energy == D("0.0000")
    empty = price(TariffSpec(name="x", currency="EUR", session_fee=D("2")), [])
    assert (empty.total, empty.energy_wh) == (D("2.00"), D("0.0000"))


def test_the_running_cost_stops_at_the_latest_point() -> None:
    points = [point(MONDAY, 0, "0", "Charging"), point(MONDAY, 15, "2500")]
    assert price(BASE, points, MONDAY).total == D("1.25")


@pytest.mark.parametrize(
    ("days", "start", "end", "problem"),
    [
        ([], "10:00", "11:00", "weekdays"),
        ([8], "10:00", "11:00", "weekdays"),
        ([1], "11:00", "10:00", "before"),
        ([1], "10:60", "11:00", "time of day"),
        ([1], "10", "11:00", "HH:MM"),
        ([1], "00:00", "24:01", "time of day"),
    ],
)
def test_a_band_must_be_a_span_of_a_day_on_weekdays(
    days: list[int], start: str, end: str, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        band_of(days, start, end, Prices())
