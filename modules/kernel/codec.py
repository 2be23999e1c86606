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


@functools.cache
def _fields(cls: type) -> dict[str, tuple[str, Any]]:
    """camelCase key -> (field name, resolved type) for a dataclass."""
    hints = typing.get_type_hints(cls)
    return {
        _json_name(field.name): (field.name, hints[field.name]) for field in dataclasses.fields(cls)
    }


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _decode_value(tp: Any, value: Any) -> Any:
    tp = _strip_optional(tp)
    origin = typing.get_origin(tp)
    if origin is list and isinstance(value, list):
        (item_type,) = typing.get_args(tp) or (Any,)
        return [_decode_value(item_type, item) for item in value]
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp) and isinstance(value, dict):
            return decode(tp, value)
        if issubclass(tp, enum.Enum):
            return tp(value)
    return value


def decode(cls: type[T], payload: dict[str, Any]) -> T:
    """Build dataclass `cls` from a schema-valid camelCase payload, recursively typed."""
    target: type = cls
    fields = _fields(target)
    kwargs: dict[str, Any] = {}
    for key, value in payload.items():
        entry = fields.get(key)
        if entry is None:
            continue
        name, tp = entry
        kwargs[name] = _decode_value(tp, value)
    return cls(**kwargs)


def _encode_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encode(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_encode_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode_value(item) for key, item in value.items() if item is not None}
    return value


def encode(obj: Any) -> dict[str, Any]:
    """Turn an `ocpp` dataclass into its camelCase payload, leaving out unset (None) fields."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if value is None:
            continue
        out[_json_name(field.name)] = _encode_value(value)
    return out
