"""Charging profiles between the `ocpp` dataclasses and the block's records: the profile an
operator or a station gives, and the ChargingProfileType sent for a recorded one."""

from __future__ import annotations

from datetime import datetime

from ocpp.v201 import datatypes, enums

from modules.kernel import codec
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime
from modules.smart_charging.records import JsonObject, Profile


def moment(text: str | None, field: str) -> datetime | None:
    """An OCPP date-time as an aware UTC datetime (None stays None); a CALLERROR
    PropertyConstraintViolation naming `field` when it cannot be read."""
    if text is None:
        return None
    try:
        return parse_ocpp_datetime(text)
    except ValueError:
        raise PropertyConstraintViolation(f"{field}: not a date-time the CSMS can keep") from None


def profile_of(
    profile: datatypes.ChargingProfileType, evse_id: int, source: str = "CSO"
) -> Profile:
    """The record of an `ocpp` ChargingProfileType on `evse_id` (limit `source`)."""
    return Profile(
        evse_id=evse_id,
        profile_id=profile.id,
        stack_level=profile.stack_level,
        purpose=enums.ChargingProfilePurposeEnumType(profile.charging_profile_purpose).value,
        kind=enums.ChargingProfileKindEnumType(profile.charging_profile_kind).value,
        schedules=tuple(schedule_json(schedule) for schedule in profile.charging_schedule),
        recurrency_kind=(
            enums.RecurrencyKindEnumType(profile.recurrency_kind).value
            if profile.recurrency_kind
            else None
        ),
        valid_from=moment(profile.valid_from, "chargingProfile.validFrom"),
        valid_to=moment(profile.valid_to, "chargingProfile.validTo"),
        transaction_id=profile.transaction_id,
        charging_limit_source=source,
    )


def schedule_json(
    schedule: datatypes.ChargingScheduleType | JsonObject, field: str = "chargingSchedule"
) -> JsonObject:
    """A ChargingScheduleType as camelCase JSON (a dict is taken as such already), its
    startSchedule as the same instant in UTC (ISO 8601, `+00:00`)."""
    payload = dict(schedule) if isinstance(schedule, dict) else codec.encode(schedule)
    start = moment(payload.get("startSchedule"), f"{field}.startSchedule")
    if start is not None:
        payload["startSchedule"] = start.isoformat()
    return payload


def profile_json(profile: Profile) -> JsonObject:
    """The ChargingProfileType payload of a recorded profile."""
    payload: JsonObject = {
        "id": profile.profile_id,
        "stackLevel": profile.stack_level,
        "chargingProfilePurpose": profile.purpose,
        "chargingProfileKind": profile.kind,
        "chargingSchedule": [dict(schedule) for schedule in profile.schedules],
    }
    if profile.recurrency_kind is not None:
        payload["recurrencyKind"] = profile.recurrency_kind
    if profile.valid_from is not None:
        payload["validFrom"] = ocpp_datetime(profile.valid_from)
    if profile.valid_to is not None:
        payload["validTo"] = ocpp_datetime(profile.valid_to)
    if profile.transaction_id is not None:
        payload["transactionId"] = profile.transaction_id
    return payload


def ocpp_profile(profile: Profile) -> datatypes.ChargingProfileType:
    """The `ocpp` ChargingProfileType of a recorded profile."""
    return codec.decode(datatypes.ChargingProfileType, profile_json(profile))
