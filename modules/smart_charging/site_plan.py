"""Sharing a site's grid limit among its active transactions (Part 2 K 2.2 "Central Smart
Charging": the CSMS optimises a group of stations that share a connection). Pure: the site's
limit, the transactions and the time in; a limit per transaction and why out. The CSMS re-plans
on every start, stop, suspension, station that stops or starts answering, and new site limit,
and sends each changed limit as a TxProfile (`tx_profile`).

The rules, all in the site's unit (a limit in A is per phase, one in W the total, K01.FR.51;
a transaction's own unit is turned into the site's with the line voltage and its phases,
K01.FR.50; a transaction in A is counted on every phase, since which phase a single-phase car
uses is not known):
- Invariant: the sum of what every transaction is counted at never exceeds the site's limit,
  except while stations that do not answer already hold more than it (`over_limit`), which no
  plan can undo: every answering transaction then gets 0 until they fall back.
- A station that does not answer cannot be told anything: its transaction is counted at what
  it may hold now (`Holding`: the limit it was last told, or the larger of two while a change
  is unanswered, until that limit's lease ends, then the fallback it was told, its minimum);
  with nothing known, at its maximum. The profile `tx_profile` builds carries that lease: its
  limit for `lease` seconds, then the minimum, so a station that stops answering falls to its
  minimum by itself and the others can be given the rest (`replan_at` says when).
- A transaction that is suspended (the EV or the EVSE not drawing) is kept at its minimum, so
  it can resume without a new plan.
- The others share what is left equally (water-filling): each gets the same level, raised to
  its minimum or cut to its maximum, the level as high as the remainder allows; when all reach
  their maximum the rest stays unused.
- When even the minimums do not fit, the transactions that started first keep theirs: in start
  order (then transaction id), each keeps its minimum if it still fits, else gets 0 (charging
  suspended by the CSMS, reason `no_room`); what is left is then shared among the kept ones.
- Limits are rounded down to one decimal in the transaction's unit, so never above the share.
- Sending order: lowered limits first, raised ones only once the lowered are acknowledged, so
  the site stays within its limit while the changes travel; a station whose answer is awaited
  counts as not answering, holding the larger of its old and new limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ocpp.v201.call import SetChargingProfile
from ocpp.v201.datatypes import (
    ChargingProfileType,
    ChargingSchedulePeriodType,
    ChargingScheduleType,
)
from ocpp.v201.enums import ChargingProfileKindEnumType as Kind
from ocpp.v201.enums import ChargingProfilePurposeEnumType as Purpose
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

from modules.kernel.timefmt import ocpp_datetime
from modules.smart_charging.units import AMPS, convert, floor_tenth, to_watts

SLACK = 1e-9
"""Float error tolerated when checking a sum against the site limit."""


class Reason(StrEnum):
    """Why a transaction got its limit."""

    SHARE = "share"
    """An equal share of what is left, between its minimum and maximum."""
    AT_MINIMUM = "at_minimum"
    """The equal share is below its minimum: it gets its minimum."""
    AT_MAXIMUM = "at_maximum"
    """The equal share is above its maximum: it gets its maximum."""
    SUSPENDED = "suspended"
    """Not drawing: kept at its minimum so it can resume."""
    UNRESPONSIVE = "unresponsive"
    """Its station does not answer: counted at what it may hold, told nothing."""
    NO_ROOM = "no_room"
    """Even the minimums do not fit and it started later than those kept: 0."""


class Change(StrEnum):
    """How a planned limit compares with what the station holds (nothing known: `lower`, as
    the station may be drawing its maximum)."""

    LOWER = "lower"
    RAISE = "raise"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class SiteLimit:
    """The site's grid limit: `value` in `unit` (A per phase, W in total), on `phases`."""

    value: float
    unit: Unit = AMPS
    phases: int = 3


@dataclass(frozen=True, slots=True)
class Holding:
    """The most a station may be applying for a transaction, in the transaction's unit:
    `limit` until `until` (None: until told otherwise), then `fallback` (None: still `limit`,
    when the profile it holds names no fallback)."""

    limit: float
    until: datetime | None = None
    fallback: float | None = None

    def at(self, now: datetime) -> float:
        """What it may apply at `now`."""
        if self.until is None or self.fallback is None or now < self.until:
            return self.limit
        return self.fallback


@dataclass(frozen=True, slots=True)
class SiteTransaction:
    """An active transaction of the site: where it runs, when it started, its minimum and
    maximum (in `unit`, on `phases`), whether it is suspended and whether its station
    answers, and what its station may hold now."""

    transaction_id: str
    station_id: str
    evse_id: int
    started_at: datetime
    min_limit: float
    max_limit: float
    unit: Unit = AMPS
    phases: int = 3
    suspended: bool = False
    responsive: bool = True
    holding: Holding | None = None


@dataclass(frozen=True, slots=True)
class Allocation:
    """A transaction's planned limit (its unit), what it counts for against the site (site
    unit), why, and how it changes what the station holds."""

    transaction: SiteTransaction
    limit: float
    counted: float
    reason: Reason
    change: Change

    @property
    def send(self) -> bool:
        """Whether a TxProfile is to be sent: the station answers and the limit changes."""
        return self.transaction.responsive and self.change is not Change.KEEP


@dataclass(frozen=True, slots=True)
class SitePlan:
    """The plan: one allocation per transaction (in the given order), the site's capacity
    and the level of the equal share (site unit), whether stations that do not answer hold
    more than the site allows, and when to plan again (a lease of one of them ends)."""

    allocations: tuple[Allocation, ...]
    capacity: float
    level: float | None
    over_limit: bool
    replan_at: datetime | None

    @property
    def counted(self) -> float:
        """What all transactions count for together (site unit)."""
        return sum(allocation.counted for allocation in self.allocations)

    @property
    def lowering(self) -> tuple[Allocation, ...]:
        """The limits to send first."""
        return tuple(a for a in self.allocations if a.send and a.change is Change.LOWER)

    @property
    def raising(self) -> tuple[Allocation, ...]:
        """The limits to send once every lowered one is acknowledged."""
        return tuple(a for a in self.allocations if a.send and a.change is Change.RAISE)


@dataclass(frozen=True, slots=True)
class _Want:
    transaction: SiteTransaction
    low: float
    high: float


def plan_site(
    site: SiteLimit,
    transactions: Iterable[SiteTransaction],
    now: datetime,
    voltage: float = 230.0,
) -> SitePlan:
    """Share `site` among `transactions` at `now` (see the module's rules)."""
    given = list(transactions)

    def to_site(value: float, tx: SiteTransaction) -> float:
        return convert(value, tx.unit, site.unit, voltage, tx.phases)

    fixed: dict[str, tuple[float, Reason]] = {}
    for tx in given:
        if not tx.responsive:
            held = tx.max_limit if tx.holding is None else tx.holding.at(now)
            fixed[tx.transaction_id] = (held, Reason.UNRESPONSIVE)
    fixed_total = sum(to_site(value, _by_id(given, key)) for key, (value, _) in fixed.items())
    room = site.value - fixed_total
    wants = [
        _Want(
            tx,
            to_site(tx.min_limit, tx),
            to_site(tx.min_limit if tx.suspended else tx.max_limit, tx),
        )
        for tx in given
        if tx.responsive
    ]
    kept = _keep_minimums(wants, room)
    level = _water_level([want for want in wants if want.transaction.transaction_id in kept], room)
    allocations = []
    for tx in given:
        if tx.transaction_id in fixed:
            limit, reason = fixed[tx.transaction_id]
        else:
            want = next(w for w in wants if w.transaction is tx)
            limit, reason = _limit(want, kept, level, site, voltage)
        allocations.append(
            Allocation(tx, limit, to_site(limit, tx), reason, _change(tx, limit, now))
        )
    leases = [
        tx.holding.until
        for tx in given
        if not tx.responsive
        and tx.holding is not None
        and tx.holding.until is not None
        and tx.holding.fallback is not None
    ]
    return SitePlan(
        allocations=tuple(allocations),
        capacity=site.value,
        level=level,
        over_limit=room < -SLACK,
        replan_at=min((until for until in leases if until > now), default=None),
    )


def _by_id(transactions: Sequence[SiteTransaction], transaction_id: str) -> SiteTransaction:
    return next(tx for tx in transactions if tx.transaction_id == transaction_id)


def _keep_minimums(wants: Sequence[_Want], room: float) -> set[str]:
    """The transactions that keep at least their minimum: all when the minimums fit, else the
    earliest started that still fit, one by one."""
    if sum(want.low for want in wants) <= room + SLACK:
        return {want.transaction.transaction_id for want in wants}
    kept: set[str] = set()
    for want in sorted(
        wants, key=lambda w: (w.transaction.started_at, w.transaction.transaction_id)
    ):
        if want.low <= room + SLACK:
            kept.add(want.transaction.transaction_id)
            room -= want.low
    return kept


def _water_level(wants: Sequence[_Want], room: float) -> float | None:
    """The level L with sum(clamp(L, low, high)) == room, or None when every want reaches its
    high below it (or there is none)."""
    if not wants or sum(want.high for want in wants) <= room + SLACK:
        return None
    points = sorted({want.low for want in wants} | {want.high for want in wants})

    def filled(level: float) -> float:
        return sum(min(max(level, want.low), want.high) for want in wants)

    below = points[0]
    for point in points[1:]:
        if filled(point) >= room:
            rising = sum(1 for want in wants if want.low <= below and want.high >= point)
            return below + (room - filled(below)) / rising if rising else below
        below = point
    return below


def _limit(
    want: _Want, kept: set[str], level: float | None, site: SiteLimit, voltage: float
) -> tuple[float, Reason]:
    tx = want.transaction
    if tx.transaction_id not in kept:
        return 0.0, Reason.NO_ROOM
    if tx.suspended:
        return floor_tenth(tx.min_limit), Reason.SUSPENDED
    if level is None or level >= want.high:
        value, reason = want.high, Reason.AT_MAXIMUM
    elif level <= want.low:
        value, reason = want.low, Reason.AT_MINIMUM
    else:
        value, reason = level, Reason.SHARE
    return floor_tenth(convert(value, site.unit, tx.unit, voltage, tx.phases)), reason


def _change(tx: SiteTransaction, limit: float, now: datetime) -> Change:
    if tx.holding is None:
        return Change.LOWER
    held = tx.holding.at(now)
    if limit < held:
        return Change.LOWER
    return Change.RAISE if limit > held else Change.KEEP


def capacity_watts(site: SiteLimit, voltage: float = 230.0) -> float:
    """The site's limit in watts (a limit in A on all its phases)."""
    return to_watts(site.value, site.unit, voltage, site.phases)


def tx_profile(
    allocation: Allocation,
    profile_id: int,
    now: datetime,
    stack_level: int = 0,
    lease: int | None = None,
) -> SetChargingProfile:
    """The SetChargingProfile that gives `allocation`'s transaction its limit from `now`: an
    Absolute TxProfile (K01.FR.03/16) on its EVSE, its limit on its phases, and after `lease`
    seconds, when given, its minimum (so a station that stops answering falls back to it).
    Raises ValueError for a transaction on evseId 0."""
    tx = allocation.transaction
    if tx.evse_id < 1:
        raise ValueError(f"a TxProfile is set on an EVSE (evseId > 0, K01.FR.16), not {tx.evse_id}")
    periods = [ChargingSchedulePeriodType(0, allocation.limit, tx.phases)]
    fallback = floor_tenth(tx.min_limit)
    if lease is not None and fallback < allocation.limit:
        periods.append(ChargingSchedulePeriodType(lease, fallback, tx.phases))
    schedule = ChargingScheduleType(
        id=profile_id,
        charging_rate_unit=tx.unit,
        charging_schedule_period=periods,
        start_schedule=ocpp_datetime(now),
    )
    profile = ChargingProfileType(
        id=profile_id,
        stack_level=stack_level,
        charging_profile_purpose=Purpose.tx_profile,
        charging_profile_kind=Kind.absolute,
        charging_schedule=[schedule],
        transaction_id=tx.transaction_id,
    )
    return SetChargingProfile(evse_id=tx.evse_id, charging_profile=profile)
