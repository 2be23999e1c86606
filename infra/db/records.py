"""Records built from ORM rows: each field of a frozen dataclass read from the row's attribute
of the same name, so a store's mapper names only what differs (a renamed column, a converted
value)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from modules.kernel.dataclass_fields import init_field_names

R = TypeVar("R")

NO_RENAMES: Mapping[str, str] = {}


def record_of(
    record: type[R], row: object, renamed: Mapping[str, str] = NO_RENAMES, **given: Any
) -> R:
    """`record` from `row`: each field from the attribute `renamed` names for it (its own name
    by default), except the fields `given` explicitly."""
    values = {
        name: getattr(row, renamed.get(name, name))
        for name in init_field_names(record)
        if name not in given
    }
    return record(**values, **given)
