"""The pure rules of block K: K01's own rules on a profile, the station's SmartChargingCtrlr
limits, clashes with installed profiles, the running transaction of a TxProfile, and the
schedule offered for an EV's charging needs (K15)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from modules.kernel.commands import InvalidCommand
from modules.smart_charging import Presence, Profile, ProfileView
from modules.smart_charging.policy import (
    CLASH,
    UNSUPPORTED,
    Capabilities,
    capabilities_of,
    check_clashes,
    check_profile,
    check_supported,
    check_transaction,
    offer_for,
    offer_schedule,
)
from modules.smart_charging.records import CapabilityVariable, EvNeeds, RunningTransaction
from tests.support.clock import NOW, STATION


def schedule(*periods: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A ChargingScheduleType in A with `periods` (one at 0 limit 16 by default)."""
    chosen = list(periods) or [{"startPeriod": 0, "limit": 16}]
    return {"id": 1, "chargingRateUnit": "A", "chargingSchedulePeriod": chosen, **fields}


DEFAULT = Profile(1, 1, 0, "TxDefaultProfile", "Relative", (schedule(),))
TX = replace(DEFAULT, purpose="TxProfile", transaction_id="TX-1")


def view(profile: Profile, presence: Presence = Presence.INSTALLED) -> ProfileView:
    """The installed view of `profile`."""
    return ProfileView(
        station_id=STATION,
        evse_id=profile.evse_id,
        profile_id=profile.profile_id,
        stack_level=profile.stack_level,
        purpose=profile.purpose,
        kind=profile.kind,
        recurrency_kind=profile.recurrency_kind,
        valid_from=profile.valid_from,
        valid_to=profile.valid_to,
        transaction_id=profile.transaction_id,
        remote_start_id=None,
        charging_limit_source="CSO",
        schedules=list(profile.schedules),
        presence=presence,
        status=None,
        status_reason=None,
        outcome=None,
        error_code=None,
        reported_request_id=None,
        requested_at=None,
        answered_at=None,
        updated_at=NOW,
    )


def refusal(action: Any, *args: Any) -> InvalidCommand:
    """The InvalidCommand `action(*args)` raises."""
    with pytest.raises(InvalidCommand) as caught:
        action(*args)
    return caught.value


P = "chargingProfile."
S = "chargingProfile.chargingSchedule.0."
PERIOD = "chargingProfile.chargingSchedule.0.chargingSchedulePeriod."
START = "2026-01-01T00:00:00Z"


def with_schedule(*periods: dict[str, Any], **fields: Any) -> Profile:
    """DEFAULT with one schedule of `periods` and `fields`."""
    return replace(DEFAULT, schedules=(schedule(*periods, **fields),))


def period(start: int, **fields: Any) -> dict[str, Any]:
    """A period from `start` at 16 A."""
    return {"startPeriod": start, "limit": 16, **fields}


MAX = replace(DEFAULT, purpose="ChargingStationMaxProfile")
REFUSED = [
    (
        "K01.FR.22",
        replace(DEFAULT, purpose="ChargingStationExternalConstraints"),
        P + "chargingProfilePurpose",
    ),
    ("K01.FR.16", replace(TX, evse_id=0), "evseId"),
    ("K01.FR.03", replace(TX, transaction_id=None), P + "transactionId"),
    ("transactionId only TxProfile", replace(DEFAULT, transaction_id="TX"), P + "transactionId"),
    ("MaxProfile on 0", replace(MAX, kind="Absolute"), "evseId"),
    ("K01.FR.38", replace(MAX, evse_id=0), P + "chargingProfileKind"),
    (
        "Recurring kind",
        replace(with_schedule(startSchedule=START), kind="Recurring"),
        P + "recurrencyKind",
    ),
    ("recurrency only Recurring", replace(DEFAULT, recurrency_kind="Daily"), P + "recurrencyKind"),
    ("validity", replace(DEFAULT, valid_from=NOW, valid_to=NOW), P + "validTo"),
    (
        "K01.FR.34",
        replace(DEFAULT, schedules=(schedule(), {**schedule(), "id": 2})),
        P + "chargingSchedule",
    ),
    ("K01.FR.41", with_schedule(startSchedule=START), S + "startSchedule"),
    ("K01.FR.40", replace(DEFAULT, kind="Absolute"), S + "startSchedule"),
    ("K01.FR.31", with_schedule(period(60)), PERIOD + "0.startPeriod"),
    ("K01.FR.35", with_schedule(period(0), period(0)), PERIOD + "1.startPeriod"),
    ("K01.FR.19", with_schedule(period(0, numberPhases=3, phaseToUse=1)), PERIOD + "0.phaseToUse"),
    ("limit", with_schedule(period(0, limit=-1)), PERIOD + "0.limit"),
    ("duration", with_schedule(duration=0), S + "duration"),
]


@pytest.mark.parametrize(("rule", "profile", "field"), REFUSED, ids=[r[0] for r in REFUSED])
def test_k01_rules_refuse_naming_the_field(rule: str, profile: Profile, field: str) -> None:
    assert refusal(check_profile, profile).field == field


def test_k01_a_valid_profile_passes_and_ev_needs_allow_three_schedules() -> None:
    check_profile(DEFAULT)
    check_profile(TX)
    recurring = replace(
        DEFAULT,
        kind="Recurring",
        recurrency_kind="Weekly",
        schedules=(schedule(startSchedule="2026-01-01T00:00:00Z"),),
    )
    check_profile(recurring)
    three = replace(TX, schedules=tuple({**schedule(), "id": n} for n in (1, 2, 3)))
    check_profile(three, several_schedules=True)
    assert refusal(check_profile, three).field == "chargingProfile.chargingSchedule"


def test_capabilities_are_read_case_insensitively_and_per_evse() -> None:
    variables = [
        CapabilityVariable("ProfileStackLevel", None, None, "3"),
        CapabilityVariable("PeriodsPerSchedule", None, None, "2"),
        CapabilityVariable("RateUnit", None, None, "A, W"),
        CapabilityVariable("Entries", "ChargingProfiles", None, "2"),
        CapabilityVariable("ACPhaseSwitchingSupported", None, None, "false"),
        CapabilityVariable("ACPhaseSwitchingSupported", None, 2, "true"),
        CapabilityVariable("Enabled", None, None, "true"),
    ]
    assert capabilities_of(variables, 1) == Capabilities(3, 2, frozenset({"A", "W"}), 2, False)
    assert capabilities_of(variables, 2).phase_switching is True
    assert capabilities_of([], 1) == Capabilities()


def test_the_station_s_limits_refuse_with_unsupported_by_station() -> None:
    caps = Capabilities(2, 1, frozenset({"W"}), 1, False)
    cases = [
        (replace(DEFAULT, stack_level=3), P + "stackLevel"),
        (with_schedule(period(0), period(9)), S + "chargingSchedulePeriod"),
        (DEFAULT, S + "chargingRateUnit"),
    ]
    for profile, field in cases:
        error = refusal(check_supported, profile, caps, [])
        assert (error.field, error.code) == (field, UNSUPPORTED)
    phased = with_schedule(period(0, numberPhases=1, phaseToUse=2))
    error = refusal(check_supported, phased, Capabilities(phase_switching=False), [])
    assert "K01.FR.20" in error.problem
    check_supported(phased, Capabilities(), [])
    second = replace(DEFAULT, profile_id=2)
    full = refusal(check_supported, second, Capabilities(max_profiles=1), [view(DEFAULT)])
    assert (full.field, full.code) == (P + "id", UNSUPPORTED)
    check_supported(DEFAULT, Capabilities(max_profiles=1), [view(DEFAULT)])


def test_clashes_with_installed_profiles() -> None:
    """K01.FR.06 (overlapping validity on the same EVSE), K01.FR.39 (TxProfile per
    transaction), K01.FR.52/53 (TxDefaultProfile on 0 against a specific EVSE)."""
    other = replace(DEFAULT, profile_id=2)
    error = refusal(check_clashes, DEFAULT, [view(other)])
    assert (error.field, error.code) == ("chargingProfile.stackLevel", CLASH)
    assert "K01.FR.06" in error.problem
    later = replace(other, valid_from=NOW + timedelta(days=1))
    check_clashes(replace(DEFAULT, valid_to=NOW + timedelta(days=1)), [view(later)])
    check_clashes(DEFAULT, [view(replace(other, stack_level=1)), view(DEFAULT)])
    check_clashes(DEFAULT, [view(other, Presence.CLEARED)])
    assert (
        "K01.FR.52/53" in refusal(check_clashes, DEFAULT, [view(replace(other, evse_id=0))]).problem
    )
    assert (
        "K01.FR.39"
        in refusal(check_clashes, TX, [view(replace(TX, profile_id=2, evse_id=2))]).problem
    )
    check_clashes(TX, [view(replace(TX, profile_id=2, transaction_id="TX-2"))])


def test_a_tx_profile_needs_its_transaction_running_on_its_evse() -> None:
    """K01.FR.09/33."""
    assert refusal(check_transaction, TX, None).field == "chargingProfile.transactionId"
    assert refusal(check_transaction, TX, RunningTransaction("TX-1", 2)).field == "evseId"
    check_transaction(TX, RunningTransaction("TX-1", 1))
    check_transaction(DEFAULT, None)


def needs(**fields: Any) -> EvNeeds:
    """AC needs: 6-32 A at 230 V, 11 kWh, no departure unless given."""
    ac = {"energyAmount": 11000, "evMinCurrent": 6, "evMaxCurrent": 32, "evMaxVoltage": 230}
    base = EvNeeds(
        evse_id=1,
        needs={"requestedEnergyTransfer": "AC_three_phase", "acChargingParameters": ac},
        energy_transfer="AC_three_phase",
        departure_time=None,
        energy_amount=11000,
        max_schedule_tuples=None,
    )
    return replace(base, **fields)


def test_k15_the_offer_is_the_ev_maximum_under_the_station_s() -> None:
    offer = offer_for(needs(), [], NOW)
    assert offer is not None and (offer.rate_unit, offer.limit, offer.duration) == ("A", 32, None)
    station_max = replace(
        DEFAULT, profile_id=9, evse_id=0, purpose="ChargingStationMaxProfile", kind="Absolute",
        schedules=(schedule({"startPeriod": 0, "limit": 20}),),
    )  # fmt: skip
    capped = offer_for(needs(), [view(station_max)], NOW)
    assert capped is not None and capped.limit == 20
    assert offer_schedule(capped) == {
        "id": 1,
        "chargingRateUnit": "A",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 20}],
    }


def test_k15_a_departure_time_spreads_the_energy_and_ends_the_schedule() -> None:
    """11 kWh in 4 h at 230 V x 3 phases: 11000 / 4 / 690 = 3.99 A, raised to evMinCurrent."""
    slow = offer_for(needs(departure_time=NOW + timedelta(hours=4)), [], NOW)
    assert slow is not None and (slow.limit, slow.duration) == (6, 14400)
    hurried = offer_for(needs(departure_time=NOW + timedelta(minutes=20)), [], NOW)
    assert hurried is not None and hurried.limit == 32
    spread = offer_for(needs(departure_time=NOW + timedelta(hours=1)), [], NOW)
    assert spread is not None and spread.limit == 16
    parameters = {"evMaxCurrent": 200, "evMaxVoltage": 400}
    dc = needs(
        needs={"requestedEnergyTransfer": "DC", "dcChargingParameters": parameters},
        energy_amount=None,
    )
    watts = offer_for(dc, [], NOW)
    assert watts is not None and (watts.rate_unit, watts.limit) == ("W", 80000)
    assert offer_for(needs(needs={"requestedEnergyTransfer": "DC"}), [], NOW) is None
