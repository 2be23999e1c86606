"""Remote-control input rules (block F), without database or network."""

from __future__ import annotations

from typing import Any

import pytest

from graphql_schema.remote_control_inputs import (
    check_timeout,
    request_start_payload,
    request_stop_payload,
    trigger_message_payload,
    unlock_connector_payload,
)
from graphql_schema.remote_control_types import MessageTriggerEnum, RemoteControlInputError
from modules.kernel import schemas
from modules.remote_control.policy import (
    EVSE_TRIGGERS,
    charging_profile_problem,
    trigger_evse_problem,
)

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


def test_a_tx_profile_without_transaction_id_is_fine() -> None:
    assert charging_profile_problem(PROFILE) is None


@pytest.mark.parametrize(
    "purpose",
    ["TxDefaultProfile", "ChargingStationMaxProfile", "ChargingStationExternalConstraints"],
)
def test_only_tx_profile_may_come_with_a_remote_start_f01_fr_09(purpose: str) -> None:
    problem = charging_profile_problem({**PROFILE, "chargingProfilePurpose": purpose})
    assert problem is not None and "must be TxProfile" in problem


def test_the_profile_carries_no_transaction_id_f01_fr_11() -> None:
    problem = charging_profile_problem({**PROFILE, "transactionId": "TX-1"})
    assert problem is not None and problem.startswith("chargingProfile.transactionId")


def test_evse_only_for_messages_about_an_evse() -> None:
    assert {"MeterValues", "StatusNotification", "TransactionEvent"} == EVSE_TRIGGERS
    for message in MessageTriggerEnum:
        assert trigger_evse_problem(message.value, None, None) is None
        problem = trigger_evse_problem(message.value, 1, None)
        assert (problem is None) == (message.value in EVSE_TRIGGERS), message
    assert trigger_evse_problem("StatusNotification", None, 1) == "connectorId needs evseId"
    assert trigger_evse_problem("StatusNotification", 1, 2) is None
    assert trigger_evse_problem("MeterValues", 0, None) is not None
    assert trigger_evse_problem("MeterValues", 1, 0) is not None


@pytest.mark.parametrize("message", list(MessageTriggerEnum))
def test_every_trigger_payload_conforms_to_the_schema(message: MessageTriggerEnum) -> None:
    evse = 1 if message.value in EVSE_TRIGGERS else None
    payload = trigger_message_payload(message, evse, None)
    schemas.validate("TriggerMessage", "Request", payload)
    assert payload["requestedMessage"] == message.value
    assert ("evse" in payload) == (evse is not None)


def test_request_start_payload() -> None:
    payload = request_start_payload("RFID-1", "ISO14443", 2, ("G-1", "Central"), PROFILE)
    assert payload == {
        "idToken": {"idToken": "RFID-1", "type": "ISO14443"},
        "evseId": 2,
        "groupIdToken": {"idToken": "G-1", "type": "Central"},
        "chargingProfile": PROFILE,
    }
    assert "remoteStartId" not in payload


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"evse_id": 0}, "evseId"),
        ({"id_token": "X" * 37}, "idToken.idToken"),
        ({"charging_profile": "not an object"}, "chargingProfile: must be a JSON object"),
        ({"charging_profile": {**PROFILE, "stackLevel": "high"}}, "chargingProfile.stackLevel"),
        (
            {"charging_profile": {**PROFILE, "chargingProfilePurpose": "TxDefaultProfile"}},
            "must be TxProfile",
        ),
    ],
)
def test_request_start_payload_refuses(arguments: dict[str, Any], message: str) -> None:
    values: dict[str, Any] = {
        "id_token": "RFID-1",
        "id_token_type": "ISO14443",
        "evse_id": None,
        "group_id_token": None,
        "charging_profile": None,
        **arguments,
    }
    with pytest.raises(RemoteControlInputError, match=message.replace(".", r"\.")):
        request_start_payload(**values)


def test_stop_unlock_and_timeout_rules() -> None:
    assert request_stop_payload("TX-1") == {"transactionId": "TX-1"}
    assert unlock_connector_payload(1, 2) == {"evseId": 1, "connectorId": 2}
    check_timeout(None)
    check_timeout(300)
    with pytest.raises(RemoteControlInputError, match="transactionId"):
        request_stop_payload("")
    with pytest.raises(RemoteControlInputError, match="connectorId"):
        unlock_connector_payload(1, 0)
    with pytest.raises(RemoteControlInputError, match="timeoutSeconds"):
        check_timeout(0)
