"""Typed payloads: OCPP JSON (camelCase) to the `ocpp` package's dataclasses and back.

Key names are matched to the official schemas' own property names ignoring case and
underscores, so the spec's irregular casing (`ocppCsmsUrl`, `SoC`, `language1`) round-trips.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.schemas import raw_schema

T = TypeVar("T")


def _normal(name: str) -> str:
    """Case- and underscore-free form: `language_1`, `language1` and `Language1` agree."""
    return name.replace("_", "").lower()


def _property_names(node: Any, into: set[str]) -> None:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            into.update(properties)
        for value in node.values():
            _property_names(value, into)
    elif isinstance(node, list):
        for value in node:
            _property_names(value, into)


@functools.cache
def _schema_names() -> dict[str, str]:
    """Normal form -> the exact property name the official schemas use."""
    names: set[str] = set()
    for action in ALL_ACTIONS:
        _property_names(raw_schema(action, "Request"), names)
        _property_names(raw_schema(action, "Response"), names)
    return {_normal(name): name for name in names}


def _json_name(field_name: str) -> str:
    return _schema_names().get(_normal(field_name), field_name)


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


Convert = Callable[[Any], Any]


@functools.cache
def _converter(tp: Any) -> Convert | None:
    """How a JSON value of type `tp` becomes typed (None: it stays as it is), worked out once
    per type rather than for every value."""
    tp = _strip_optional(tp)
    if typing.get_origin(tp) is list:
        (item_type,) = typing.get_args(tp) or (Any,)
        item = _converter(item_type)
        if item is None:
            return None
        return lambda value: [item(v) for v in value] if isinstance(value, list) else value
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            target: type = tp
            return lambda value: decode(target, value) if isinstance(value, dict) else value
        if issubclass(tp, enum.Enum):
            return tp
    return None


@functools.cache
def _decoders(cls: type) -> dict[str, tuple[str, Convert | None]]:
    """camelCase key -> (field name, value converter) for a dataclass."""
    hints = typing.get_type_hints(cls)
    return {
        _json_name(field.name): (field.name, _converter(hints[field.name]))
        for field in dataclasses.fields(cls)
    }


def decode(cls: type[T], payload: dict[str, Any]) -> T:
    """Build dataclass `cls` from a schema-valid camelCase payload, recursively typed."""
    target: type = cls
    fields = _decoders(target)
    kwargs: dict[str, Any] = {}
    for key, value in payload.items():
        entry = fields.get(key)
        if entry is None:
            continue
        name, convert = entry
        kwargs[name] = value if convert is None else convert(value)
    return cls(**kwargs)


_PLAIN = frozenset({str, int, float, bool})


def _encode_value(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if kind is list:
        return [_encode_value(item) for item in value]
    if kind is dict:
        return {key: _encode_value(item) for key, item in value.items() if item is not None}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encode(value)
    return value


@functools.cache
def _json_names(cls: type) -> tuple[tuple[str, str], ...]:
    """(field name, camelCase key) of each field of a dataclass."""
    return tuple((field.name, _json_name(field.name)) for field in dataclasses.fields(cls))


def encode(obj: Any) -> dict[str, Any]:
    """Turn an `ocpp` dataclass into its camelCase payload, leaving out unset (None) fields."""
    out: dict[str, Any] = {}
    kind: type = type(obj)
    for name, key in _json_names(kind):
        value = getattr(obj, name)
        if value is not None:
            out[key] = _encode_value(value)
    return out
