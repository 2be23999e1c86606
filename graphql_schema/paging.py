"""The one page-size rule every paged GraphQL field applies."""

from __future__ import annotations

MAX_PAGE = 1000


def check_page(value: int, name: str = "first", largest: int = MAX_PAGE) -> int:
    """`value` within 1..`largest`, or a ValueError naming the argument."""
    if not 1 <= value <= largest:
        raise ValueError(f"{name} must be between 1 and {largest}, got {value}")
    return value
