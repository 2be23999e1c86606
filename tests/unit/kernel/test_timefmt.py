"""OCPP date-times: formatted in UTC with milliseconds and `Z`; parsed from any RFC 3339 form
(lower-case t/z, offsets, leap seconds) into UTC, or refused when out of range."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from modules.kernel.timefmt import (
    EARLIEST,
    LATEST,
    DateTimeOutOfRange,
    ocpp_datetime,
    parse_ocpp_datetime,
)

PLUS_0130 = timezone(timedelta(hours=1, minutes=30))


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 11, 24, 10, 0, 0, 123456, tzinfo=UTC), "2026-11-24T10:00:00.123Z"),
        (datetime(2026, 11, 24, 10, 0, 0, tzinfo=UTC), "2026-11-24T10:00:00.000Z"),
        (datetime(2026, 11, 24, 10, 0, 0, 999, tzinfo=UTC), "2026-11-24T10:00:00.000Z"),
        (datetime(2026, 11, 24, 10, 0, 0, 1000, tzinfo=UTC), "2026-11-24T10:00:00.001Z"),
        (datetime(5, 1, 2, 3, 4, 5, 600000, tzinfo=UTC), "0005-01-02T03:04:05.600Z"),
        (
            datetime(
                2026, 11, 24, 11, 30, 0, 5000, tzinfo=timezone(timedelta(hours=1, minutes=30))
            ),
            "2026-11-24T10:00:00.005Z",
        ),
        (
            datetime(2026, 7, 1, 12, 0, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
            "2026-07-01T10:00:00.000Z",
        ),
        (datetime(2026, 1, 1, 0, 0, 0, tzinfo=ZoneInfo("UTC")), "2026-01-01T00:00:00.000Z"),
    ],
)
def test_formats_as_utc_milliseconds_with_z(moment: datetime, text: str) -> None:
    assert ocpp_datetime(moment) == text


def test_a_formatted_time_parses_back_to_the_millisecond() -> None:
    moment = datetime(2026, 12, 3, 6, 1, 2, 345678, tzinfo=UTC)
    assert parse_ocpp_datetime(ocpp_datetime(moment)) == moment.replace(microsecond=345000)


# --- parsing: what RFC 3339 allows, always in UTC -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-11-24T10:00:00Z", datetime(2026, 11, 24, 10, tzinfo=UTC)),
        ("2026-11-24t10:00:00z", datetime(2026, 11, 24, 10, tzinfo=UTC)),
        ("2026-11-24t11:30:00+01:30", datetime(2026, 11, 24, 10, tzinfo=UTC)),
        ("2026-11-24T10:00:00-00:00", datetime(2026, 11, 24, 10, tzinfo=UTC)),
        ("2026-11-24T10:00:00.123456789Z", datetime(2026, 11, 24, 10, 0, 0, 123456, tzinfo=UTC)),
        ("0001-01-01T00:00:00Z", datetime(1, 1, 1, tzinfo=UTC)),
        ("0001-01-01T00:59:59-01:00", datetime(1, 1, 1, 1, 59, 59, tzinfo=UTC)),
        ("9999-12-31T23:59:59.999Z", datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)),
        ("9999-12-31T23:59:59+01:00", datetime(9999, 12, 31, 22, 59, 59, tzinfo=UTC)),
        ("2026-11-24T10:00:00", datetime(2026, 11, 24, 10, tzinfo=UTC)),
    ],
    ids=[
        "Z",
        "lower-case t and z",
        "offset",
        "unknown local offset",
        "nanoseconds kept to the microsecond",
        "earliest",
        "earliest after conversion",
        "latest",
        "latest after conversion",
        "naive taken as UTC",
    ],
)
def test_parses_rfc_3339_into_utc(text: str, moment: datetime) -> None:
    parsed = parse_ocpp_datetime(text)

    assert parsed == moment
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ("2016-12-31t23:59:60.5z", datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ("2017-01-01T00:59:60+01:00", datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_a_leap_second_is_the_last_microsecond_of_its_minute(text: str, moment: datetime) -> None:
    """RFC 3339 §5.6 allows second 60; a datetime cannot hold it, so it is clamped and still
    sorts between the second before and the next minute."""
    parsed = parse_ocpp_datetime(text)

    assert parsed == moment
    assert parse_ocpp_datetime("2016-12-31T23:59:59.999Z") < parsed
    assert parsed < parse_ocpp_datetime("2017-01-01T00:00:00Z")


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:59-01:00",
        "0001-01-01T00:00:00+01:00",
        "0001-01-01t00:00:00.000+00:01",
        "9999-12-31T23:59:60-23:59",
    ],
)
def test_an_instant_outside_the_datetime_range_in_utc_is_out_of_range(text: str) -> None:
    with pytest.raises(DateTimeOutOfRange, match="outside 0001-01-01T00:00:00Z"):
        parse_ocpp_datetime(text)
    assert issubclass(DateTimeOutOfRange, ValueError)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-02-30T10:00:00Z", "2026-11-24T25:00:00Z"])
def test_what_is_no_date_time_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_ocpp_datetime(text)


def test_the_range_bounds_format_as_ocpp_date_times() -> None:
    assert ocpp_datetime(EARLIEST) == "0001-01-01T00:00:00.000Z"
    assert ocpp_datetime(LATEST) == "9999-12-31T23:59:59.999Z"
