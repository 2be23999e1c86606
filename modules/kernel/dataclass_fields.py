"""The fields a dataclass is built with, looked up once per class."""

from __future__ import annotations

import dataclasses
from typing import Any

_INIT_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def init_field_names(cls: type[Any]) -> tuple[str, ...]:
    """The names of the fields `cls`'s constructor takes (a field with init=False is set by
    the class itself, a strawberry resolver field is computed)."""
    names = _INIT_FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(field.name for field in dataclasses.fields(cls) if field.init)
        _INIT_FIELD_NAMES[cls] = names
    return names
