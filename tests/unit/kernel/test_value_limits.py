"""Schema-valid values the CSMS cannot keep, refused by `schemas.validate` naming the field.

Part 2 §2.1.4 (Primitive Datatypes): an OCPP integer is 32 bits, written without fraction; a
dateTime is RFC 3339. Part 4 §4.3: a value outside what the field allows is
PropertyConstraintViolation, a value of the wrong type TypeConstraintViolation.
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from modules.kernel import schemas
from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.errors import OcppError, PropertyConstraintViolation, TypeConstraintViolation
from modules.kernel.value_limits import INT_MAX, INT_MIN, Plan, compile_plan


def status(timestamp: str = "2026-11-24T10:00:00Z", evse: Any = 1) -> dict[str, Any]:
    return {
        "timestamp": timestamp,
        "connectorStatus": "Available",
        "evseId": evse,
        "connectorId": 1,
    }


def event(timestamp: str = "2026-11-24T10:00:00Z", **extra: Any) -> dict[str, Any]:
    return {
        "eventId": 1,
        "timestamp": timestamp,
        "trigger": "Alerting",
        "actualValue": "x",
        "eventNotificationType": "CustomMonitor",
        "component": {"name": "Connector"},
        "variable": {"name": "AvailabilityState"},
        **extra,
    }


def notify_event(*items: dict[str, Any], seq_no: Any = 0) -> dict[str, Any]:
    return {"generatedAt": "2026-11-24T10:00:00Z", "seqNo": seq_no, "eventData": list(items)}


def refusal(action: str, payload: Any, part: schemas.Part = "Request") -> OcppError:
    with pytest.raises(OcppError) as caught:
        schemas.validate(action, part, payload)
    return caught.value


@pytest.mark.parametrize(
    "timestamp",
    [
        "2016-12-31T23:59:60Z",
        "2026-11-24t10:00:00z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
        "9999-12-31T23:59:59+01:00",
    ],
    ids=["leap second", "lower-case t and z", "earliest", "latest", "latest after conversion"],
)
def test_every_rfc_3339_date_time_in_range_passes(timestamp: str) -> None:
    schemas.validate("StatusNotification", "Request", status(timestamp))
    schemas.validate("NotifyEvent", "Request", notify_event(event(timestamp)))


@pytest.mark.parametrize("timestamp", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"])
def test_a_date_time_out_of_range_in_utc_is_a_property_violation_naming_it(timestamp: str) -> None:
    error = refusal("StatusNotification", status(timestamp))

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": "timestamp"}
    assert error.description.startswith(f"StatusNotificationRequest: timestamp: {timestamp}")


def test_a_nested_date_time_is_named_by_its_path() -> None:
    payload = notify_event(event(), event("0001-01-01T00:00:00+01:00"))

    error = refusal("NotifyEvent", payload)

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": "eventData.1.timestamp"}


@pytest.mark.parametrize("seq_no", [INT_MIN, 0, INT_MAX])
def test_32_bit_integers_pass(seq_no: int) -> None:
    schemas.validate("NotifyEvent", "Request", notify_event(event(), seq_no=seq_no))


@pytest.mark.parametrize(
    "text",
    [
        "2147483648",
        "-2147483649",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "1e30",
    ],
)
def test_an_integer_beyond_32_bits_is_a_property_violation_naming_it(text: str) -> None:
    """As the gateway reads it: orjson makes ints up to 2^64 - 1, floats beyond."""
    payload = orjson.loads(
        orjson.dumps(notify_event(event())).replace(b'"seqNo":0', b'"seqNo":' + text.encode())
    )

    error = refusal("NotifyEvent", payload)

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": "seqNo"}
    assert "32-bit" in error.description


@pytest.mark.parametrize("evse", [1.0, 1e0])
def test_an_integer_written_with_a_fraction_is_a_type_violation(evse: float) -> None:
    error = refusal("StatusNotification", status(evse=evse))

    assert isinstance(error, TypeConstraintViolation)
    assert error.details == {"field": "evseId"}


def test_a_decimal_field_keeps_any_json_number() -> None:
    sample = {"value": 18446744073709551615, "unitOfMeasure": {"multiplier": 3}}
    payload = {
        "evseId": 1,
        "meterValue": [{"timestamp": "2026-11-24T10:00:00Z", "sampledValue": [sample]}],
    }

    schemas.validate("MeterValues", "Request", payload)


def test_an_integer_deep_in_a_list_is_named_by_its_path() -> None:
    sample = {"value": 1, "unitOfMeasure": {"multiplier": 2**40}}
    payload = {
        "evseId": 1,
        "meterValue": [{"timestamp": "2026-11-24T10:00:00Z", "sampledValue": [sample]}],
    }

    error = refusal("MeterValues", payload)

    assert error.details == {"field": "meterValue.0.sampledValue.0.unitOfMeasure.multiplier"}


def test_a_station_answer_is_held_to_the_same_limits() -> None:
    error = refusal("GetLocalListVersion", {"versionNumber": 2**31}, "Response")

    assert isinstance(error, PropertyConstraintViolation)
    assert error.description.startswith("GetLocalListVersionResponse: versionNumber")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"type": "Tamper\x00", "timestamp": "2026-11-24T10:00:00Z"}, "type"),
        (
            {
                "type": "T",
                "timestamp": "2026-11-24T10:00:00Z",
                "customData": {"vendorId": "V", "x\x00": 1},
            },
            "customData",
        ),
        (
            {
                "type": "T",
                "timestamp": "2026-11-24T10:00:00Z",
                "customData": {"vendorId": "V", "a": [{"b": "\x00"}]},
            },
            "customData.a.0.b",
        ),
    ],
    ids=["value", "customData key", "customData value"],
)
def test_u0000_anywhere_is_a_property_violation_naming_where(
    payload: dict[str, Any], field: str
) -> None:
    """PostgreSQL text cannot hold U+0000; every database refuses it alike."""
    error = refusal("SecurityEventNotification", payload)

    assert isinstance(error, PropertyConstraintViolation)
    assert error.details == {"field": field}


def test_an_escaped_backslash_u0000_is_ordinary_text() -> None:
    schemas.validate(
        "SecurityEventNotification",
        "Request",
        {"type": "\\u0000", "timestamp": "2026-11-24T10:00:00Z"},
    )


def _paths(plan: Plan | None, prefix: str = "") -> set[tuple[str, str]]:
    if plan is None:
        return set()
    found = {(prefix, plan.kind)} if plan.kind else set()
    for key, sub in plan.properties:
        found |= _paths(sub, f"{prefix}.{key}" if prefix else key)
    found |= _paths(plan.items, f"{prefix}[]")
    return found


def test_the_plan_reaches_date_times_and_integers_through_definitions_and_lists() -> None:
    paths = _paths(compile_plan(schemas.raw_schema("TransactionEvent", "Request")))

    assert {
        ("timestamp", "date-time"),
        ("seqNo", "integer"),
        ("meterValue[].timestamp", "date-time"),
        ("meterValue[].sampledValue[].unitOfMeasure.multiplier", "integer"),
        ("evse.id", "integer"),
        ("evse.connectorId", "integer"),
        ("transactionInfo.remoteStartId", "integer"),
    } <= paths
    assert not any(path.endswith("value") for path, _ in paths)  # decimals are not integers


def test_every_schema_compiles_and_the_plain_ones_need_no_plan() -> None:
    for action in ALL_ACTIONS:
        for part in ("Request", "Response"):
            compile_plan(schemas.raw_schema(action, part))
    assert compile_plan(schemas.raw_schema("Heartbeat", "Request")) is None
