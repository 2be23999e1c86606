"""A transaction's cost from its tariff and meter points (pure, `Decimal` throughout).

The session runs from its start (the transaction's start, else its first point) to its end
(the Ended event's time, else the latest point). It is cut at every point and at every band
boundary (a band's start or end, and local midnight, in the tariff's time zone); each piece
takes the prices of the band in force at its start (the tariff's own prices for what the band
leaves out, or where no band applies) and the charging state last reported at or before its
start:

- energy: the register's growth over the piece, read linearly between readings (flat before
  the first and after the last; a register going backwards counts as no energy), in kWh
  times the energy price;
- time: hours in state Charging times the time price (a state never reported counts as
  Charging: a station that does not say is charging);
- idle: hours in SuspendedEV, SuspendedEVSE or EVConnected after charging first happened
  (parking after charging; waiting before the first charge is free) times the idle price.

Rounding: the energy, time and idle parts are each rounded to 4 decimal places (half up);
subtotal = session fee + the three parts; the minimum and maximum price apply to the subtotal;
net = that, rounded to 2 places; tax = net x rate / 100, rounded to 2 places; total = net + tax.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from modules.tariffs.records import ZERO, Band, CostBreakdown, MeterPoint, Prices, TariffSpec

CHARGING = "Charging"
IDLE_STATES = frozenset({"SuspendedEV", "SuspendedEVSE", "EVConnected"})
PART = Decimal("0.0001")
CENT = Decimal("0.01")
HOUR = Decimal(3600)
KWH = Decimal(1000)
MAX_DAYS = 400
"""Band boundaries are laid out for at most this many days of one session."""


def seconds(span: timedelta) -> Decimal:
    """`span` in seconds, exactly (microseconds kept)."""
    return Decimal(span // timedelta(microseconds=1)) / Decimal(1_000_000)


def prices_at(tariff: TariffSpec, moment: datetime) -> Prices:
    """The prices in force at `moment`: the first band covering it over the tariff's own."""
    local = moment.astimezone(ZoneInfo(tariff.time_zone))
    minute = local.hour * 60 + local.minute
    for band in tariff.bands:
        if local.isoweekday() in band.days and band.start_minute <= minute < band.end_minute:
            return band.prices.over(tariff.prices)
    return tariff.prices


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def band_boundaries(tariff: TariffSpec, start: datetime, end: datetime) -> list[datetime]:
    """Every moment strictly between `start` and `end` where a band may begin or end."""
    if not tariff.bands or end <= start:
        return []
    zone = ZoneInfo(tariff.time_zone)
    edges = {edge for b in tariff.bands for edge in (b.start_minute, b.end_minute)}
    minutes = sorted({0, *edges})
    day = start.astimezone(zone).date()
    last = min(end.astimezone(zone).date(), day + timedelta(days=MAX_DAYS))
    found: list[datetime] = []
    while day <= last:
        midnight = _local_midnight(day, zone)
        for minute in minutes:
            moment = (midnight + timedelta(minutes=minute)).astimezone(start.tzinfo)
            if start < moment < end:
                found.append(moment)
        day += timedelta(days=1)
    return found


class _Register:
    """The energy register read linearly between readings."""

    def __init__(self, points: Iterable[MeterPoint]) -> None:
        readings = [(p.at, p.energy_wh) for p in points if p.energy_wh is not None]
        self._times = [at for at, _ in readings]
        self._values = [wh for _, wh in readings]

    def at(self, moment: datetime) -> Decimal:
        """The register at `moment` in Wh (0 without readings)."""
        times, values = self._times, self._values
        if not times:
            return ZERO
        after = bisect.bisect_left(times, moment)
        if after == 0:
            return values[0]
        if after == len(times):
            return values[-1]
        t0, t1 = times[after - 1], times[after]
        e0, e1 = values[after - 1], values[after]
        if t1 == moment:
            return e1
        return e0 + (e1 - e0) * seconds(moment - t0) / seconds(t1 - t0)


class _States:
    """The charging state last reported at or before a moment (Charging before any)."""

    def __init__(self, points: Iterable[MeterPoint]) -> None:
        reported = [(p.at, p.charging_state) for p in points if p.charging_state is not None]
        self._times = [at for at, _ in reported]
        self._states = [state for _, state in reported]

    def at(self, moment: datetime) -> str:
        """The state in force at `moment`."""
        index = bisect.bisect_right(self._times, moment)
        return self._states[index - 1] if index else CHARGING


def price(
    tariff: TariffSpec,
    points: Sequence[MeterPoint],
    start: datetime | None = None,
    end: datetime | None = None,
) -> CostBreakdown:
    """The cost of a session priced with `tariff` (see the module doc for the rules)."""
    ordered = sorted(points, key=lambda p: p.at)
    times = [p.at for p in ordered]
    begin = min([start, *times[:1]]) if start is not None else (times[0] if times else None)
    finish = end if end is not None else (times[-1] if times else begin)
    energy_wh = charging = idle = energy = time_cost = idle_cost = ZERO
    if begin is not None and finish is not None and finish > begin:
        register = _Register(ordered)
        states = _States(ordered)
        cuts = sorted(
            {begin, finish, *(t for t in times if begin < t < finish)}
            | set(band_boundaries(tariff, begin, finish))
        )
        charged = False
        for left, right in itertools.pairwise(cuts):
            prices = prices_at(tariff, left)
            state = states.at(left)
            grown = max(ZERO, register.at(right) - register.at(left))
            energy_wh += grown
            energy += grown / KWH * (prices.energy_per_kwh or ZERO)
            hours = seconds(right - left) / HOUR
            if state == CHARGING:
                charged = True
                charging += seconds(right - left)
                time_cost += hours * (prices.time_per_hour or ZERO)
            elif state in IDLE_STATES and charged:
                idle += seconds(right - left)
                idle_cost += hours * (prices.idle_per_hour or ZERO)
    return _total(tariff, energy_wh, charging, idle, energy, time_cost, idle_cost)


def _part(value: Decimal) -> Decimal:
    return value.quantize(PART, rounding=ROUND_HALF_UP)


def _total(
    tariff: TariffSpec,
    energy_wh: Decimal,
    charging: Decimal,
    idle: Decimal,
    energy: Decimal,
    time_cost: Decimal,
    idle_cost: Decimal,
) -> CostBreakdown:
    energy, time_cost, idle_cost = _part(energy), _part(time_cost), _part(idle_cost)
    subtotal = tariff.session_fee + energy + time_cost + idle_cost
    adjusted = subtotal
    minimum = tariff.min_price is not None and adjusted < tariff.min_price
    if tariff.min_price is not None and minimum:
        adjusted = tariff.min_price
    maximum = tariff.max_price is not None and adjusted > tariff.max_price
    if tariff.max_price is not None and maximum:
        adjusted = tariff.max_price
    net = adjusted.quantize(CENT, rounding=ROUND_HALF_UP)
    tax = (net * tariff.tax_rate_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return CostBreakdown(
        currency=tariff.currency,
        energy_wh=_part(energy_wh),
        charging_seconds=charging,
        idle_seconds=idle,
        energy=energy,
        time=time_cost,
        idle=idle_cost,
        fixed=tariff.session_fee,
        subtotal=subtotal,
        minimum_applied=minimum,
        maximum_applied=maximum,
        net=net,
        tax=tax,
        total=net + tax,
    )


def band_of(days: Iterable[int], start: str, end: str, prices: Prices) -> Band:
    """A band from "HH:MM" times (end may be "24:00"); ValueError when they do not form one."""
    first, last = _minute(start), _minute(end)
    chosen = frozenset(days)
    if not chosen or not chosen <= set(range(1, 8)):
        raise ValueError("days must be ISO weekdays 1 (Monday) to 7 (Sunday)")
    if not 0 <= first < last <= 1440:
        raise ValueError("startTime must be before endTime within one day")
    return Band(days=chosen, start_minute=first, end_minute=last, prices=prices)


def _minute(text: str) -> int:
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"{text!r} is not HH:MM")
    value = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or value > 1440:
        raise ValueError(f"{text!r} is not a time of day")
    return value


def clock(minute: int) -> str:
    """A minute of the day as "HH:MM" (1440 is "24:00")."""
    return f"{minute // 60:02d}:{minute % 60:02d}"
