"""The composite schedule a station reports in GetCompositeScheduleResponse (K08), computed from
the profiles installed on it. Pure: profiles and a request in, a schedule out.

The rules (Part 2 K 3.4 "Stacking", 3.5 "Combining Charging Profile Purposes", 4 SC.01):
- Per purpose, the leading schedule at each instant is the one of the highest stackLevel whose
  profile is valid then and whose schedule has a period then (K01.FR.17, 3.5); how one profile
  behaves in time (validity, Absolute/Recurring/Relative, duration) is in `recurrence.py`.
- For an EVSE (evseId > 0): ChargingStationMaxProfile (evseId 0, 3.2; all of it, as if the
  other EVSEs drew nothing, since how the station shares it is its own business), the
  ChargingStationExternalConstraints of the station and of the EVSE (each scope its own stack,
  both limit), and the transaction level: the EVSE's TxProfile for its running transaction
  (K01.FR.03/04) where it has a period, else the TxDefaultProfiles of the EVSE and of the
  station, stacked together (K01.FR.14/15; at an equal stackLevel, which K01.FR.52/53 forbid,
  the EVSE's own wins). Without a transaction the TxDefaultProfile is used as if one were
  running (K08.FR.06). Relative transaction-level schedules count from the transaction's start,
  or from the start of the asked interval when none runs; Relative external constraints (which
  follow no transaction) from the start of the asked interval.
- For the station (evseId 0, K08.FR.03: the total from the grid): its ChargingStationMaxProfile
  and station-level ChargingStationExternalConstraints, and the sum over `evse_ids` of each
  EVSE's own limit (its external constraints and transaction level); while one of them has no
  limit the sum has none.
- The result at each instant is the lowest of these (K08.FR.04, SC.01), units taken into
  account (K01.FR.50/51): on the fewest phases any of them allows (numberPhases absent = the
  configured default, 3 per K01.FR.49), a limit in A is per phase and one in W the total, so
  each is turned into watts over those phases, the lowest kept, and expressed in the asked unit.
  When none is asked, the station's choice is taken to be the unit of the profiles that apply
  to the EVSE, by purpose (TxProfile, TxDefaultProfile, ChargingStationMaxProfile, external
  constraints) then highest stackLevel; without any, the rated limit's, else A. Limits are
  rounded down to one decimal.
- A stretch where nothing limits cannot be left out: the periods of a schedule are contiguous
  (each runs until the next one starts, K01.FR.12) and the schedule needs at least one.
  So it is reported at the rated maximum when the request gives one (`rated_limit`, which
  also caps everything else, being what the hardware can deliver), else at `NO_LIMIT`, the
  "no limit" value the spec's own example uses (Part 2 K 3.6.1, NOTE).
- Adjacent periods with the same limit and phases are merged; times are to the second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ocpp.v201.enums import ChargingProfilePurposeEnumType as Purpose
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

from modules.kernel.timefmt import ocpp_datetime
from modules.smart_charging.recurrence import Period, Profile, Timeline, place
from modules.smart_charging.units import AMPS, floor_tenth, from_watts, to_watts

NO_LIMIT = 999_999.0
"""The limit reported where no profile limits (the spec's example value for "no limit")."""
MAX_CHANGES = 100_000
"""The most instants at which a composite schedule may change: beyond, the request is refused
(a weekly-recurring schedule of 1024 periods over a year is about 55 000)."""


class ScheduleTooLong(ValueError):
    """The asked interval holds more changes than MAX_CHANGES."""


@dataclass(frozen=True, slots=True)
class EvseTransaction:
    """The transaction running on an EVSE, and when it started (Relative profiles count from
    it)."""

    evse_id: int
    transaction_id: str
    started_at: datetime


@dataclass(frozen=True, slots=True)
class RatedLimit:
    """The most the hardware delivers: `value` in `unit` on `phases` phases (None: default)."""

    value: float
    unit: Unit
    phases: int | None = None


@dataclass(frozen=True, slots=True)
class CompositeRequest:
    """What GetCompositeSchedule asks (EVSE, start, duration in seconds, unit or None for the
    station's choice) and what the calculation needs to know about the station: the
    transactions running, its EVSEs (for evseId 0), the line voltage and default phases for
    A/W conversion, and its rated maximum."""

    evse_id: int
    start: datetime
    duration: int
    unit: Unit | None = None
    transactions: tuple[EvseTransaction, ...] = ()
    evse_ids: tuple[int, ...] = ()
    voltage: float = 230.0
    default_phases: int = 3
    rated_limit: RatedLimit | None = None


@dataclass(frozen=True, slots=True)
class CompositePeriod:
    """One period of a composite schedule: from `start_period` seconds, `limit` on
    `number_phases` phases."""

    start_period: int
    limit: float
    number_phases: int


@dataclass(frozen=True, slots=True)
class CompositeSchedule:
    """A CompositeScheduleType: periods sorted, the first at 0, none past `duration`."""

    evse_id: int
    schedule_start: datetime
    duration: int
    unit: Unit
    periods: tuple[CompositePeriod, ...]

    def to_ocpp(self) -> dict[str, Any]:
        """The schedule as OCPP JSON (CompositeScheduleType)."""
        return {
            "evseId": self.evse_id,
            "duration": self.duration,
            "scheduleStart": ocpp_datetime(self.schedule_start),
            "chargingRateUnit": self.unit.value,
            "chargingSchedulePeriod": [
                {
                    "startPeriod": period.start_period,
                    "limit": period.limit,
                    "numberPhases": period.number_phases,
                }
                for period in self.periods
            ],
        }


Limit = tuple[Period, Unit]
"""A period in force and the unit of its schedule."""


class _Stack:
    """The profiles of one purpose and scope, highest stackLevel first."""

    def __init__(self, timelines: Iterable[Timeline], evse_id: int = 0) -> None:
        def rank(timeline: Timeline) -> tuple[int, int]:
            profile = timeline.profile
            return (-profile.stack_level, 0 if profile.evse_id == evse_id else 1)

        self.timelines = sorted(timelines, key=rank)

    def leading(self, t: float) -> Limit | None:
        """The period of the leading schedule at `t`, if any schedule has one."""
        for timeline in self.timelines:
            period = timeline.period_at(t)
            if period is not None:
                return period, timeline.profile.schedule.unit
        return None


@dataclass(frozen=True, slots=True)
class _EvseStacks:
    """What limits one EVSE apart from the station-wide profiles."""

    external: _Stack
    tx_profile: _Stack
    tx_default: _Stack

    def limits(self, t: float) -> list[Limit]:
        """The EVSE's own limits in force at `t`: external constraints, transaction level."""
        found = [self.external.leading(t), self.tx_profile.leading(t) or self.tx_default.leading(t)]
        return [limit for limit in found if limit is not None]


def _evse_stacks(profiles: Sequence[Profile], request: CompositeRequest, evse: int) -> _EvseStacks:
    transaction = next((tx for tx in request.transactions if tx.evse_id == evse), None)
    since = request.start if transaction is None else transaction.started_at

    def stack(keep: Iterable[Profile], relative_start: datetime = since) -> _Stack:
        return _Stack((place(profile, request.start, relative_start) for profile in keep), evse)

    return _EvseStacks(
        external=stack(
            (
                p
                for p in profiles
                if p.purpose is Purpose.charging_station_external_constraints and p.evse_id == evse
            ),
            request.start,
        ),
        tx_profile=stack(
            p
            for p in profiles
            if p.purpose is Purpose.tx_profile
            and p.evse_id == evse
            and transaction is not None
            and p.transaction_id == transaction.transaction_id
        ),
        tx_default=stack(
            p
            for p in profiles
            if p.purpose is Purpose.tx_default_profile and p.evse_id in (0, evse)
        ),
    )


def _station_stacks(profiles: Sequence[Profile], request: CompositeRequest) -> list[_Stack]:
    def stack(purpose: Purpose) -> _Stack:
        return _Stack(
            place(p, request.start, request.start)
            for p in profiles
            if p.purpose is purpose and p.evse_id == 0
        )

    return [
        stack(Purpose.charging_station_max_profile),
        stack(Purpose.charging_station_external_constraints),
    ]


def _phases(limits: Iterable[Limit], request: CompositeRequest) -> int:
    stated = [period.number_phases for period, _ in limits if period.number_phases]
    return min(stated, default=request.default_phases)


def _lowest_watts(limits: Sequence[Limit], phases: int, voltage: float) -> float | None:
    return min(
        (to_watts(period.limit, unit, voltage, phases) for period, unit in limits), default=None
    )


def _rated(request: CompositeRequest) -> list[Limit]:
    rated = request.rated_limit
    if rated is None:
        return []
    return [(Period(0, rated.value, rated.phases), rated.unit)]


def _chosen_unit(profiles: Sequence[Profile], request: CompositeRequest) -> Unit:
    if request.unit is not None:
        return request.unit
    order = (
        Purpose.tx_profile,
        Purpose.tx_default_profile,
        Purpose.charging_station_max_profile,
        Purpose.charging_station_external_constraints,
    )
    candidates = sorted(
        (p for p in profiles if request.evse_id == 0 or p.evse_id in (0, request.evse_id)),
        key=lambda p: (order.index(p.purpose), -p.stack_level),
    )
    if candidates:
        return candidates[0].schedule.unit
    return AMPS if request.rated_limit is None else request.rated_limit.unit


def _change_points(stacks: Iterable[_Stack], duration: int) -> list[int]:
    points = {0}
    for stack in stacks:
        for timeline in stack.timelines:
            for t in timeline.changes(0, duration):
                points.add(math.ceil(t))
                if len(points) > MAX_CHANGES:
                    raise ScheduleTooLong(f"more than {MAX_CHANGES} changes in {duration} s")
    return sorted(t for t in points if t == 0 or t < duration)


def composite_schedule(profiles: Iterable[Profile], request: CompositeRequest) -> CompositeSchedule:
    """The composite schedule of `request.evse_id` over the asked interval (K08)."""
    installed = list(profiles)
    unit = _chosen_unit(installed, request)
    station = _station_stacks(installed, request)
    evses = [request.evse_id] if request.evse_id else list(request.evse_ids)
    per_evse = [_evse_stacks(installed, request, evse) for evse in evses]
    all_stacks = [*station]
    for stacks in per_evse:
        all_stacks += [stacks.external, stacks.tx_profile, stacks.tx_default]
    periods: list[CompositePeriod] = []
    for t in _change_points(all_stacks, request.duration):
        limits = [found for stack in station if (found := stack.leading(t)) is not None]
        limits += _rated(request)
        extra: float | None = None
        if request.evse_id:
            limits += per_evse[0].limits(t)
        else:
            extra = _evse_sum(per_evse, t, request)
        phases = _phases(limits, request)
        watts = _lowest_watts(limits, phases, request.voltage)
        if extra is not None:
            watts = extra if watts is None else min(watts, extra)
        limit = (
            NO_LIMIT
            if watts is None
            else floor_tenth(from_watts(watts, unit, request.voltage, phases))
        )
        if periods and (periods[-1].limit, periods[-1].number_phases) == (limit, phases):
            continue
        periods.append(CompositePeriod(t, limit, phases))
    return CompositeSchedule(request.evse_id, request.start, request.duration, unit, tuple(periods))


def _evse_sum(per_evse: Sequence[_EvseStacks], t: float, request: CompositeRequest) -> float | None:
    """The sum of the EVSEs' own limits at `t` in watts; None when one of them has none (or
    the station has no EVSE listed)."""
    total = 0.0
    for stacks in per_evse:
        limits = stacks.limits(t)
        watts = _lowest_watts(limits, _phases(limits, request), request.voltage)
        if watts is None:
            return None
        total += watts
    return total if per_evse else None
