"""Paging: the one page-size rule, and opaque cursors over a row id for newest-first feeds."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from graphql_schema.common.errors import InputError, invalid

MAX_PAGE = 1000


def check_page(value: int, name: str = "first", largest: int = MAX_PAGE) -> int:
    """`value` within 1..`largest`, or an input error naming the argument."""
    if not 1 <= value <= largest:
        raise InputError(f"{name} must be between 1 and {largest}, got {value}", field=name)
    return value


def check_first(first: int) -> int:
    """`first` within 1..MAX_PAGE, or an input error."""
    return check_page(first, "first", MAX_PAGE)


def encode_id_cursor(kind: str, row_id: int) -> str:
    """An opaque cursor for row `row_id` of the `kind` feed."""
    return base64.urlsafe_b64encode(f"{kind}:{row_id}".encode()).decode()


def decode_id_cursor(kind: str, cursor: str) -> int:
    """The row id of a cursor of the `kind` feed; an input error when it is not one."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid("after", f"not a cursor returned by `{kind}`") from None
    prefix, _, number = text.partition(":")
    if prefix != kind or not number.isdigit():
        raise invalid("after", f"not a cursor returned by `{kind}`")
    return int(number)


@dataclass(frozen=True, slots=True)
class IdPage:
    """A page of a feed paged by row id: its size, and the row id of the cursor it continues
    after (None: from the start)."""

    limit: int
    after_id: int | None


def id_page(kind: str, first: int, after: str | None) -> IdPage:
    """The page of `first` rows (checked) after the `after` cursor of the `kind` feed."""
    limit = check_first(first)
    return IdPage(limit, decode_id_cursor(kind, after) if after is not None else None)
