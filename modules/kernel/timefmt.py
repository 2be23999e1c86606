"""OCPP date-times: formatting (RFC 3339, UTC, millisecond precision, `Z` suffix) and parsing.

Parsing takes what RFC 3339 §5.6 allows and the official schemas let through: `t`/`z` in
either case, any offset, any number of fraction digits (kept to the microsecond), and a leap
second (`:60`), which Python's datetime cannot hold and which is read as 59.999999 of the same
minute, so it still sorts after the second before it and before the one after. The result is
always in UTC; an instant outside what a datetime holds in UTC (years 1 to 9999, e.g.
`9999-12-31T23:59:59-01:00`) raises `DateTimeOutOfRange`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

EARLIEST = datetime.min.replace(tzinfo=UTC)
"""The earliest instant a date-time can stand for: 0001-01-01T00:00:00Z."""
LATEST = datetime.max.replace(tzinfo=UTC)
"""The latest instant a date-time can stand for: 9999-12-31T23:59:59.999999Z."""


class DateTimeOutOfRange(ValueError):
    """An RFC 3339 date-time whose instant lies outside EARLIEST..LATEST once in UTC."""


def ocpp_datetime(moment: datetime) -> str:
    """`moment` as OCPP expects it, e.g. 2026-11-24T10:00:00.123Z."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    # orjson formats a datetime in C, a third of the cost of isoformat(); every Heartbeat's
    # answer comes through here. It leaves the fraction out when it is zero.
    text = orjson.dumps(moment, option=orjson.OPT_UTC_Z)  # b'"YYYY-MM-DDTHH:MM:SS[.ffffff]Z"'
    return (text[1:24] if moment.microsecond else text[1:20] + b".000").decode() + "Z"


def _is_leap_second(text: str) -> bool:
    return len(text) >= 19 and text[16] == ":" and text[17:19] == "60"


def parse_ocpp_datetime(text: str) -> datetime:
    """Parse an RFC 3339 date-time into an aware UTC datetime (naive input is taken as UTC;
    a leap second becomes 59.999999). Raises ValueError when it cannot be read, and
    DateTimeOutOfRange (a ValueError) when its instant is outside EARLIEST..LATEST."""
    normal = text.upper()
    if normal.endswith("Z"):
        normal = normal[:-1] + "+00:00"
    leap = _is_leap_second(normal)
    if leap:
        normal = normal[:17] + "59" + normal[19:]
    moment = datetime.fromisoformat(normal)
    if leap:
        moment = moment.replace(microsecond=999999)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise DateTimeOutOfRange(
            f"{text} is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999Z in UTC"
        ) from None
