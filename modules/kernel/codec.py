"""Typed payloads: OCPP JSON (camelCase) to the `ocpp` package's dataclasses and back.

Key names are mapped through a table built from the official schemas' own property names, so
the spec's irregular casing (`ocppCsmsUrl`, `SoC`, `V2X`) round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
import types
import typing
from typing import Any, TypeVar

from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.schemas import raw_schema

T = TypeVar("T")


def _camel_to_snake(name: str) -> str:
    name = name.replace("ocppCSMSURL", "ocpp_csms_url")
    name = name.replace("V2X", "_v2x").replace("V2G", "_v2g")
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z0-9])([A-Z])(?=\\S)", r"\1_\2", name).lower()


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
def _snake_to_camel() -> dict[str, str]:
    names: set[str] = set()
    for action in ALL_ACTIONS:
        _property_names(raw_schema(action, "Request"), names)
        _property_names(raw_schema(action, "Response"), names)
    return {_camel_to_snake(name): name for name in names}


@functools.cache
def _fields(cls: type) -> dict[str, tuple[str, Any]]:
    """camelCase key -> (field name, resolved type) for a dataclass."""
    hints = typing.get_type_hints(cls)
    table = _snake_to_camel()
    return {
        table.get(field.name, field.name): (field.name, hints[field.name])
        for field in dataclasses.fields(cls)
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
    fields = _fields(cls)
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
    table = _snake_to_camel()
    out: dict[str, Any] = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if value is None:
            continue
        out[table.get(field.name, field.name)] = _encode_value(value)
    return out
