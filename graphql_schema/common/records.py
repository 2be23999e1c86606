"""Building a GraphQL type from a block's record whose fields it shares by name, so a type's
builder names only the fields it computes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from modules.kernel.dataclass_fields import init_field_names

T = TypeVar("T")


def from_record(type_: type[T], record: object, **computed: Any) -> T:
    """`type_` with the fields in `computed` as given and every other field read from the
    attribute of `record` of the same name."""
    copied = {
        name: getattr(record, name) for name in init_field_names(type_) if name not in computed
    }
    return cast(Callable[..., T], type_)(**copied, **computed)
