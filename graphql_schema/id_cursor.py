"""Opaque cursors over a row id, for newest-first feeds."""

from __future__ import annotations

import base64
import binascii

from graphql_schema.paging import check_page

MAX_FEED_PAGE = 1000


def encode_id_cursor(kind: str, row_id: int) -> str:
    """An opaque cursor for row `row_id` of the `kind` feed."""
    return base64.urlsafe_b64encode(f"{kind}:{row_id}".encode()).decode()


def decode_id_cursor(kind: str, cursor: str) -> int:
    """The row id of a cursor of the `kind` feed; ValueError when it is not one."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"after: not a cursor returned by `{kind}`") from error
    prefix, _, number = text.partition(":")
    if prefix != kind or not number.isdigit():
        raise ValueError(f"after: not a cursor returned by `{kind}`")
    return int(number)


def check_first(first: int) -> int:
    """`first` within 1..MAX_FEED_PAGE, or ValueError."""
    return check_page(first, "first", MAX_FEED_PAGE)
