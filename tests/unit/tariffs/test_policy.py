"""The tariffs block's rules: the place a driver's tariff comes from, when a response carries
the cost (I02/I03), meter points merged and thinned, tariffs and places checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from modules.kernel.commands import InvalidCommand
from modules.tariffs import Assignment, MeterPoint, Prices, TariffSpec
from modules.tariffs.policy import (
    Driver,
    check_assignment,
    check_tariff,
    choose,
    merged_points,
    reports_cost,
    shows_tariff_text,
)

T0 = datetime(2026, 3, 2, 10, tzinfo=UTC)
DRIVER = Driver("CS1", 2, "TOKEN", "GROUP")
PLACES = {
    "token": Assignment(id_token="TOKEN"),
    "group": Assignment(id_token="GROUP"),
    "evse": Assignment(station_id="CS1", evse_id=2),
    "station": Assignment(station_id="CS1"),
    "default": Assignment(),
}


@pytest.mark.parametrize(
    ("assigned", "chosen"),
    [
        (["token", "group", "evse", "station", "default"], "token"),
        (["group", "evse", "station", "default"], "group"),
        (["evse", "station", "default"], "evse"),
        (["station", "default"], "station"),
        (["default"], "default"),
    ],
)
def test_id_token_beats_group_beats_evse_beats_station_beats_default(
    assigned: list[str], chosen: str
) -> None:
    ids = {name: index for index, name in enumerate(PLACES)}
    found = [(PLACES[name], ids[name]) for name in assigned]
    assert choose(DRIVER, found) == ids[chosen]


def test_no_place_no_tariff_and_other_places_do_not_count() -> None:
    assert choose(DRIVER, []) is None
    other = [(Assignment(station_id="CS2"), 1), (Assignment(station_id="CS1", evse_id=1), 2)]
    assert choose(DRIVER, other) is None
    assert choose(Driver("CS1"), [(Assignment(id_token="TOKEN"), 1)]) is None


def test_the_cost_is_reported_on_ended_and_on_updated_with_a_reading() -> None:
    """I03.FR.02 (Ended always), I02.FR.01 (Updated with a reading), never on Started."""
    assert reports_cost("Ended", False)
    assert reports_cost("Updated", True)
    assert not reports_cost("Updated", False)
    assert not reports_cost("Started", True)


def test_points_merge_in_time_order_completing_one_another() -> None:
    kept = (MeterPoint(T0, Decimal(0)), MeterPoint(T0 + timedelta(minutes=10), Decimal(100)))
    new = [
        MeterPoint(T0 + timedelta(minutes=5), Decimal(50)),
        MeterPoint(T0 + timedelta(minutes=10), charging_state="SuspendedEV"),
    ]
    assert merged_points(kept, new) == (
        kept[0],
        new[0],
        MeterPoint(T0 + timedelta(minutes=10), Decimal(100), "SuspendedEV"),
    )


def test_points_beyond_the_limit_are_thinned_keeping_state_changes_first_and_last() -> None:
    states = {3: "SuspendedEV", 7: "Charging"}
    points = [MeterPoint(T0 + timedelta(minutes=i), Decimal(i), states.get(i)) for i in range(12)]
    thinned = merged_points((), points, limit=8)
    assert len(thinned) <= 8
    assert thinned[0] == points[0] and thinned[-1] == points[-1]
    assert points[3] in thinned and points[7] in thinned


SPEC = TariffSpec(name="T", currency="EUR", prices=Prices(energy_per_kwh=Decimal("0.3")))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "input.name"),
        ({"currency": "EURO"}, "input.currency"),
        ({"prices": Prices(idle_per_hour=Decimal("-1"))}, "input.idlePerHour"),
        ({"prices": Prices(time_per_hour=Decimal("NaN"))}, "input.timePerHour"),
        ({"max_price": Decimal("10000001")}, "input.maxPrice"),
        ({"tax_rate_percent": Decimal("100.5")}, "input.taxRatePercent"),
        ({"time_zone": "Nowhere/Else"}, "input.timeZone"),
        ({"language": "a-very-long-tag"}, "input.language"),
    ],
)
def test_a_tariff_that_cannot_price_is_refused_naming_the_field(
    change: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        check_tariff(replace(SPEC, **change))  # type: ignore[arg-type]
    assert refused.value.field == field


def test_a_good_tariff_and_places_pass() -> None:
    assert check_tariff(SPEC) == SPEC
    for place in PLACES.values():
        assert check_assignment(place) == place


@pytest.mark.parametrize(
    ("reported", "shown"),
    [
        ({}, True),
        ({"tariffavailable": "true", "tariffenabled": "true"}, True),
        ({"tariffenabled": "false"}, False),
        ({"tariffavailable": "false"}, False),
        ({"tariffavailable": "false", "displayavailable": "true"}, True),
        ({"tariffenabled": "false", "displayavailable": "false"}, False),
    ],
)
def test_tc_i_01_tariff_texts_go_to_stations_that_show_them(
    reported: dict[str, str], shown: bool
) -> None:
    """I01.FR.02: tariff support (not reported off) or display-message support."""
    assert shows_tariff_text(reported) is shown
