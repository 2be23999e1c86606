"""Building a GraphQL type from a block's record whose fields it shares by name, so a type's
builder names only the fields it computes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")


_GIVEN_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _given_fields(type_: type[Any]) -> tuple[str, ...]:
    """The fields a strawberry type is built with (resolver fields are computed, not given)."""
    names = _GIVEN_FIELDS.get(type_)
    if names is None:
        names = tuple(item.name for item in dataclasses.fields(type_) if item.init)
        _GIVEN_FIELDS[type_] = names
    return names


def from_record(type_: type[T], record: object, **computed: Any) -> T:
    """`type_` with the fields in `computed` as given and every other field read from the
    attribute of `record` of the same name."""
    copied = {name: getattr(record, name) for name in _given_fields(type_) if name not in computed}
    return cast(Callable[..., T], type_)(**copied, **computed)
