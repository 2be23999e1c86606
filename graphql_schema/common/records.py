"""Building a GraphQL type from a block's record whose fields it shares by name, so a type's
builder names only the fields it computes (an enum field reads the record's value as the
enum); the builder of a type that computes nothing, and of a feed's rows, whose one computed
field is the cursor."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, ClassVar, Protocol, Self, TypeVar, cast

from graphql_schema.common.paging import encode_id_cursor

T = TypeVar("T")


_GIVEN_FIELDS: dict[type[Any], tuple[tuple[str, type[Enum] | None], ...]] = {}


def _enum_of(hint: Any) -> type[Enum] | None:
    """The enum a field's annotation names, alone or with None; None for any other."""
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    for candidate in typing.get_args(hint) if union else (hint,):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


def _given_fields(type_: type[Any]) -> tuple[tuple[str, type[Enum] | None], ...]:
    """The fields a type is built with (resolver fields are computed, not given), each with
    the enum it holds (None for any other field)."""
    fields = _GIVEN_FIELDS.get(type_)
    if fields is None:
        hints = typing.get_type_hints(type_)
        given = (item.name for item in dataclasses.fields(type_) if item.init)
        fields = tuple((name, _enum_of(hints[name])) for name in given)
        _GIVEN_FIELDS[type_] = fields
    return fields


def _read(record: object, name: str, enum: type[Enum] | None) -> Any:
    """The attribute `name` of `record`, as the enum `enum` (when given) unless None."""
    value = getattr(record, name)
    return value if enum is None or value is None else enum(value)


def from_record(type_: type[T], record: object, **computed: Any) -> T:
    """`type_` with the fields in `computed` as given and every other field read from the
    attribute of `record` of the same name (a field of an enum type reads it by value)."""
    copied = {
        name: _read(record, name, enum)
        for name, enum in _given_fields(type_)
        if name not in computed
    }
    return cast(Callable[..., T], type_)(**copied, **computed)


def fields_of(value: object) -> dict[str, Any]:
    """The fields of a dataclass (a strawberry input) by name, as they are (not copied)."""
    return {item.name: getattr(value, item.name) for item in dataclasses.fields(value)}  # type: ignore[arg-type]


class FromRecord:
    """A GraphQL type whose fields all read from a block's record of the same names."""

    @classmethod
    def of(cls, record: object) -> Self:
        """Build from the block's record."""
        return from_record(cls, record)


class Identified(Protocol):
    """A record with a row id."""

    @property
    def id(self) -> int:
        """The row id, which orders the feed."""
        ...


class FeedRow:
    """A GraphQL type of the rows of a feed paged by row id: `of` builds it from the block's
    record, the cursor (of the `cursor_kind` feed) from the record's id."""

    cursor_kind: ClassVar[str]

    @classmethod
    def of(cls, record: Identified) -> Self:
        """Build from the block's record."""
        return from_record(cls, record, cursor=encode_id_cursor(cls.cursor_kind, record.id))
