"""Short builders for the smart charging tests' profiles."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ocpp.v201.enums import ChargingProfileKindEnumType as Kind
from ocpp.v201.enums import ChargingProfilePurposeEnumType as Purpose
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit
from ocpp.v201.enums import RecurrencyKindEnumType as Recurrency

from modules.smart_charging.recurrence import Period, Profile, Schedule

A = Unit.amps
W = Unit.watts
MAX = Purpose.charging_station_max_profile
EXTERNAL = Purpose.charging_station_external_constraints
TX_DEFAULT = Purpose.tx_default_profile
TX = Purpose.tx_profile
ABSOLUTE = Kind.absolute
RECURRING = Kind.recurring
RELATIVE = Kind.relative
DAILY = Recurrency.daily
WEEKLY = Recurrency.weekly
HOUR = 3600


def at(text: str) -> datetime:
    """A UTC instant from `YYYY-MM-DDTHH:MM`."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def periods(*pairs: tuple[int, float] | tuple[int, float, int]) -> tuple[Period, ...]:
    """Periods from (startPeriod, limit[, numberPhases]) tuples."""
    return tuple(Period(*pair) for pair in pairs)


def profile(
    purpose: Purpose,
    stack_level: int,
    *pairs: tuple[int, float] | tuple[int, float, int],
    unit: Unit = A,
    kind: Kind = ABSOLUTE,
    start: datetime | None = None,
    duration: int | None = None,
    profile_id: int | None = None,
    **more: Any,
) -> Profile:
    """A one-schedule profile; Absolute and Recurring need `start`."""
    schedule = Schedule(unit, periods(*pairs), start_schedule=start, duration=duration)
    return Profile(
        id=profile_id
        if profile_id is not None
        else stack_level + 100 * list(Purpose).index(purpose),
        stack_level=stack_level,
        purpose=purpose,
        kind=kind,
        schedules=(schedule,),
        **more,
    )
