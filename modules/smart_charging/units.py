"""Amperes and watts (K01.FR.50/51): a limit in A is per phase, a limit in W is the total, and
W = A x line voltage x number of phases. Limits carry at most one decimal, rounded down so a
converted limit never exceeds the one it came from."""

from __future__ import annotations

import math

from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

AMPS = Unit.amps
WATTS = Unit.watts


def to_watts(value: float, unit: Unit, voltage: float, phases: int) -> float:
    """`value` in `unit` as watts over `phases` phases at `voltage`."""
    return value if unit is WATTS else value * voltage * phases


def from_watts(watts: float, unit: Unit, voltage: float, phases: int) -> float:
    """`watts` expressed in `unit` (per phase when A) over `phases` phases at `voltage`."""
    return watts if unit is WATTS else watts / (voltage * phases)


def convert(value: float, unit: Unit, to: Unit, voltage: float, phases: int) -> float:
    """`value` in `unit` expressed in `to`, over `phases` phases at `voltage`."""
    return from_watts(to_watts(value, unit, voltage, phases), to, voltage, phases)


def floor_tenth(value: float) -> float:
    """`value` rounded down to one decimal (the precision OCPP allows a limit), never below 0;
    a value a float error short of a tenth (7.999999) counts as that tenth."""
    return max(0.0, math.floor(value * 10 + 1e-6) / 10)
