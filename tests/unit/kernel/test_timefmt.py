"""OCPP date-times: UTC, millisecond precision, `Z` suffix, whatever the input's zone."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime

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
