"""Payload validation against the official OCPP 2.0.1 JSON schemas and its error mapping.

Part 4 §4.1.7: a message is valid only when required fields are present and data has the correct
type; otherwise the receiver answers with a CALLERROR whose code comes from §4.3
(OccurrenceConstraintViolation, TypeConstraintViolation, PropertyConstraintViolation,
FormatViolation).
"""

from __future__ import annotations

from typing import Any

import pytest

from modules.kernel import schemas
from modules.kernel.actions import ALL_ACTIONS, CSMS_TO_STATION, STATION_TO_CSMS
from modules.kernel.errors import (
    FormatViolation,
    OccurrenceConstraintViolation,
    OcppError,
    PropertyConstraintViolation,
    TypeConstraintViolation,
)
from tests.support.provisioning import NETWORK_PROFILE

STATION = {"model": "SingleSocketCharger", "vendorName": "VendorX"}
BOOT = {"reason": "PowerUp", "chargingStation": STATION}


def violation(action: str, part: schemas.Part, payload: Any) -> OcppError:
    with pytest.raises(OcppError) as caught:
        schemas.validate(action, part, payload)
    return caught.value


# --- error mapping ------------------------------------------------------------------------------


def test_a_missing_nested_field_is_an_occurrence_violation_naming_its_path() -> None:
    error = violation(
        "BootNotification", "Request", {"reason": "PowerUp", "chargingStation": {"vendorName": "V"}}
    )

    assert isinstance(error, OccurrenceConstraintViolation)
    assert error.code == "OccurrenceConstraintViolation"
    assert "chargingStation.model" in error.description
    assert error.description.startswith("BootNotificationRequest")
    assert error.details == {"field": "chargingStation.model"}


def test_a_missing_top_level_field_is_an_occurrence_violation_naming_it() -> None:
    error = violation("BootNotification", "Request", {"chargingStation": STATION})

    assert isinstance(error, OccurrenceConstraintViolation)
    assert error.details == {"field": "reason"}


def test_a_missing_field_inside_a_list_item_names_the_item_index() -> None:
    payload = {
        "setVariableData": [
            {"attributeValue": "1", "component": {"name": "C"}, "variable": {"name": "V"}},
            {"attributeValue": "2", "component": {"name": "C"}, "variable": {}},
        ]
    }

    error = violation("SetVariables", "Request", payload)

    assert isinstance(error, OccurrenceConstraintViolation)
    assert error.details == {"field": "setVariableData.1.variable.name"}


def test_too_few_items_is_an_occurrence_violation() -> None:
    error = violation("SetVariables", "Request", {"setVariableData": []})

    assert isinstance(error, OccurrenceConstraintViolation)
    assert error.details == {"field": "setVariableData"}


def test_a_wrong_json_type_is_a_type_violation() -> None:
    payload = {
        "timestamp": "2026-01-01T00:00:00Z",
        "connectorStatus": "Available",
        "evseId": "one",
        "connectorId": 1,
    }

    error = violation("StatusNotification", "Request", payload)

    assert isinstance(error, TypeConstraintViolation)
    assert error.code == "TypeConstraintViolation"
    assert "evseId" in error.description
    assert error.details == {"field": "evseId"}


def test_a_wrong_nested_json_type_is_a_type_violation_naming_its_path() -> None:
    error = violation(
        "BootNotification",
        "Request",
        {"reason": "PowerUp", "chargingStation": {**STATION, "model": 5}},
    )

    assert isinstance(error, TypeConstraintViolation)
    assert error.details == {"field": "chargingStation.model"}


@pytest.mark.parametrize("payload", [[], None, "x", 1])
def test_a_payload_that_is_not_an_object_is_a_type_violation(payload: Any) -> None:
    error = violation("Heartbeat", "Request", payload)

    assert isinstance(error, TypeConstraintViolation)
    assert error.details == {"field": "(payload)"}


def test_a_value_outside_its_enum_is_a_property_violation() -> None:
    error = violation("BootNotification", "Request", {**BOOT, "reason": "Bored"})

    assert isinstance(error, PropertyConstraintViolation)
    assert error.code == "PropertyConstraintViolation"
    assert error.details == {"field": "reason"}


def test_a_string_over_its_max_length_is_a_property_violation() -> None:
    # ChargingStationType.model is string[20].
    error = violation(
        "BootNotification", "Request", {**BOOT, "chargingStation": {**STATION, "model": "M" * 21}}
    )

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": "chargingStation.model"}


def test_a_string_at_its_max_length_is_accepted() -> None:
    schemas.validate(
        "BootNotification", "Request", {**BOOT, "chargingStation": {**STATION, "model": "M" * 20}}
    )


def ev_charging_needs(**dc: int) -> dict[str, Any]:
    return {
        "evseId": 1,
        "chargingNeeds": {
            "requestedEnergyTransfer": "DC",
            "dcChargingParameters": {"evMaxCurrent": 100, "evMaxVoltage": 400, **dc},
        },
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [("stateOfCharge", -1), ("fullSoC", -1), ("bulkSoC", 101), ("stateOfCharge", 101)],
)
def test_a_number_out_of_its_range_is_a_property_violation(field: str, value: int) -> None:
    error = violation("NotifyEVChargingNeeds", "Request", ev_charging_needs(**{field: value}))

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": f"chargingNeeds.dcChargingParameters.{field}"}


def test_numbers_at_the_range_bounds_are_accepted() -> None:
    schemas.validate(
        "NotifyEVChargingNeeds",
        "Request",
        ev_charging_needs(stateOfCharge=0, fullSoC=100, bulkSoC=0),
    )


def test_a_malformed_date_time_is_a_property_violation() -> None:
    payload = {"currentTime": "yesterday", "interval": 300, "status": "Accepted"}

    error = violation("BootNotification", "Response", payload)

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": "currentTime"}


def test_an_unexpected_field_is_a_format_violation() -> None:
    error = violation("BootNotification", "Request", {**BOOT, "extra": 1})

    assert isinstance(error, FormatViolation)
    assert error.code == "FormatViolation"
    assert "extra" in error.description


def test_an_unexpected_nested_field_is_a_format_violation_naming_the_object() -> None:
    error = violation(
        "BootNotification", "Request", {**BOOT, "chargingStation": {**STATION, "colour": "red"}}
    )

    assert isinstance(error, FormatViolation)
    assert error.details == {"field": "chargingStation"}


def test_custom_data_requires_a_vendor_id_but_allows_extra_fields() -> None:
    # Part 4 §9: customData is the extension point; only vendorId is required inside it.
    schemas.validate("Heartbeat", "Request", {"customData": {"vendorId": "acme", "anything": [1]}})

    error = violation("Heartbeat", "Request", {"customData": {"x": 1}})

    assert isinstance(error, OccurrenceConstraintViolation)
    assert error.details == {"field": "customData.vendorId"}


def test_the_description_fits_the_callerror_limit() -> None:
    # A long offending value must not push errorDescription past string[255] (Part 4 §4.2.3).
    error = violation("BootNotification", "Request", {**BOOT, "reason": "x" * 1000})

    assert isinstance(error, PropertyConstraintViolation)
    assert len(error.description) <= 255


def test_responses_are_validated_against_the_response_schema() -> None:
    # A valid request payload is not a valid response payload.
    error = violation("BootNotification", "Response", BOOT)

    assert isinstance(error, OccurrenceConstraintViolation | FormatViolation)


# --- every action has its schemas ---------------------------------------------------------------


def test_the_action_table_has_every_ocpp_201_message() -> None:
    assert len(STATION_TO_CSMS) == 25
    assert len(CSMS_TO_STATION) == 40
    both_directions = STATION_TO_CSMS & CSMS_TO_STATION
    assert both_directions == {"DataTransfer"}
    assert len(ALL_ACTIONS) == 64


@pytest.mark.parametrize("action", sorted(ALL_ACTIONS))
@pytest.mark.parametrize("part", ["Request", "Response"])
def test_every_action_has_a_loadable_schema(action: str, part: schemas.Part) -> None:
    schema = schemas.raw_schema(action, part)

    assert schema["type"] == "object"
    assert "$id" not in schema
    assert schema["additionalProperties"] is False


def test_preload_compiles_every_schema() -> None:
    schemas.preload()


# --- valid payloads pass ------------------------------------------------------------------------

VALID: list[tuple[str, schemas.Part, dict[str, Any]]] = [
    ("BootNotification", "Request", BOOT),
    (
        "BootNotification",
        "Response",
        {"currentTime": "2013-02-01T20:53:32.486Z", "interval": 300, "status": "Accepted"},
    ),
    ("Heartbeat", "Request", {}),
    ("Heartbeat", "Response", {"currentTime": "2026-01-01T00:00:00Z"}),
    (
        "StatusNotification",
        "Request",
        {
            "timestamp": "2026-01-01T00:00:00+01:00",
            "connectorStatus": "Occupied",
            "evseId": 1,
            "connectorId": 1,
        },
    ),
    ("StatusNotification", "Response", {}),
    ("Authorize", "Request", {"idToken": {"idToken": "04A2B3C4", "type": "ISO14443"}}),
    ("Reset", "Request", {"type": "OnIdle", "evseId": 2}),
    ("Reset", "Response", {"status": "Scheduled"}),
    (
        "SetVariables",
        "Request",
        {
            "setVariableData": [
                {
                    "attributeType": "Actual",
                    "attributeValue": "300",
                    "component": {"name": "OCPPCommCtrlr"},
                    "variable": {"name": "HeartbeatInterval"},
                }
            ]
        },
    ),
    (
        "SetNetworkProfile",
        "Request",
        {
            "configurationSlot": 1,
            "connectionData": NETWORK_PROFILE,
        },
    ),
    ("DataTransfer", "Request", {"vendorId": "acme", "data": {"any": ["json", 1]}}),
]


@pytest.mark.parametrize(("action", "part", "payload"), VALID, ids=[f"{a}{p}" for a, p, _ in VALID])
def test_a_valid_payload_passes(action: str, part: schemas.Part, payload: dict[str, Any]) -> None:
    schemas.validate(action, part, payload)
