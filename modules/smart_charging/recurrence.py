"""One charging profile as a function of time (Part 2 K "Charging profiles", 2.10-2.12): which
period of its schedule applies at an instant, and the instants where that can change. Pure.

Times are seconds relative to an origin the caller picks (the start of the asked interval),
as floats; a profile's date-times are turned into such seconds with `seconds_since`.

- A profile counts from `valid_from` (inclusive, K01.FR.36) to `valid_to` (exclusive,
  K01.FR.37); without them it is valid indefinitely (K01.FR.10).
- Absolute: the schedule starts at `startSchedule` and imposes nothing before it (K01.FR.30).
- Recurring: the schedule restarts at its first period every 24 h (Daily) or 7 days (Weekly)
  from `startSchedule`, counted in UTC (no daylight saving shift: the spec's TIP in 3.6 asks
  for a special profile on such days). A schedule that starts at 17:00 with a duration of 10 h
  therefore covers 17:00-03:00 every night, across midnight. A duration longer than the
  recurrence (or none) is cut at the next restart; a shorter one leaves the rest of the cycle
  to lower stack levels (K01.FR.13). A Recurring profile without recurrencyKind counts as Daily.
- Relative: the schedule starts when the transaction does (K01.FR.41/42); the caller passes
  that moment, or the start of the asked interval when no transaction runs (K08.FR.06: "as if
  a transaction is ongoing").
- A period runs from its startPeriod until the next one starts or the duration ends
  (K01.FR.12); a period starting at or after the duration never runs (K01.FR.11). Before the
  first period (whose startPeriod should be 0, K01.FR.31) nothing is imposed.
- Only the first chargingSchedule counts: a profile carries one except in an ISO 15118
  session (K01.FR.34), where the EV's choice is not known to the CSMS.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from ocpp.v201.enums import ChargingProfileKindEnumType as Kind
from ocpp.v201.enums import ChargingProfilePurposeEnumType as Purpose
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit
from ocpp.v201.enums import RecurrencyKindEnumType as Recurrency

DAY = 86_400
WEEK = 7 * DAY


@dataclass(frozen=True, slots=True)
class Period:
    """A ChargingSchedulePeriod: `limit` (in the schedule's unit) from `start_period` seconds
    after the schedule starts."""

    start_period: int
    limit: float
    number_phases: int | None = None
    phase_to_use: int | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """A ChargingSchedule: its unit, its periods (sorted by start, K01.FR.35), and optionally
    its start (Absolute, Recurring), duration in seconds and the EV's minimum rate (kept, not
    used by the composite schedule: K01.FR.21 leaves it to the station's own balancing)."""

    unit: Unit
    periods: tuple[Period, ...]
    start_schedule: datetime | None = None
    duration: int | None = None
    min_charging_rate: float | None = None
    id: int = 1


@dataclass(frozen=True, slots=True)
class Profile:
    """A ChargingProfile installed on a station, on `evse_id` (0: the station)."""

    id: int
    stack_level: int
    purpose: Purpose
    kind: Kind
    schedules: tuple[Schedule, ...]
    evse_id: int = 0
    recurrency_kind: Recurrency | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    transaction_id: str | None = None

    @property
    def schedule(self) -> Schedule:
        """The schedule that counts: the first one."""
        return self.schedules[0]


def seconds_since(origin: datetime, moment: datetime) -> float:
    """`moment` as seconds after `origin` (negative before it)."""
    return (moment - origin).total_seconds()


def cycle_length(profile: Profile) -> int | None:
    """Seconds between two restarts of a Recurring profile; None for the other kinds."""
    if profile.kind is not Kind.recurring:
        return None
    return WEEK if profile.recurrency_kind is Recurrency.weekly else DAY


@dataclass(frozen=True, slots=True)
class Timeline:
    """A profile placed on the caller's time axis: where its schedule starts (`origin`), its
    validity bounds, all in seconds from the caller's origin, and its periods' starts."""

    profile: Profile
    origin: float
    valid_from: float | None
    valid_to: float | None
    starts: tuple[int, ...]

    def period_at(self, t: float) -> Period | None:
        """The period that applies at `t`, or None when the profile imposes nothing then."""
        if self.valid_from is not None and t < self.valid_from:
            return None
        if self.valid_to is not None and t >= self.valid_to:
            return None
        offset = t - self.origin
        if offset < 0:
            return None
        cycle = cycle_length(self.profile)
        if cycle is not None:
            offset %= cycle
        schedule = self.profile.schedule
        if schedule.duration is not None and offset >= schedule.duration:
            return None
        index = bisect.bisect_right(self.starts, offset)
        return schedule.periods[index - 1] if index else None

    def changes(self, lo: float, hi: float) -> Iterator[float]:
        """Every instant in [lo, hi) at which `period_at` may change, lazily (a recurring
        schedule over a long interval yields many)."""
        bounds = (self.valid_from, self.valid_to)
        yield from (t for t in bounds if t is not None and lo <= t < hi)
        schedule = self.profile.schedule
        offsets = [0.0, *(float(period.start_period) for period in schedule.periods)]
        if schedule.duration is not None:
            offsets.append(float(schedule.duration))
        cycle = cycle_length(self.profile)
        if cycle is None:
            yield from (t for offset in offsets if lo <= (t := self.origin + offset) < hi)
            return
        offsets = [offset for offset in offsets if offset <= cycle]
        first = max(0, math.floor((lo - self.origin) / cycle))
        last = math.floor((hi - self.origin) / cycle)
        for k in range(first, last + 1):
            start = self.origin + k * cycle
            yield from (t for offset in offsets if lo <= (t := start + offset) < hi)


def place(profile: Profile, origin: datetime, relative_start: datetime) -> Timeline:
    """`profile` on the time axis starting at `origin`; a Relative profile (or one missing its
    startSchedule, which K01.FR.40 forbids) starts at `relative_start`."""
    start = profile.schedule.start_schedule
    if profile.kind is Kind.relative or start is None:
        start = relative_start
    return Timeline(
        profile,
        seconds_since(origin, start),
        None if profile.valid_from is None else seconds_since(origin, profile.valid_from),
        None if profile.valid_to is None else seconds_since(origin, profile.valid_to),
        tuple(period.start_period for period in profile.schedule.periods),
    )
