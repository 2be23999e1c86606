"""Energy per transaction from Energy.Active.Import.Register readings (J02, E06), and the
sampled-value conversions and downsampling behind the transaction queries."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from modules.kernel.errors import PropertyConstraintViolation
from modules.transactions.downsample import downsample, evenly_spaced
from modules.transactions.energy import (
    BEGIN,
    END,
    EnergyBounds,
    EnergyReading,
    energy_reading,
    merge_bounds,
    to_wh,
)
from modules.transactions.meter_values import samples_of

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_units_are_normalised_to_wh() -> None:
    """Wh or kWh (absent: Wh), times 10^multiplier; other units are not energy."""
    assert to_wh(12.5, None, None) == 12.5
    assert to_wh(12.5, "Wh", 0) == 12.5
    assert to_wh(1.5, "kWh", None) == 1500.0
    assert to_wh(15, "Wh", 2) == 1500.0
    assert to_wh(1500, "kWh", -3) == pytest.approx(1500.0)
    assert to_wh(3.0, "varh", None) is None


def test_only_the_total_outlet_import_register_counts() -> None:
    """Absent measurand means the import register; phases, EV side, other measurands don't."""
    assert energy_reading(T0, 5, None, None, None, None, None, None) == EnergyReading(T0, 5.0)
    assert energy_reading(T0, 5, None, None, "Outlet", BEGIN, "kWh", 0) == EnergyReading(
        T0, 5000.0, BEGIN
    )
    assert energy_reading(T0, 5, None, "L1", None, None, None, None) is None
    assert energy_reading(T0, 5, None, None, "EV", None, None, None) is None
    assert energy_reading(T0, 5, "Power.Active.Import", None, None, None, "W", None) is None


def test_first_and_last_by_timestamp_whatever_the_arrival_order() -> None:
    """energy = latest - earliest, the same for every order readings arrive in."""
    readings = [EnergyReading(at(m), 1000.0 + 10 * m) for m in (0, 5, 10, 15)]
    for order in itertools.permutations(readings):
        bounds = EnergyBounds(None, None)
        for reading in order:
            bounds = merge_bounds(bounds, [reading])
        assert bounds.first == readings[0]
        assert bounds.last == readings[-1]
        assert bounds.energy_wh == 150.0


def test_transaction_begin_and_end_take_priority() -> None:
    """Context Transaction.Begin / Transaction.End mark the start and stop readings, even
    when a clock-aligned reading lies outside them."""
    before = EnergyReading(at(-1), 900.0)
    begin = EnergyReading(at(0), 1000.0, BEGIN)
    end = EnergyReading(at(30), 1400.0, END)
    after = EnergyReading(at(31), 1450.0)
    bounds = merge_bounds(EnergyBounds(None, None), [before, after, begin, end])
    assert (bounds.first, bounds.last) == (begin, end)
    assert bounds.energy_wh == 400.0


def test_pinned_bounds_stand_for_every_reading_merged_before() -> None:
    """The stored bounds keep their contexts, so merging one message at a time (never passing
    the earlier readings again) gives the same bounds for every arrival order."""
    readings = [
        EnergyReading(at(-5), 10.0),
        EnergyReading(at(-1), 900.0),
        EnergyReading(at(0), 1000.0, BEGIN),
        EnergyReading(at(10), 1200.0),
        EnergyReading(at(30), 1400.0, END),
        EnergyReading(at(31), 1450.0),
    ]
    for order in itertools.permutations(readings):
        bounds = EnergyBounds(None, None)
        for reading in order:
            bounds = merge_bounds(bounds, [reading])
        assert (bounds.first, bounds.last) == (readings[2], readings[4])
        assert bounds.energy_wh == 400.0


def test_one_reading_gives_zero_and_a_backwards_register_gives_none() -> None:
    """A single reading: 0 Wh; last < first (meter replaced): no energy rather than wrong."""
    single = merge_bounds(EnergyBounds(None, None), [EnergyReading(T0, 10.0)])
    assert single.energy_wh == 0.0
    backwards = merge_bounds(
        EnergyBounds(None, None), [EnergyReading(at(0), 500.0), EnergyReading(at(1), 20.0)]
    )
    assert backwards.energy_wh is None
    assert EnergyBounds(None, None).energy_wh is None


def test_samples_keep_every_field_and_default_the_measurand() -> None:
    """J01/J02: typed samples; absent measurand is the import register; signed data kept."""
    signed = {
        "signedMeterData": "AQID",
        "signingMethod": "ECDSA",
        "encodingMethod": "OCMF",
        "publicKey": "KEY",
    }
    samples = samples_of(
        [
            {
                "timestamp": "2026-03-01T10:00:00Z",
                "sampledValue": [
                    {"value": 1.5, "unitOfMeasure": {"unit": "kWh"}, "signedMeterValue": signed},
                    {
                        "value": 230,
                        "measurand": "Voltage",
                        "phase": "L1-N",
                        "location": "Outlet",
                        "context": "Sample.Periodic",
                        "unitOfMeasure": {"unit": "V", "multiplier": 0},
                    },
                ],
            }
        ]
    )
    energy, voltage = samples
    assert energy.measurand == "Energy.Active.Import.Register"
    assert energy.signed_data == signed
    assert energy.energy() == EnergyReading(T0, 1500.0)
    assert (voltage.measurand, voltage.phase, voltage.location) == ("Voltage", "L1-N", "Outlet")
    assert (voltage.unit, voltage.multiplier, voltage.value) == ("V", 0, 230.0)
    assert voltage.energy() is None
    assert samples_of(None) == []


def test_evenly_spaced_keeps_first_and_last() -> None:
    """At most max_points indexes, spread evenly, the ends kept."""
    assert evenly_spaced(3, 10) == [0, 1, 2]
    assert evenly_spaced(11, 3) == [0, 5, 10]
    assert evenly_spaced(100, 1) == [99]
    with pytest.raises(ValueError):
        evenly_spaced(5, 0)


def test_downsample_is_per_series_and_keeps_order() -> None:
    """Each series is thinned on its own; interleaved input stays in its order."""
    items = [(series, i) for i in range(10) for series in ("energy", "power")]
    kept = downsample(items, 2, series=lambda item: item[0])
    assert kept == [("energy", 0), ("power", 0), ("energy", 9), ("power", 9)]


@pytest.mark.parametrize(
    ("value", "multiplier"), [(1.0, 400), (1e308, 1), (-1e308, 10), (1.0, 32767)]
)
def test_a_reading_beyond_a_float_once_scaled_is_no_energy(value: float, multiplier: int) -> None:
    """10^400 overflows a float and 1e308 * 10 is infinite: neither may become an energy (a
    GraphQL Float cannot be infinite), nor fail the message."""
    assert to_wh(value, "Wh", multiplier) is None
    assert energy_reading(T0, value, None, None, None, None, None, multiplier) is None


def test_an_energy_beyond_a_float_is_none() -> None:
    bounds = EnergyBounds(EnergyReading(at(0), -1.7e308), EnergyReading(at(1), 1.7e308))
    assert bounds.energy_wh is None


@pytest.mark.parametrize("multiplier", [-32769, 32768, 2**31 - 1])
def test_a_multiplier_the_samples_table_cannot_keep_is_refused_naming_it(multiplier: int) -> None:
    meter_value = {"timestamp": "2026-03-01T10:00:00Z", "sampledValue": [{"value": 1}]}
    odd = {"value": 1, "unitOfMeasure": {"multiplier": multiplier}}
    second = {"timestamp": "2026-03-01T10:01:00Z", "sampledValue": [{"value": 2}, odd]}

    with pytest.raises(PropertyConstraintViolation) as caught:
        samples_of([meter_value, second])

    field = "meterValue.1.sampledValue.1.unitOfMeasure.multiplier"
    assert caught.value.details == {"field": field}


def test_odd_but_valid_times_become_utc_sample_times() -> None:
    """A leap second and lower-case t/z (RFC 3339) are read; the time is kept as sent too."""
    sent = [
        {"timestamp": "2016-12-31T23:59:60Z", "sampledValue": [{"value": 1}]},
        {"timestamp": "2026-03-01t11:00:00+01:00", "sampledValue": [{"value": 2}]},
    ]

    leap, lower = samples_of(sent)

    assert leap.sampled_at == datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert lower.sampled_at == T0
    assert lower.timestamp == "2026-03-01t11:00:00+01:00"
