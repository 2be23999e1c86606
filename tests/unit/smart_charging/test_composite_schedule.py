"""The composite schedule (K08) against hand-worked examples: the working is in the comments.
Times are UTC; `T` is the asked start; limits in A are per phase, W = A x 230 V x phases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from modules.kernel import schemas
from modules.smart_charging.composite_schedule import (
    NO_LIMIT,
    CompositePeriod,
    CompositeRequest,
    EvseTransaction,
    RatedLimit,
    ScheduleTooLong,
    composite_schedule,
)
from modules.smart_charging.recurrence import Profile
from tests.unit.smart_charging.profiles import (
    DAILY,
    EXTERNAL,
    HOUR,
    MAX,
    RECURRING,
    RELATIVE,
    TX,
    TX_DEFAULT,
    WEEKLY,
    A,
    W,
    at,
    profile,
)

T = at("2026-11-24T10:00")  # a Tuesday
TX1 = EvseTransaction(evse_id=1, transaction_id="tx-1", started_at=T - timedelta(minutes=10))


def limits(profiles: list[Profile], duration: int, **request: object) -> list[tuple[int, float]]:
    values: dict[str, object] = {"evse_id": 1, "start": T, "duration": duration, **request}
    schedule = composite_schedule(profiles, CompositeRequest(**values))  # type: ignore[arg-type]
    return [(period.start_period, period.limit) for period in schedule.periods]


def test_k01_fr_17_the_higher_stack_level_wins_while_it_has_a_period() -> None:
    base = profile(TX_DEFAULT, 0, (0, 16), start=T)
    # stack 1 runs T+1h .. T+3h (duration 2 h) at 10 A
    peak = profile(TX_DEFAULT, 1, (0, 10), start=T + timedelta(hours=1), duration=2 * HOUR)

    # 0..1h: only stack 0 -> 16; 1h..3h: stack 1 -> 10; 3h..4h: stack 1 ended -> 16
    assert limits([base, peak], 4 * HOUR) == [(0, 16), (3600, 10), (10800, 16)]


def test_a_higher_stack_level_overrules_even_when_its_limit_is_higher() -> None:
    low = profile(TX_DEFAULT, 0, (0, 6), start=T)
    high = profile(TX_DEFAULT, 3, (0, 20), start=T)

    assert limits([low, high], HOUR) == [(0, 20)]


def test_a_daily_recurring_profile_wraps_across_midnight() -> None:
    # every night 22:00-02:00 (startSchedule a month ago, duration 4 h): 8 A over a 32 A base
    base = profile(TX_DEFAULT, 0, (0, 32), start=at("2026-11-01T00:00"))
    night = profile(
        TX_DEFAULT,
        1,
        (0, 8),
        kind=RECURRING,
        recurrency_kind=DAILY,
        start=at("2026-11-01T22:00"),
        duration=4 * HOUR,
    )

    # asked 20:00 for 8 h: 20-22 base 32 (t 0), 22-02 night 8 (t 7200), 02-04 base (t 21600)
    assert limits([base, night], 8 * HOUR, start=at("2026-11-24T20:00")) == [
        (0, 32),
        (7200, 8),
        (21600, 32),
    ]
    # asked 01:00: inside the cycle that began yesterday 22:00 (offset 3 h of 4): 8 until 02:00
    assert limits([base, night], 3 * HOUR, start=at("2026-11-25T01:00")) == [(0, 8), (3600, 32)]


def test_the_spec_s_daily_example_profile_part2_k_3_6() -> None:
    # 11 kW 00-08, 6 kW 08-20, 11 kW 20-24, recurring daily from 2013-01-01
    daily = profile(
        TX_DEFAULT,
        0,
        (0, 11000, 3),
        (28800, 6000, 3),
        (72000, 11000, 3),
        unit=W,
        kind=RECURRING,
        recurrency_kind=DAILY,
        start=at("2013-01-01T00:00"),
        duration=86400,
    )

    # asked 22:00 for 12 h: 22-08 is 11000 (20-24 then 00-08, merged), 08-10 is 6000 (t 10 h)
    assert limits([daily], 12 * HOUR, start=at("2026-11-24T22:00")) == [(0, 11000), (36000, 6000)]


def test_k08_fr_04_the_station_max_profile_caps_the_transaction_profile() -> None:
    cap = profile(MAX, 0, (0, 20), start=T)
    # the TxProfile: 32 A for 1 h, then 10 A
    tx = profile(TX, 0, (0, 32), (3600, 10), start=T, evse_id=1, transaction_id="tx-1")

    # min(20, 32) = 20 for the first hour, min(20, 10) = 10 after
    assert limits([cap, tx], 2 * HOUR, transactions=(TX1,)) == [(0, 20), (3600, 10)]


def test_the_lowest_of_max_external_and_transaction_level_is_kept_sc_01() -> None:
    cap = profile(MAX, 0, (0, 32), start=T)
    external = profile(EXTERNAL, 0, (0, 12), start=T + timedelta(minutes=30), duration=HOUR)
    tx_default = profile(TX_DEFAULT, 0, (0, 16), start=T)

    # 0-30 min: min(32, 16) = 16; 30-90 min: external 12; after: 16 again
    assert limits([cap, external, tx_default], 2 * HOUR) == [(0, 16), (1800, 12), (5400, 16)]


def test_the_tx_profile_overrules_the_tx_default_profile_while_it_has_a_period() -> None:
    tx_default = profile(TX_DEFAULT, 5, (0, 10), start=T)
    tx = profile(TX, 0, (0, 20), start=T, duration=HOUR, evse_id=1, transaction_id="tx-1")

    # the TxProfile's 20 beats the default's 10 (not a minimum: an overrule), for its hour
    assert limits([tx_default, tx], 2 * HOUR, transactions=(TX1,)) == [(0, 20), (3600, 10)]


def test_k08_fr_06_without_a_transaction_the_tx_default_profile_is_used() -> None:
    tx_default = profile(TX_DEFAULT, 0, (0, 10), start=T)
    tx = profile(TX, 0, (0, 20), start=T, evse_id=1, transaction_id="tx-1")
    other = EvseTransaction(evse_id=1, transaction_id="tx-other", started_at=T)

    assert limits([tx_default, tx], HOUR) == [(0, 10)]
    assert limits([tx_default, tx], HOUR, transactions=(other,)) == [(0, 10)]


def test_a_profile_of_another_evse_does_not_count() -> None:
    mine = profile(TX_DEFAULT, 0, (0, 16), start=T, evse_id=1)
    theirs = profile(TX_DEFAULT, 1, (0, 6), start=T, evse_id=2)

    assert limits([mine, theirs], HOUR) == [(0, 16)]


def test_k01_fr_50_a_watt_schedule_asked_in_amperes() -> None:
    # 11040 W on 3 phases at 230 V: 11040 / (230 x 3) = 16 A per phase
    tx_default = profile(TX_DEFAULT, 0, (0, 11040, 3), unit=W, start=T)
    # 10000 W: 10000 / 690 = 14.49.. -> rounded down to 14.4
    lower = profile(TX_DEFAULT, 1, (0, 10000, 3), unit=W, start=T + timedelta(hours=1))

    assert limits([tx_default, lower], 2 * HOUR, unit=A) == [(0, 16), (3600, 14.4)]


def test_k01_fr_51_an_ampere_schedule_asked_in_watts() -> None:
    # 32 A per phase on 3 phases: 32 x 230 x 3 = 22080 W
    cap = profile(MAX, 0, (0, 32), start=T)

    assert limits([cap], HOUR, unit=W) == [(0, 22080)]


def test_units_are_compared_on_the_fewest_phases_in_force() -> None:
    # station max 11000 W; the TxProfile allows 16 A on 1 phase.
    # On 1 phase: 11000 W = 11000 / 230 = 47.8 A > 16 A, so 16 A wins = 16 x 230 = 3680 W
    cap = profile(MAX, 0, (0, 11000), unit=W, start=T)
    tx = profile(TX, 0, (0, 16, 1), start=T, evse_id=1, transaction_id="tx-1")
    request = {"evse_id": 1, "start": T, "duration": HOUR, "transactions": (TX1,)}

    in_amps = composite_schedule([cap, tx], CompositeRequest(**request, unit=A))  # type: ignore[arg-type]
    in_watts = composite_schedule([cap, tx], CompositeRequest(**request, unit=W))  # type: ignore[arg-type]

    assert in_amps.periods == (CompositePeriod(0, 16, 1),)
    assert in_watts.periods == (CompositePeriod(0, 3680, 1),)


def test_without_an_asked_unit_the_transaction_level_unit_is_used() -> None:
    cap = profile(MAX, 0, (0, 32), start=T)
    tx_default = profile(TX_DEFAULT, 0, (0, 11000), unit=W, start=T)

    schedule = composite_schedule(
        [cap, tx_default], CompositeRequest(evse_id=1, start=T, duration=HOUR)
    )

    # 32 A x 690 = 22080 W > 11000 W
    assert (schedule.unit, schedule.periods[0].limit) == (W, 11000)


def test_k01_fr_36_37_validity_windows_starting_and_ending_inside_the_interval() -> None:
    base = profile(TX_DEFAULT, 0, (0, 16), start=T)
    # valid from T+30 min (inclusive) to T+90 min (exclusive)
    window = profile(
        TX_DEFAULT,
        1,
        (0, 8),
        start=T - timedelta(days=1),
        valid_from=T + timedelta(minutes=30),
        valid_to=T + timedelta(minutes=90),
    )

    assert limits([base, window], 2 * HOUR) == [(0, 16), (1800, 8), (5400, 16)]


def test_k01_fr_30_an_absolute_schedule_imposes_nothing_before_its_start() -> None:
    later = profile(TX_DEFAULT, 0, (0, 10), start=T + timedelta(minutes=20))

    # before T+20 min nothing limits: the "no limit" value (Part 2 K 3.6.1 NOTE)
    assert limits([later], HOUR) == [(0, NO_LIMIT), (1200, 10)]


def test_a_gap_is_reported_at_the_rated_maximum_when_given() -> None:
    later = profile(TX_DEFAULT, 0, (0, 10), start=T + timedelta(minutes=20))
    rated = RatedLimit(32, A)

    assert limits([later], HOUR, rated_limit=rated) == [(0, 32), (1200, 10)]
    assert limits([], HOUR, rated_limit=rated) == [(0, 32)]


def test_a_relative_tx_profile_counts_from_the_transaction_start() -> None:
    # started T-10 min; periods 6 A for 30 min, then 16 A: 16 A from T+20 min = t 1200
    tx = profile(TX, 0, (0, 6), (1800, 16), kind=RELATIVE, evse_id=1, transaction_id="tx-1")

    assert limits([tx], HOUR, transactions=(TX1,)) == [(0, 6), (1200, 16)]


def test_a_relative_default_without_transaction_counts_from_the_asked_start() -> None:
    # K08.FR.06: as if a transaction started now
    tx_default = profile(TX_DEFAULT, 0, (0, 6), (1800, 16), kind=RELATIVE)

    assert limits([tx_default], HOUR) == [(0, 6), (1800, 16)]


def test_a_weekly_profile_overrules_a_daily_one_on_sundays_part2_k_3_6_1() -> None:
    # stack 1: 2000 W every day 17:00-20:00; stack 2: 22000 W every Sunday (from 2026-11-22)
    daily = profile(
        TX_DEFAULT,
        1,
        (0, 2000),
        unit=W,
        kind=RECURRING,
        recurrency_kind=DAILY,
        start=at("2026-01-09T17:00"),
        duration=3 * HOUR,
    )
    sunday = profile(
        TX_DEFAULT,
        2,
        (0, 22000),
        unit=W,
        kind=RECURRING,
        recurrency_kind=WEEKLY,
        start=at("2026-11-22T00:00"),
        duration=86400,
    )

    # asked Saturday 2026-11-28 16:00 for 48 h:
    # Sat 16-17 nothing (t 0); Sat 17-20 daily 2000 (t 3600); Sat 20-24 nothing (t 14400);
    # Sun 00-24 weekly 22000, also over Sunday's 17-20 (t 28800); Mon 00-16 nothing (t 115200)
    assert limits([daily, sunday], 48 * HOUR, start=at("2026-11-28T16:00"), unit=W) == [
        (0, NO_LIMIT),
        (3600, 2000),
        (14400, NO_LIMIT),
        (28800, 22000),
        (115200, NO_LIMIT),
    ]


def test_k01_fr_11_a_period_past_the_duration_never_runs() -> None:
    tx_default = profile(TX_DEFAULT, 0, (0, 10), (1800, 20), start=T, duration=1800)
    rated = RatedLimit(32, A)

    assert limits([tx_default], HOUR, rated_limit=rated) == [(0, 10), (1800, 32)]


def test_k08_fr_03_evse_0_reports_the_total_from_the_grid() -> None:
    cap = profile(MAX, 0, (0, 63), start=T)
    tx_default = profile(TX_DEFAULT, 0, (0, 32), start=T)  # applies to every EVSE (K01.FR.14)
    evse2 = profile(TX_DEFAULT, 1, (0, 10), start=T + timedelta(hours=1), evse_id=2)

    # 0-1h: 32 + 32 = 64 A per phase > 63 -> 63; after 1h: 32 + 10 = 42 A
    assert limits([cap, tx_default, evse2], 2 * HOUR, evse_id=0, evse_ids=(1, 2)) == [
        (0, 63),
        (3600, 42),
    ]
    # an EVSE with nothing limiting it leaves the station max alone
    assert limits([cap, evse2], 2 * HOUR, evse_id=0, evse_ids=(1, 2)) == [(0, 63)]


def test_external_constraints_of_the_station_and_of_the_evse_both_limit() -> None:
    station = profile(EXTERNAL, 0, (0, 20), start=T, duration=HOUR)
    evse = profile(EXTERNAL, 0, (0, 25), (1800, 15), start=T, evse_id=1)

    # 0-30: min(20, 25) = 20; 30-60: min(20, 15) = 15; 60-90: only the EVSE's 15
    assert limits([station, evse], 90 * 60) == [(0, 20), (1800, 15)]


def test_adjacent_equal_periods_are_merged() -> None:
    first = profile(TX_DEFAULT, 0, (0, 10), (600, 10), (1200, 12), start=T)

    assert limits([first], HOUR) == [(0, 10), (1200, 12)]


def test_the_schedule_is_valid_ocpp() -> None:
    cap = profile(MAX, 0, (0, 32), start=T)
    schedule = composite_schedule([cap], CompositeRequest(evse_id=1, start=T, duration=HOUR))

    body = schedule.to_ocpp()

    schemas.validate("GetCompositeSchedule", "Response", {"status": "Accepted", "schedule": body})
    assert body["scheduleStart"] == "2026-11-24T10:00:00.000Z"


def test_an_interval_with_too_many_changes_is_refused() -> None:
    many = profile(
        TX_DEFAULT,
        0,
        *((minute * 60, 10 + minute % 2) for minute in range(24 * 60)),
        kind=RECURRING,
        recurrency_kind=DAILY,
        start=at("2026-01-01T00:00"),
    )

    with pytest.raises(ScheduleTooLong):
        limits([many], 100 * 86400)


def test_a_long_interval_is_refused_before_it_is_laid_out() -> None:
    # 1024 periods a day over the longest interval a request can ask (2^31 - 1 s, 68 years)
    many = profile(
        TX_DEFAULT,
        0,
        *((n * 60, 10 + n % 2) for n in range(1024)),
        kind=RECURRING,
        recurrency_kind=DAILY,
        start=at("2026-01-01T00:00"),
    )

    with pytest.raises(ScheduleTooLong):
        limits([many], 2**31 - 1)
