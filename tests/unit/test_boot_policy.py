"""decide_boot (B01-B03): the station's own policy, the fleet default, the boot configuration
and the intervals; and the boot configurator's pure helpers."""

from __future__ import annotations

import pytest
from ocpp.v201.enums import RegistrationStatusEnumType as Status

from modules.provisioning.configurator import set_variable_data, set_variables_problems
from modules.provisioning.policy import ConfigurationState, StationPolicy, decide_boot

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


def test_set_variable_data_builds_the_request_items() -> None:
    items = set_variable_data(
        [
            {"component": "OCPPCommCtrlr", "variable": "HeartbeatInterval", "value": 60},
            {
                "component": "Connector",
                "componentInstance": "x",
                "evseId": 1,
                "connectorId": 2,
                "variable": "Power",
                "variableInstance": "L1",
                "attributeType": "Target",
                "value": "7",
            },
        ]
    )
    assert items == [
        {
            "attributeType": "Actual",
            "attributeValue": "60",
            "component": {"name": "OCPPCommCtrlr"},
            "variable": {"name": "HeartbeatInterval"},
        },
        {
            "attributeType": "Target",
            "attributeValue": "7",
            "component": {
                "name": "Connector",
                "instance": "x",
                "evse": {"id": 1, "connectorId": 2},
            },
            "variable": {"name": "Power", "instance": "L1"},
        },
    ]


def test_set_variables_problems_accepts_reboot_required_only() -> None:
    def result(status: str) -> dict[str, object]:
        return {"attributeStatus": status, "component": {"name": "C"}, "variable": {"name": status}}

    answer = {
        "setVariableResult": [result("Accepted"), result("RebootRequired"), result("Rejected")]
    }
    assert set_variables_problems(answer) == ["C.Rejected: Rejected"]
