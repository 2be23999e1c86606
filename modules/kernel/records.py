"""Records built from other objects (ORM rows, other records): each field of a frozen
dataclass read from the source's attribute of the same name, so a store's mapper names only
what differs (a renamed column, a converted value)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

R = TypeVar("R")

NO_RENAMES: Mapping[str, str] = {}


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(record: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(record)
    if names is None:
        names = tuple(field.name for field in dataclasses.fields(record) if field.init)
        _FIELD_NAMES[record] = names
    return names


def record_of(
    record: type[R], row: object, renamed: Mapping[str, str] = NO_RENAMES, **given: Any
) -> R:
    """`record` from `row` (any object): each field from the attribute `renamed` names for it
    (its own name by default), except the fields `given` explicitly."""
    values = {
        name: getattr(row, renamed.get(name, name))
        for name in _field_names(record)
        if name not in given
    }
    return record(**values, **given)
