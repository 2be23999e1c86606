"""Local-list rules: names, changes, a station's SendLocalList limits. Pure (the planner of
updates is `list_plan`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from modules.authorization import TokenKey
from modules.local_auth_lists.list_plan import DEFAULT_ITEMS_PER_MESSAGE

FIRST_VERSION = 1
"""A new list starts at version 1: SendLocalList versions must be > 0 (D01.FR.18)."""
MAX_NAME_LENGTH = 64
MAX_CHANGE = 10_000
"""Tokens one change may add (or remove)."""
ACCEPTED = "Accepted"
VERSION_MISMATCH = "VersionMismatch"
TOO_MANY_ENTRIES = "TooManyEntries"
"""Recorded as the station's last status when its list exceeds its capacity (D01.FR.12)."""

CONTROLLER = "localauthlistctrlr"
ITEMS_VARIABLES = ("itemspermessage", "itemspermessagesendlocallist")
BYTES_VARIABLES = ("bytespermessage", "bytespermessagesendlocallist")
ENTRIES_VARIABLE = "entries"


class LocalListError(ValueError):
    """A list operation that cannot be done; the message says why."""


def check_name(name: str) -> None:
    """A list name has 1 to 64 characters."""
    if not name or len(name) > MAX_NAME_LENGTH:
        raise LocalListError(f"name: 1 to {MAX_NAME_LENGTH} characters")


def check_keys(keys: Sequence[TokenKey], name: str) -> list[TokenKey]:
    """At most MAX_CHANGE tokens per change."""
    if len(keys) > MAX_CHANGE:
        raise LocalListError(f"{name}: at most {MAX_CHANGE} tokens per change")
    return list(keys)


def check_change(add: Sequence[TokenKey], remove: Sequence[TokenKey]) -> None:
    """A token may not be added and removed at once."""
    both = set(add) & set(remove)
    if both:
        raise LocalListError(
            "added and removed at once: " + ", ".join(f"{v} ({t})" for v, t in both)
        )


def missing_tokens(missing: Sequence[TokenKey]) -> LocalListError:
    """The error for tokens the registry does not have."""
    return LocalListError(
        "not in the id-token registry: " + ", ".join(f"{v} ({t})" for v, t in missing)
    )


@dataclass(frozen=True, slots=True)
class LimitVariable:
    """One LocalAuthListCtrlr variable of the station's device model (Actual value)."""

    component: str
    variable: str
    value: str | None
    max_limit: float | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    """A station's SendLocalList limits: items and bytes per message, list capacity."""

    items_per_message: int = DEFAULT_ITEMS_PER_MESSAGE
    bytes_per_message: int | None = None
    max_entries: int | None = None


def _positive(text: str | None) -> int | None:
    try:
        number = int(float(text)) if text is not None else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


def limits_of(variables: Sequence[LimitVariable]) -> Limits:
    """ItemsPerMessage, BytesPerMessage and the Entries maxLimit (D01.FR.11/12) of
    LocalAuthListCtrlr, as far as the device model knows them."""
    items = bytes_ = entries = None
    for row in variables:
        if row.component.lower() != CONTROLLER:
            continue
        name = row.variable.lower()
        if name in ITEMS_VARIABLES:
            items = _positive(row.value)
        elif name in BYTES_VARIABLES:
            bytes_ = _positive(row.value)
        elif name == ENTRIES_VARIABLE and row.max_limit is not None:
            entries = int(row.max_limit)
    return Limits(items or DEFAULT_ITEMS_PER_MESSAGE, bytes_, entries)


def exceeds_capacity(entries: int, limits: Limits) -> bool:
    """D01.FR.12: never send more entries than the station can store."""
    return limits.max_entries is not None and entries > limits.max_entries
