"""Typed payloads: camelCase OCPP JSON to the `ocpp` package's dataclasses and back.

Part 4 §4.1.5: an optional field left empty is left out of the payload (never null), so encoding
must omit None fields; Part 4 §9: customData passes through untouched.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec, schemas
from tests.support.provisioning import NETWORK_PROFILE as CONNECTION_DATA

BOOT: dict[str, Any] = {
    "reason": "PowerUp",
    "chargingStation": {
        "model": "SingleSocketCharger",
        "vendorName": "VendorX",
        "serialNumber": "SN-1",
        "firmwareVersion": "1.2.3",
        "modem": {"iccid": "8931", "imsi": "2040"},
    },
}


# --- BootNotification ---------------------------------------------------------------------------


def test_boot_notification_decodes_to_nested_typed_dataclasses() -> None:
    request = codec.decode(call.BootNotification, BOOT)

    assert isinstance(request, call.BootNotification)
    assert request.reason is enums.BootReasonEnumType.power_up
    station = request.charging_station
    assert isinstance(station, datatypes.ChargingStationType)
    assert station.vendor_name == "VendorX"
    assert station.model == "SingleSocketCharger"
    assert station.serial_number == "SN-1"
    assert station.firmware_version == "1.2.3"
    assert isinstance(station.modem, datatypes.ModemType)
    assert station.modem.iccid == "8931"
    assert station.modem.imsi == "2040"
    assert request.custom_data is None


def test_boot_notification_round_trips() -> None:
    assert codec.encode(codec.decode(call.BootNotification, BOOT)) == BOOT


def test_encoded_enums_are_their_wire_values() -> None:
    response = call_result.BootNotification(
        current_time="2026-01-01T00:00:00Z",
        interval=300,
        status=enums.RegistrationStatusEnumType.accepted,
    )

    payload = codec.encode(response)

    assert payload == {"currentTime": "2026-01-01T00:00:00Z", "interval": 300, "status": "Accepted"}
    assert type(payload["status"]) is str
    schemas.validate("BootNotification", "Response", payload)


# --- irregular key casing -----------------------------------------------------------------------

NETWORK_PROFILE: dict[str, Any] = {
    "configurationSlot": 1,
    "connectionData": {
        **CONNECTION_DATA,
        "ocppInterface": "Wireless0",
        "apn": {
            "apn": "internet.example",
            "apnAuthentication": "CHAP",
            "apnUserName": "user",
            "useOnlyPreferredNetwork": False,
        },
    },
}


def test_ocpp_csms_url_decodes_and_round_trips() -> None:
    request = codec.decode(call.SetNetworkProfile, NETWORK_PROFILE)

    data = request.connection_data
    assert isinstance(data, datatypes.NetworkConnectionProfileType)
    assert data.ocpp_csms_url == "wss://csms.example.com/ocpp"
    assert data.ocpp_version is enums.OCPPVersionEnumType.ocpp20
    assert data.ocpp_interface is enums.OCPPInterfaceEnumType.wireless0
    assert isinstance(data.apn, datatypes.APNType)
    assert data.apn.apn_authentication is enums.APNAuthenticationEnumType.chap
    assert data.apn.use_only_preferred_network is False
    assert codec.encode(request) == NETWORK_PROFILE
    schemas.validate("SetNetworkProfile", "Request", codec.encode(request))


EV_NEEDS: dict[str, Any] = {
    "evseId": 1,
    "maxScheduleTuples": 3,
    "chargingNeeds": {
        "requestedEnergyTransfer": "DC",
        "departureTime": "2026-01-01T08:00:00Z",
        "dcChargingParameters": {
            "evMaxCurrent": 200,
            "evMaxVoltage": 800,
            "stateOfCharge": 40,
            "fullSoC": 95,
            "bulkSoC": 80,
        },
    },
}


def test_soc_keys_decode_and_round_trip() -> None:
    request = codec.decode(call.NotifyEVChargingNeeds, EV_NEEDS)

    dc = request.charging_needs.dc_charging_parameters
    assert isinstance(dc, datatypes.DCChargingParametersType)
    assert (dc.state_of_charge, dc.full_soc, dc.bulk_soc) == (40, 95, 80)
    assert request.charging_needs.requested_energy_transfer is enums.EnergyTransferModeEnumType.dc
    assert codec.encode(request) == EV_NEEDS


def test_a_typed_soc_object_encodes_to_the_spec_casing() -> None:
    dc = datatypes.DCChargingParametersType(
        ev_max_current=10, ev_max_voltage=400, full_soc=90, bulk_soc=70
    )

    assert codec.encode(dc) == {
        "evMaxCurrent": 10,
        "evMaxVoltage": 400,
        "fullSoC": 90,
        "bulkSoC": 70,
    }


def test_responder_url_keeps_its_upper_case_suffix() -> None:
    request = call.GetCertificateStatus(
        ocsp_request_data=datatypes.OCSPRequestDataType(
            hash_algorithm=enums.HashAlgorithmEnumType.sha256,
            issuer_name_hash="a",
            issuer_key_hash="b",
            serial_number="c",
            responder_url="http://ocsp.example.com",
        )
    )

    payload = codec.encode(request)

    assert payload["ocspRequestData"]["responderURL"] == "http://ocsp.example.com"
    schemas.validate("GetCertificateStatus", "Request", payload)
    assert codec.decode(call.GetCertificateStatus, payload) == request


AUTHORIZE_RESPONSE: dict[str, Any] = {
    "idTokenInfo": {"status": "Accepted", "language1": "en", "language2": "nl"}
}


def test_language_keys_round_trip() -> None:
    response = codec.decode(call_result.Authorize, AUTHORIZE_RESPONSE)

    assert response.id_token_info.language_1 == "en"
    assert codec.encode(response) == AUTHORIZE_RESPONSE


def test_an_encoded_language_preference_is_schema_valid() -> None:
    response = call_result.Authorize(
        id_token_info=datatypes.IdTokenInfoType(
            status=enums.AuthorizationStatusEnumType.accepted, language_1="en"
        )
    )

    schemas.validate("Authorize", "Response", codec.encode(response))


def _dataclasses_in(*modules: Any) -> list[type]:
    return [
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if dataclasses.is_dataclass(cls)
    ]


def test_every_ocpp_dataclass_field_has_a_schema_key() -> None:
    # Any field without an entry would be encoded under its Python name and refused by the schema.
    unmapped = sorted(
        f"{cls.__name__}.{field.name}"
        for cls in _dataclasses_in(call, call_result, datatypes)
        for field in dataclasses.fields(cls)
        if codec._json_name(field.name) not in codec._schema_names().values()
    )

    assert unmapped == []


# --- lists --------------------------------------------------------------------------------------

SET_VARIABLES: dict[str, Any] = {
    "setVariableData": [
        {
            "attributeType": "Actual",
            "attributeValue": "300",
            "component": {"name": "OCPPCommCtrlr"},
            "variable": {"name": "HeartbeatInterval"},
        },
        {
            "attributeValue": "true",
            "component": {"name": "EVSE", "evse": {"id": 1, "connectorId": 2}},
            "variable": {"name": "Enabled", "instance": "main"},
        },
    ]
}


def test_a_list_of_objects_decodes_to_a_list_of_dataclasses() -> None:
    request = codec.decode(call.SetVariables, SET_VARIABLES)

    items = request.set_variable_data
    assert isinstance(items, list)
    assert len(items) == 2
    assert all(isinstance(item, datatypes.SetVariableDataType) for item in items)
    assert items[0].attribute_type is enums.AttributeEnumType.actual
    assert items[1].attribute_type is None
    assert isinstance(items[1].component.evse, datatypes.EVSEType)
    assert items[1].component.evse.connector_id == 2
    assert items[1].variable.instance == "main"


def test_a_list_of_objects_round_trips() -> None:
    assert codec.encode(codec.decode(call.SetVariables, SET_VARIABLES)) == SET_VARIABLES


def test_a_typed_list_response_encodes_and_validates() -> None:
    response = call_result.SetVariables(
        set_variable_result=[
            datatypes.SetVariableResultType(
                attribute_status=enums.SetVariableStatusEnumType.accepted,
                component=datatypes.ComponentType(name="OCPPCommCtrlr"),
                variable=datatypes.VariableType(name="HeartbeatInterval"),
            ),
            datatypes.SetVariableResultType(
                attribute_status=enums.SetVariableStatusEnumType.unknown_variable,
                component=datatypes.ComponentType(name="X"),
                variable=datatypes.VariableType(name="Y"),
                attribute_status_info=datatypes.StatusInfoType(reason_code="NoSuchVar"),
            ),
        ]
    )

    payload = codec.encode(response)

    assert payload == {
        "setVariableResult": [
            {
                "attributeStatus": "Accepted",
                "component": {"name": "OCPPCommCtrlr"},
                "variable": {"name": "HeartbeatInterval"},
            },
            {
                "attributeStatus": "UnknownVariable",
                "component": {"name": "X"},
                "variable": {"name": "Y"},
                "attributeStatusInfo": {"reasonCode": "NoSuchVar"},
            },
        ]
    }
    schemas.validate("SetVariables", "Response", payload)


def test_a_list_of_enums_decodes_to_enum_members() -> None:
    payload = {
        "idToken": {"idToken": "t", "type": "Central"},
        "iso15118CertificateHashData": [
            {
                "hashAlgorithm": "SHA256",
                "issuerNameHash": "a",
                "issuerKeyHash": "b",
                "serialNumber": "c",
                "responderURL": "http://ocsp",
            }
        ],
    }

    request = codec.decode(call.Authorize, payload)

    assert request.id_token.type is enums.IdTokenEnumType.central
    hashes = request.iso15118_certificate_hash_data
    assert hashes is not None
    assert isinstance(hashes[0], datatypes.OCSPRequestDataType)
    assert hashes[0].hash_algorithm is enums.HashAlgorithmEnumType.sha256
    assert codec.encode(request) == payload


# --- None fields and customData -----------------------------------------------------------------


def test_none_fields_are_left_out_when_encoding() -> None:
    request = call.BootNotification(
        charging_station=datatypes.ChargingStationType(vendor_name="V", model="M"),
        reason=enums.BootReasonEnumType.remote_reset,
    )

    payload = codec.encode(request)

    assert payload == {
        "chargingStation": {"vendorName": "V", "model": "M"},
        "reason": "RemoteReset",
    }
    assert None not in payload.values()
    schemas.validate("BootNotification", "Request", payload)


def test_false_and_zero_are_not_mistaken_for_unset() -> None:
    request = call.SetChargingProfile(
        evse_id=0,
        charging_profile=datatypes.ChargingProfileType(
            id=0,
            stack_level=0,
            charging_profile_purpose=enums.ChargingProfilePurposeEnumType.tx_default_profile,
            charging_profile_kind=enums.ChargingProfileKindEnumType.relative,
            charging_schedule=[
                datatypes.ChargingScheduleType(
                    id=0,
                    charging_rate_unit=enums.ChargingRateUnitEnumType.amps,
                    charging_schedule_period=[
                        datatypes.ChargingSchedulePeriodType(start_period=0, limit=0.0)
                    ],
                )
            ],
        ),
    )

    payload = codec.encode(request)

    assert payload["evseId"] == 0
    assert payload["chargingProfile"]["stackLevel"] == 0
    period = payload["chargingProfile"]["chargingSchedule"][0]["chargingSchedulePeriod"][0]
    assert period == {"startPeriod": 0, "limit": 0.0}
    schemas.validate("SetChargingProfile", "Request", payload)


def test_custom_data_passes_through_decode_and_encode() -> None:
    custom = {"vendorId": "com.acme", "colour": "blue", "nested": {"a": [1, 2]}}
    payload = {**BOOT, "customData": custom}

    request = codec.decode(call.BootNotification, payload)

    assert request.custom_data == custom
    assert codec.encode(request) == payload
    schemas.validate("BootNotification", "Request", codec.encode(request))


def test_custom_data_set_on_a_typed_request_is_encoded_verbatim() -> None:
    request = call.Heartbeat(custom_data={"vendorId": "com.acme", "x": [1, {"y": 2}]})

    assert codec.encode(request) == {"customData": {"vendorId": "com.acme", "x": [1, {"y": 2}]}}


def test_decode_ignores_keys_the_dataclass_does_not_have() -> None:
    request = codec.decode(call.Heartbeat, {"somethingNew": 1})

    assert request == call.Heartbeat()
    assert codec.encode(request) == {}
