"""Pure rules of block K: what a charging profile must be before it is sent (K01), what the
station's device model lets it be (SmartChargingCtrlr), which installed profiles it would
clash with, and the schedule offered for an EV's charging needs (K15).

Each rule raises `InvalidCommand` naming the profile's field; the device model's refusals
carry code UNSUPPORTED_BY_STATION, clashes with installed profiles code PROFILE_CLASH. A
capability the station did not report refuses nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from modules.kernel.commands import InvalidCommand
from modules.smart_charging.records import (
    CapabilityVariable,
    EvNeeds,
    EvNeedsView,
    JsonObject,
    Presence,
    Profile,
    ProfileView,
    RunningTransaction,
)

UNSUPPORTED = "UNSUPPORTED_BY_STATION"
"""The code of a refusal the station's device model asks for."""
CLASH = "PROFILE_CLASH"
"""The code of a refusal because of a profile the station holds (K01.FR.06/39/52/53)."""

MAX_PROFILE = "ChargingStationMaxProfile"
TX_DEFAULT = "TxDefaultProfile"
TX_PROFILE = "TxProfile"
EXTERNAL = "ChargingStationExternalConstraints"
RELATIVE = "Relative"
RECURRING = "Recurring"
MAX_SCHEDULES = 3
"""ChargingProfileType allows three schedules (only after an EV's charging needs, K15)."""

AC_VOLTS_PER_AMPERE_PHASES = 3
"""Phases an AC offer assumes when turning amperes into watts (K01.FR.49's default)."""

FIELD = "chargingProfile"


def _refuse(field: str, problem: str, code: str = "INVALID_ARGUMENT") -> InvalidCommand:
    return InvalidCommand(f"{FIELD}.{field}" if field else FIELD, problem, code)


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What the station's SmartChargingCtrlr says (None: not reported)."""

    max_stack_level: int | None = None
    periods_per_schedule: int | None = None
    rate_units: frozenset[str] | None = None
    max_profiles: int | None = None
    phase_switching: bool | None = None


def _integer(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def capabilities_of(variables: Sequence[CapabilityVariable], evse_id: int) -> Capabilities:
    """The SmartChargingCtrlr variables that bound a profile on `evse_id`: ProfileStackLevel,
    PeriodsPerSchedule, RateUnit, Entries (instance ChargingProfiles) and
    (AC)PhaseSwitchingSupported (the EVSE's own when it reported one, else the station's)."""
    found: dict[str, object] = {}
    switching: dict[int | None, bool] = {}
    for row in variables:
        name = row.variable.lower()
        if name == "profilestacklevel":
            found["max_stack_level"] = _integer(row.value)
        elif name == "periodsperschedule":
            found["periods_per_schedule"] = _integer(row.value)
        elif name in ("rateunit", "chargingschedulechargingrateunit") and row.value:
            units = {part.strip() for part in row.value.split(",") if part.strip()}
            found["rate_units"] = frozenset(units)
        elif name == "entries" and (row.instance or "").lower() in ("", "chargingprofiles"):
            found["max_profiles"] = _integer(row.value)
        elif name.endswith("phaseswitchingsupported") and row.value is not None:
            switching[row.evse_id] = row.value.strip().lower() == "true"
    phase = switching.get(evse_id, switching.get(None))
    return Capabilities(phase_switching=phase, **found)  # type: ignore[arg-type]


def _check_kind(profile: Profile) -> None:
    if profile.purpose == MAX_PROFILE and profile.kind == RELATIVE:
        raise _refuse("chargingProfileKind", "a ChargingStationMaxProfile cannot be Relative")
    if profile.kind == RECURRING and profile.recurrency_kind is None:
        raise _refuse("recurrencyKind", "a Recurring profile needs Daily or Weekly")
    if profile.kind != RECURRING and profile.recurrency_kind is not None:
        raise _refuse("recurrencyKind", "only a Recurring profile has one")
    if profile.valid_from and profile.valid_to and profile.valid_from >= profile.valid_to:
        raise _refuse("validTo", "must be after validFrom")


def _check_purpose(profile: Profile) -> None:
    if profile.purpose == EXTERNAL:
        raise _refuse(
            "chargingProfilePurpose",
            "ChargingStationExternalConstraints is set by external systems, not the CSMS",
        )
    if profile.evse_id < 0:
        raise InvalidCommand("evseId", "must be >= 0 (0: the whole station)")
    if profile.purpose == MAX_PROFILE and profile.evse_id != 0:
        raise InvalidCommand("evseId", "a ChargingStationMaxProfile is set on evseId 0")
    if profile.purpose == TX_PROFILE:
        if profile.evse_id == 0:
            raise InvalidCommand("evseId", "a TxProfile is set on an EVSE (>= 1)")
        if not profile.transaction_id:
            raise _refuse("transactionId", "a TxProfile needs the running transaction's id")
    elif profile.transaction_id is not None:
        raise _refuse("transactionId", "only a TxProfile names a transaction")


def _check_periods(where: str, periods: list[JsonObject]) -> None:
    if not periods:
        raise _refuse(f"{where}.chargingSchedulePeriod", "needs at least one period")
    if periods[0].get("startPeriod") != 0:
        raise _refuse(f"{where}.chargingSchedulePeriod.0.startPeriod", "the first must be 0")
    for index, period in enumerate(periods):
        at = f"{where}.chargingSchedulePeriod.{index}"
        if index and period["startPeriod"] <= periods[index - 1]["startPeriod"]:
            raise _refuse(f"{at}.startPeriod", "must be after the previous period's")
        if period["limit"] < 0:
            raise _refuse(f"{at}.limit", "must be >= 0")
        phase = period.get("phaseToUse")
        if phase is not None and period.get("numberPhases") != 1:
            raise _refuse(f"{at}.phaseToUse", "only with numberPhases 1")


def check_profile(profile: Profile, several_schedules: bool = False) -> None:
    """K01: raise InvalidCommand when `profile` cannot be sent to any station: its purpose
    and EVSE (K01.FR.16, K01.FR.22, MaxProfile on 0), transactionId only and always with a
    TxProfile (K01.FR.03), its kind (K01.FR.38, K01.FR.40/41, recurrency), validity, one
    schedule unless an EV's charging needs are known (`several_schedules`, K01.FR.34), and
    its periods (the first at 0, K01.FR.31; ascending, K01.FR.35; phaseToUse only with one
    phase, K01.FR.19)."""
    _check_purpose(profile)
    _check_kind(profile)
    allowed = MAX_SCHEDULES if several_schedules else 1
    if not profile.schedules or len(profile.schedules) > allowed:
        raise _refuse("chargingSchedule", f"needs 1 to {allowed} schedules (K01.FR.34)")
    ids = [schedule["id"] for schedule in profile.schedules]
    if len(set(ids)) != len(ids):
        raise _refuse("chargingSchedule", "schedule ids must differ")
    for index, schedule in enumerate(profile.schedules):
        where = f"chargingSchedule.{index}"
        has_start = schedule.get("startSchedule") is not None
        if profile.kind == RELATIVE and has_start:
            raise _refuse(f"{where}.startSchedule", "a Relative profile has none (K01.FR.41)")
        if profile.kind != RELATIVE and not has_start:
            raise _refuse(f"{where}.startSchedule", f"a {profile.kind} profile needs one")
        duration = schedule.get("duration")
        if duration is not None and duration <= 0:
            raise _refuse(f"{where}.duration", "must be > 0")
        _check_periods(where, list(schedule["chargingSchedulePeriod"]))


def check_supported(
    profile: Profile, capabilities: Capabilities, installed: Sequence[ProfileView]
) -> None:
    """Raise InvalidCommand (UNSUPPORTED_BY_STATION) when the station's SmartChargingCtrlr
    says it would refuse `profile`: stackLevel above ProfileStackLevel, more periods than
    PeriodsPerSchedule, a rate unit outside RateUnit, phaseToUse without phase switching
    (K01.FR.20), one profile more than Entries holds."""
    if capabilities.max_stack_level is not None and (
        profile.stack_level > capabilities.max_stack_level
    ):
        raise _refuse(
            "stackLevel",
            f"the station's ProfileStackLevel is {capabilities.max_stack_level}",
            UNSUPPORTED,
        )
    for index, schedule in enumerate(profile.schedules):
        where = f"chargingSchedule.{index}"
        periods = schedule["chargingSchedulePeriod"]
        most = capabilities.periods_per_schedule
        if most is not None and len(periods) > most:
            raise _refuse(
                f"{where}.chargingSchedulePeriod",
                f"{len(periods)} periods, the station's PeriodsPerSchedule is {most}",
                UNSUPPORTED,
            )
        units = capabilities.rate_units
        if units is not None and schedule["chargingRateUnit"] not in units:
            raise _refuse(
                f"{where}.chargingRateUnit",
                f"the station's RateUnit allows {','.join(sorted(units))}",
                UNSUPPORTED,
            )
        if capabilities.phase_switching is False and any(
            period.get("phaseToUse") is not None for period in periods
        ):
            raise _refuse(
                f"{where}.chargingSchedulePeriod",
                "phaseToUse needs ACPhaseSwitchingSupported (K01.FR.20)",
                UNSUPPORTED,
            )
    others = [view for view in installed if view.profile_id != profile.profile_id]
    if capabilities.max_profiles is not None and len(others) >= capabilities.max_profiles:
        raise _refuse(
            "id",
            f"the station holds {len(others)} profiles, its Entries maximum is "
            f"{capabilities.max_profiles}",
            UNSUPPORTED,
        )


def _overlaps(profile: Profile, other: ProfileView) -> bool:
    starts_before_other_ends = (
        profile.valid_from is None or other.valid_to is None or profile.valid_from < other.valid_to
    )
    ends_after_other_starts = (
        profile.valid_to is None or other.valid_from is None or other.valid_from < profile.valid_to
    )
    return starts_before_other_ends and ends_after_other_starts


def check_clashes(profile: Profile, installed: Sequence[ProfileView]) -> None:
    """Raise InvalidCommand (PROFILE_CLASH) when another installed profile has the same
    stackLevel and purpose on the same EVSE with an overlapping validity (K01.FR.06), the same
    stackLevel and transaction (TxProfile, K01.FR.39), or is a TxDefaultProfile of the same
    stackLevel on EVSE 0 against a specific EVSE or the other way round (K01.FR.52/53)."""
    for other in installed:
        if other.profile_id == profile.profile_id or other.presence is not Presence.INSTALLED:
            continue
        if other.stack_level != profile.stack_level or other.purpose != profile.purpose:
            continue
        if profile.purpose == TX_PROFILE:
            if other.transaction_id == profile.transaction_id:
                raise _clash(other, "the same transaction (K01.FR.39)")
            continue
        if other.evse_id == profile.evse_id and _overlaps(profile, other):
            raise _clash(other, f"EVSE {other.evse_id} with an overlapping validity (K01.FR.06)")
        if profile.purpose == TX_DEFAULT and (other.evse_id == 0) != (profile.evse_id == 0):
            raise _clash(other, f"EVSE {other.evse_id} (K01.FR.52/53)")


def _clash(other: ProfileView, where: str) -> InvalidCommand:
    return _refuse(
        "stackLevel",
        f"profile {other.profile_id} ({other.purpose}) has stackLevel {other.stack_level} "
        f"on {where}",
        CLASH,
    )


def check_transaction(profile: Profile, running: RunningTransaction | None) -> None:
    """A TxProfile names a transaction the CSMS knows to be running on the station, on the
    profile's EVSE (K01.FR.09, K01.FR.33)."""
    if profile.purpose != TX_PROFILE:
        return
    if running is None:
        raise _refuse(
            "transactionId", f"no transaction {profile.transaction_id} is running on the station"
        )
    if running.evse_id is not None and running.evse_id != profile.evse_id:
        raise InvalidCommand(
            "evseId", f"transaction {running.transaction_id} runs on EVSE {running.evse_id}"
        )


@dataclass(frozen=True, slots=True)
class Offer:
    """The schedule offered for an EV's needs: rate unit, limit, duration (None: open)."""

    rate_unit: str
    limit: float
    duration: int | None


def _ev_bounds(needs: JsonObject) -> tuple[str, float, float, float] | None:
    """Unit, EV maximum, EV minimum and watts per unit of the needs (None: no parameters)."""
    ac = needs.get("acChargingParameters")
    if ac is not None:
        volts = float(ac["evMaxVoltage"]) * AC_VOLTS_PER_AMPERE_PHASES
        return "A", float(ac["evMaxCurrent"]), float(ac["evMinCurrent"]), volts
    dc = needs.get("dcChargingParameters")
    if dc is not None:
        most = dc.get("evMaxPower") or float(dc["evMaxCurrent"]) * float(dc["evMaxVoltage"])
        return "W", float(most), 0.0, 1.0
    return None


def offer_for(
    needs: EvNeeds | EvNeedsView, installed: Sequence[ProfileView], now: datetime
) -> Offer | None:
    """K15: the schedule offered for `needs` (None when the needs give neither AC nor DC
    parameters). The rule: charge at the EV's maximum (AC: evMaxCurrent in A; DC: evMaxPower,
    else evMaxCurrent x evMaxVoltage, in W), capped by the lowest first limit of the
    `installed` ChargingStationMaxProfiles in that unit; when a departure
    time and an energy amount are given and that rate would finish early, lower it to the
    rate that delivers the energy by the departure time (never below the EV's minimum), and
    end the schedule at the departure time."""
    bounds = _ev_bounds(needs.needs)
    if bounds is None:
        return None
    unit, highest, lowest, watts_per_unit = bounds
    ceiling = station_limit(installed, unit)
    limit = highest if ceiling is None else min(highest, ceiling)
    duration = None
    if needs.departure_time is not None and needs.departure_time > now:
        seconds = (needs.departure_time - now).total_seconds()
        duration = max(1, int(seconds))
        if needs.energy_amount:
            needed = needs.energy_amount * 3600 / seconds / watts_per_unit
            limit = min(limit, max(lowest, math.ceil(needed * 10) / 10))
    return Offer(unit, round(limit, 1), duration)


def offer_schedule(offer: Offer) -> JsonObject:
    """The ChargingScheduleType of an offer: one period from 0."""
    schedule: JsonObject = {
        "id": 1,
        "chargingRateUnit": offer.rate_unit,
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": offer.limit}],
    }
    if offer.duration is not None:
        schedule["duration"] = offer.duration
    return schedule


def station_limit(installed: Sequence[ProfileView], unit: str) -> float | None:
    """The lowest first-period limit, in `unit`, of the installed ChargingStationMaxProfiles."""
    limits = [
        float(schedule["chargingSchedulePeriod"][0]["limit"])
        for view in installed
        if view.purpose == MAX_PROFILE and view.presence is Presence.INSTALLED
        for schedule in view.schedules
        if schedule["chargingRateUnit"] == unit
    ]
    return min(limits) if limits else None
