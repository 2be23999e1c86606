"""Provisioning rules: decide_boot (B01-B03: the station's own policy, the fleet default, the
boot configuration and the intervals) and the operator arguments the block refuses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ocpp.v201.enums import RegistrationStatusEnumType as Status

from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.provisioning.policy import (
    ConfigurationState,
    StationPolicy,
    check_boot_configuration,
    check_connector_address,
    check_history_size,
    check_registration,
    check_retry_interval,
    configuration_state,
    decide_boot,
)

HEARTBEAT, RETRY = 300, 30


@pytest.mark.parametrize("default", ["Accepted", "Pending", "Rejected"])
def test_without_a_policy_the_fleet_default_applies(default: str) -> None:
    decision = decide_boot(None, default, HEARTBEAT, RETRY)
    assert decision.status is Status(default)
    assert decision.interval == (HEARTBEAT if default == "Accepted" else RETRY)
    assert decision.configure is False


@pytest.mark.parametrize("own", ["Accepted", "Pending", "Rejected"])
def test_the_station_policy_overrides_the_default(own: str) -> None:
    decision = decide_boot(
        StationPolicy(own), "Rejected" if own != "Rejected" else "Accepted", 1, 2
    )
    assert decision.status is Status(own)


def test_a_policy_without_status_keeps_the_default_but_its_interval() -> None:
    decision = decide_boot(StationPolicy(None, 5), "Pending", HEARTBEAT, RETRY)
    assert (decision.status, decision.interval) == (Status.pending, 5)


def test_interval_override_is_for_retries_only() -> None:
    accepted = decide_boot(StationPolicy("Accepted", 5), "Pending", HEARTBEAT, RETRY)
    assert (accepted.status, accepted.interval) == (Status.accepted, HEARTBEAT)
    rejected = decide_boot(StationPolicy("Rejected", 0), "Accepted", HEARTBEAT, RETRY)
    assert (rejected.status, rejected.interval) == (Status.rejected, 0)


@pytest.mark.parametrize("own", [None, "Accepted", "Pending"])
def test_a_configuration_not_applied_makes_it_pending_and_asks_for_it(own: str | None) -> None:
    decision = decide_boot(
        StationPolicy(own), "Accepted", HEARTBEAT, RETRY, ConfigurationState.PENDING
    )
    assert (decision.status, decision.interval, decision.configure) == (
        Status.pending,
        RETRY,
        True,
    )


def test_an_applied_configuration_ends_pending() -> None:
    decision = decide_boot(
        StationPolicy("Pending"), "Pending", HEARTBEAT, RETRY, ConfigurationState.APPLIED
    )
    assert (decision.status, decision.interval, decision.configure) == (
        Status.accepted,
        HEARTBEAT,
        False,
    )


@pytest.mark.parametrize("state", list(ConfigurationState))
def test_rejected_wins_over_any_configuration(state: ConfigurationState) -> None:
    decision = decide_boot(StationPolicy("Rejected"), "Accepted", HEARTBEAT, RETRY, state)
    assert (decision.status, decision.configure) == (Status.rejected, False)


@pytest.mark.parametrize(
    ("has", "applied", "state"),
    [
        (False, False, ConfigurationState.NONE),
        (True, False, ConfigurationState.PENDING),
        (True, True, ConfigurationState.APPLIED),
    ],
)
def test_configuration_state(has: bool, applied: bool, state: ConfigurationState) -> None:
    assert configuration_state(has, applied) is state


def _refusal(check: Callable[[], object]) -> tuple[str, str]:
    with pytest.raises(InvalidCommand) as refused:
        check()
    return refused.value.field, refused.value.problem


@pytest.mark.parametrize("interval", [None, 0, 86_400])
def test_retry_intervals_from_none_to_a_day_are_accepted(interval: int | None) -> None:
    check_retry_interval(interval)


@pytest.mark.parametrize("interval", [-1, 86_401])
def test_retry_intervals_outside_a_day_are_refused(interval: int) -> None:
    assert _refusal(lambda: check_retry_interval(interval)) == (
        "intervalSeconds",
        "must be 0 to 86400",
    )


def test_a_boot_configuration_must_do_something() -> None:
    check_boot_configuration(1, False)
    check_boot_configuration(0, True)
    assert _refusal(lambda: check_boot_configuration(0, False)) == (
        "variables",
        "give at least one, or fetchReport: true",
    )


@pytest.mark.parametrize(
    ("station_id", "password", "profile", "field"),
    [
        ("", None, None, "id"),
        ("CS:1", None, None, "id"),
        ("AUTH-1 ", None, None, "id"),
        ("AUTH\u20101", None, None, "id"),
        ("<script> x", None, None, "id"),
        ("CS-1", "x" * 15, None, "password"),
        ("CS-1", "x" * 41, None, "password"),
        ("CS-1", None, 4, "securityProfile"),
        ("CS-1", None, 0, "securityProfile"),
    ],
)
def test_registrations_that_cannot_work_are_refused_naming_the_argument(
    station_id: str, password: str | None, profile: int | None, field: str
) -> None:
    """A00.FR.205: a basic-auth password has 16 to 40 characters; profiles are 1 to 3."""
    assert _refusal(lambda: check_registration(station_id, password, profile))[0] == field


def test_a_registration_with_a_password_of_16_to_40_characters_is_accepted() -> None:
    check_registration("CS-1", "x" * 16, 2)
    check_registration("CS-1", "x" * 40, None)


@pytest.mark.parametrize("first", [0, 501])
def test_boot_history_reads_1_to_500_records(first: int) -> None:
    assert check_history_size(1) == 1 and check_history_size(500) == 500
    assert _refusal(lambda: check_history_size(first)) == ("first", "must be 1 to 500")


@pytest.mark.parametrize(("evse", "connector"), [(1, 1), (2, 3), (2**31 - 1, 2**31 - 1)])
def test_a_connector_on_an_evse_above_zero_is_a_real_address_g01(evse: int, connector: int) -> None:
    check_connector_address(evse, connector)


@pytest.mark.parametrize(
    ("evse", "connector", "field"),
    [
        (-1, 1, "evseId"),
        (0, 0, "evseId"),
        (0, 1, "evseId"),
        (1, 0, "connectorId"),
        (1, -1, "connectorId"),
    ],
)
def test_an_evse_or_connector_id_below_one_is_a_property_constraint_violation(
    evse: int, connector: int, field: str
) -> None:
    """Part 2 EVSEType: evse id > 0 (0 is the station itself); connectors count from 1.
    Part 4 §4.3: PropertyConstraintViolation names the field."""
    with pytest.raises(PropertyConstraintViolation) as refused:
        check_connector_address(evse, connector)

    assert refused.value.details == {"field": field}
    assert field in refused.value.description
