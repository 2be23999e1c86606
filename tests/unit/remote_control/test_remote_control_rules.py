"""Remote-control argument rules (block F) and the requests built from arguments, without
database or network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from ocpp.v201 import enums

from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError
from modules.remote_control import (
    request_start_transaction,
    request_stop_transaction,
    trigger_message,
    unlock_connector,
)
from modules.remote_control.policy import (
    EVSE_TRIGGERS,
    charging_profile_problem,
    trigger_evse_problem,
)

E = TypeVar("E", bound=Exception)

PROFILE: dict[str, Any] = {
    "id": 1,
    "stackLevel": 0,
    "chargingProfilePurpose": "TxProfile",
    "chargingProfileKind": "Absolute",
    "chargingSchedule": [
        {
            "id": 1,
            "chargingRateUnit": "W",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 11000}],
        }
    ],
}


def _refusal(problem: InvalidCommand | None) -> tuple[str, str, str]:
    assert problem is not None
    return problem.field, problem.problem, str(problem)


def test_a_tx_profile_without_transaction_id_is_fine() -> None:
    assert charging_profile_problem(PROFILE) is None


@pytest.mark.parametrize(
    "purpose",
    ["TxDefaultProfile", "ChargingStationMaxProfile", "ChargingStationExternalConstraints"],
)
def test_only_tx_profile_may_come_with_a_remote_start_f01_fr_09(purpose: str) -> None:
    problem = charging_profile_problem({**PROFILE, "chargingProfilePurpose": purpose})
    assert _refusal(problem) == (
        "chargingProfile.chargingProfilePurpose",
        f"must be TxProfile, got {purpose}",
        f"chargingProfile.chargingProfilePurpose: must be TxProfile, got {purpose}",
    )


def test_the_profile_carries_no_transaction_id_f01_fr_11() -> None:
    problem = charging_profile_problem({**PROFILE, "transactionId": "TX-1"})
    assert _refusal(problem) == (
        "chargingProfile.transactionId",
        "must not be set in a remote start",
        "chargingProfile.transactionId: must not be set in a remote start",
    )


@pytest.mark.parametrize("message", list(enums.MessageTriggerEnumType))
def test_evse_only_for_messages_about_an_evse_f06_fr_02(
    message: enums.MessageTriggerEnumType,
) -> None:
    assert trigger_evse_problem(message.value, None, None) is None
    problem = trigger_evse_problem(message.value, 1, None)
    assert (problem is None) == (message.value in EVSE_TRIGGERS)
    if problem is not None:
        assert problem.field == "evseId"
        assert str(problem).startswith(f"evseId: {message.value} is not about an EVSE")


@pytest.mark.parametrize(
    ("evse_id", "connector_id", "refused"),
    [
        (None, 1, ("connectorId", "needs evseId", "connectorId needs evseId")),
        (
            0,
            None,
            (
                "evseId",
                "must be >= 1 (omit it for the whole station)",
                "evseId must be >= 1 (omit it for the whole station)",
            ),
        ),
        (1, 0, ("connectorId", "must be >= 1", "connectorId must be >= 1")),
    ],
)
def test_trigger_ids_that_address_nothing_are_refused(
    evse_id: int | None, connector_id: int | None, refused: tuple[str, str, str]
) -> None:
    assert _refusal(trigger_evse_problem("MeterValues", evse_id, connector_id)) == refused
    assert trigger_evse_problem("StatusNotification", 1, 2) is None


@pytest.mark.parametrize("message", list(enums.MessageTriggerEnumType))
def test_every_trigger_request_conforms_to_the_schema(
    message: enums.MessageTriggerEnumType,
) -> None:
    evse = 1 if message.value in EVSE_TRIGGERS else None
    payload = codec.encode(trigger_message(message, evse, None))
    schemas.validate("TriggerMessage", "Request", payload)
    assert payload["requestedMessage"] == message.value
    assert ("evse" in payload) == (evse is not None)


def test_the_remote_start_request_is_checked_without_its_id() -> None:
    order = request_start_transaction("RFID-1", "ISO14443", 2, ("G-1", "Central"), PROFILE)
    payload = order.payload(7)
    assert payload == {
        "idToken": {"idToken": "RFID-1", "type": "ISO14443"},
        "remoteStartId": 7,
        "evseId": 2,
        "groupIdToken": {"idToken": "G-1", "type": "Central"},
        "chargingProfile": PROFILE,
    }
    schemas.validate("RequestStartTransaction", "Request", payload)
    assert (order.wanted.id_token, order.wanted.id_token_type, order.wanted.evse_id) == (
        "RFID-1",
        "ISO14443",
        2,
    )


def test_the_charging_profile_goes_out_as_given_f01_fr_08() -> None:
    """The operator's profile, customData of its parts included, is sent unchanged."""
    period = {"startPeriod": 0, "limit": 6, "customData": {"vendorId": "V"}}
    schedule = {**PROFILE["chargingSchedule"][0], "chargingSchedulePeriod": [period]}
    profile = {**PROFILE, "chargingSchedule": [schedule], "customData": {"vendorId": "V"}}
    order = request_start_transaction("RFID-1", "ISO14443", charging_profile=profile)
    assert order.payload(1)["chargingProfile"] == profile


def _refused_start(error: type[E], arguments: dict[str, Any]) -> E:
    """What refuses a remote start for RFID-1 (ISO14443) with `arguments` added."""
    values: dict[str, Any] = {"id_token": "RFID-1", "id_token_type": "ISO14443", **arguments}
    with pytest.raises(error) as refused:
        request_start_transaction(**values)
    return refused.value


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"evse_id": 0}, "evseId must be >= 1 (omit it to let the station pick)"),
        ({"charging_profile": "not an object"}, "chargingProfile: must be a JSON object"),
        (
            {"charging_profile": {**PROFILE, "chargingProfilePurpose": "TxDefaultProfile"}},
            "chargingProfile.chargingProfilePurpose: must be TxProfile, got TxDefaultProfile",
        ),
    ],
)
def test_the_remote_start_refuses_what_block_f_forbids(
    arguments: dict[str, Any], message: str
) -> None:
    assert str(_refused_start(InvalidCommand, arguments)) == message


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"id_token": "X" * 37}, "idToken.idToken"),
        ({"charging_profile": {**PROFILE, "stackLevel": "high"}}, "chargingProfile.stackLevel"),
    ],
)
def test_the_remote_start_refuses_what_the_schema_forbids(
    arguments: dict[str, Any], field: str
) -> None:
    assert field in _refused_start(OcppError, arguments).description


def test_stop_and_unlock_requests_and_their_rules() -> None:
    assert codec.encode(request_stop_transaction("TX-1")) == {"transactionId": "TX-1"}
    assert codec.encode(unlock_connector(1, 2)) == {"evseId": 1, "connectorId": 2}
    refusals: list[tuple[Callable[[], object], str]] = [
        (lambda: request_stop_transaction(""), "transactionId: must not be empty"),
        (lambda: unlock_connector(0, 1), "evseId must be >= 1"),
        (lambda: unlock_connector(1, 0), "connectorId must be >= 1"),
    ]
    for build, message in refusals:
        with pytest.raises(InvalidCommand) as refused:
            build()
        assert str(refused.value) == message
