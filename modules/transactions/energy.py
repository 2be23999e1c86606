"""Energy per transaction from Energy.Active.Import.Register readings (pure).

A reading counts when its measurand is the import register (absent measurand means it, Part 2
SampledValueType), it is the total (no phase) and measured at the outlet (no location, or
Outlet): phase and EV-side values would mix different meters. Values are normalised to Wh:
unit Wh or kWh (absent means Wh), scaled by 10^multiplier; any other unit is not energy, and
neither is a value a float cannot hold once scaled (so no energy is ever infinite).

The first reading of a transaction is the one with context Transaction.Begin, else the
earliest by timestamp; the last is the one with context Transaction.End, else the latest.
The energy is last - first; a negative difference (a meter replaced or reset mid-session)
gives no energy rather than a wrong one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

ENERGY_REGISTER = "Energy.Active.Import.Register"
BEGIN = "Transaction.Begin"
END = "Transaction.End"
_UNIT_TO_WH = {"wh": 1.0, "kwh": 1000.0}


@dataclass(frozen=True, slots=True)
class EnergyReading:
    """One register reading in Wh at `at`; `context` is its ReadingContext (or None)."""

    at: datetime
    wh: float
    context: str | None = None


@dataclass(frozen=True, slots=True)
class EnergyBounds:
    """The first and last readings of a transaction, and the energy between them."""

    first: EnergyReading | None
    last: EnergyReading | None

    @property
    def energy_wh(self) -> float | None:
        """last - first in Wh; None without readings or when the register went backwards."""
        if self.first is None or self.last is None:
            return None
        energy = self.last.wh - self.first.wh
        return energy if 0 <= energy < math.inf else None


def to_wh(value: float, unit: str | None, multiplier: int | None) -> float | None:
    """`value` in Wh, or None when `unit` is not an energy unit this rule knows or the scaled
    value is beyond a float."""
    factor = _UNIT_TO_WH.get((unit or "Wh").lower())
    if factor is None:
        return None
    try:
        wh = float(value) * factor * 10.0 ** (multiplier or 0)
    except OverflowError:
        return None
    return wh if math.isfinite(wh) else None


def energy_reading(
    at: datetime,
    value: float,
    measurand: str | None,
    phase: str | None,
    location: str | None,
    context: str | None,
    unit: str | None,
    multiplier: int | None,
) -> EnergyReading | None:
    """The sampled value as an energy reading, or None when it is not one (see module doc)."""
    if (measurand or ENERGY_REGISTER) != ENERGY_REGISTER or phase is not None:
        return None
    if location not in (None, "Outlet"):
        return None
    wh = to_wh(value, unit, multiplier)
    return None if wh is None else EnergyReading(at, wh, context)


def merge_bounds(current: EnergyBounds, readings: Iterable[EnergyReading]) -> EnergyBounds:
    """The bounds after `readings`, given the bounds so far.

    `current.first`/`current.last` keep their contexts: once a Transaction.Begin reading is the
    first (a Transaction.End reading the last), it stays so unless an earlier Begin (a later
    End) comes, so the bounds alone stand for every reading merged before.
    """
    candidates = [r for r in (current.first, current.last) if r is not None]
    candidates.extend(readings)
    if not candidates:
        return current
    begins = [r for r in candidates if r.context == BEGIN]
    ends = [r for r in candidates if r.context == END]
    first = min(begins or candidates, key=lambda r: (r.at, r.wh))
    last = max(ends or candidates, key=lambda r: (r.at, r.wh))
    return EnergyBounds(first, last)
