"""Placeholders for hand-written statements, in both dialects."""

from __future__ import annotations

from infra.db.sql import parameter, row_placeholders


def test_numbered_parameters() -> None:
    assert (parameter("sqlite", 2), parameter("postgres", 2)) == ("?2", "$2")


def test_multi_row_values_lists() -> None:
    assert row_placeholders("sqlite", 2, 3) == "(?, ?, ?), (?, ?, ?)"
    assert row_placeholders("postgres", 2, 3) == "($1, $2, $3), ($4, $5, $6)"
