"""Properties of the composite schedule over generated profile sets (a seeded generator, one
case per seed): periods sorted, the first at 0, none repeated, and at every sampled instant
the result never above the leading ChargingStationMaxProfile or ChargingStationExternalConstraints
in force (K08.FR.04, SC.01)."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest
from ocpp.v201.enums import ChargingProfilePurposeEnumType as Purpose
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

from modules.smart_charging.composite_schedule import (
    CompositeRequest,
    CompositeSchedule,
    EvseTransaction,
    composite_schedule,
)
from modules.smart_charging.recurrence import Period, Profile, Schedule, place
from modules.smart_charging.units import convert
from tests.unit.smart_charging.profiles import (
    ABSOLUTE,
    DAILY,
    EXTERNAL,
    MAX,
    RECURRING,
    RELATIVE,
    TX,
    TX_DEFAULT,
    WEEKLY,
    A,
    W,
    at,
)

T = at("2026-11-24T10:00")
TX1 = EvseTransaction(evse_id=1, transaction_id="tx-1", started_at=T - timedelta(hours=2))
VOLTAGE = 230.0


def _profile(rng: random.Random, profile_id: int) -> Profile:
    purpose = rng.choice([MAX, EXTERNAL, TX_DEFAULT, TX])
    kinds = [ABSOLUTE, RECURRING] if purpose is MAX else [ABSOLUTE, RECURRING, RELATIVE]
    kind = rng.choice(kinds)
    unit = rng.choice([A, W])
    top = 64 if unit is A else 40000
    starts = sorted({0, *(rng.randrange(1, 30 * 3600) for _ in range(rng.randrange(4)))})
    periods = tuple(
        Period(start, round(rng.uniform(0, top), 1), rng.choice([None, 1, 3])) for start in starts
    )
    start = None if kind is RELATIVE else T + timedelta(seconds=rng.randrange(-3 * 86400, 86400))
    duration = rng.choice([None, rng.randrange(600, 3 * 86400)])
    valid_from = rng.choice([None, T + timedelta(seconds=rng.randrange(-86400, 86400))])
    valid_to = rng.choice([None, T + timedelta(seconds=rng.randrange(0, 3 * 86400))])
    evse_id = 1 if purpose is TX else (0 if purpose is MAX else rng.choice([0, 1]))
    return Profile(
        id=profile_id,
        stack_level=rng.randrange(4),
        purpose=purpose,
        kind=kind,
        schedules=(Schedule(unit, periods, start_schedule=start, duration=duration),),
        evse_id=evse_id,
        recurrency_kind=rng.choice([DAILY, WEEKLY]) if kind is RECURRING else None,
        valid_from=valid_from,
        valid_to=valid_to,
        transaction_id="tx-1" if purpose is TX else None,
    )


def _case(seed: int) -> tuple[list[Profile], CompositeRequest]:
    rng = random.Random(seed)
    profiles = [_profile(rng, n) for n in range(rng.randrange(1, 7))]
    request = CompositeRequest(
        evse_id=1,
        start=T,
        duration=rng.randrange(1, 3 * 86400),
        unit=rng.choice([None, A, W]),
        transactions=rng.choice([(), (TX1,)]),
        voltage=VOLTAGE,
    )
    return profiles, request


def _leading(
    profiles: list[Profile], request: CompositeRequest, purpose: Purpose, evse: int, t: int
) -> tuple[Period, Unit] | None:
    """The leading period and unit of `purpose` on `evse` at `t`, worked out profile by profile."""
    found: list[tuple[int, Period, Unit]] = []
    for candidate in profiles:
        if candidate.purpose is not purpose or candidate.evse_id != evse:
            continue
        period = place(candidate, request.start, request.start).period_at(t)
        if period is not None:
            found.append((candidate.stack_level, period, candidate.schedule.unit))
    if not found:
        return None
    _, period, unit = max(found, key=lambda item: item[0])
    return period, unit


def _period_at(schedule: CompositeSchedule, t: int) -> tuple[float, int]:
    current = schedule.periods[0]
    for period in schedule.periods:
        if period.start_period > t:
            break
        current = period
    return current.limit, current.number_phases


@pytest.mark.parametrize("seed", range(300))
def test_periods_are_sorted_start_at_0_and_are_never_repeated(seed: int) -> None:
    profiles, request = _case(seed)

    schedule = composite_schedule(profiles, request)

    starts = [period.start_period for period in schedule.periods]
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    assert all(start < request.duration for start in starts)
    pairs = [(period.limit, period.number_phases) for period in schedule.periods]
    assert all(a != b for a, b in itertools.pairwise(pairs))


@pytest.mark.parametrize("seed", range(300))
def test_k08_fr_04_never_above_the_max_or_external_limit_in_force(seed: int) -> None:
    profiles, request = _case(seed)
    schedule = composite_schedule(profiles, request)
    rng = random.Random(-seed)
    instants = {p.start_period for p in schedule.periods}
    instants |= {rng.randrange(request.duration) for _ in range(40)}

    for t in sorted(instants):
        limit, phases = _period_at(schedule, t)
        for purpose, evse in ((MAX, 0), (EXTERNAL, 0), (EXTERNAL, 1)):
            leading = _leading(profiles, request, purpose, evse, t)
            if leading is None:
                continue
            period, unit = leading
            bound = convert(period.limit, unit, schedule.unit, VOLTAGE, phases)
            assert limit <= bound + 1e-9, (t, purpose, evse, limit, bound)
