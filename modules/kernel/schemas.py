"""The official OCPP 2.0.1 JSON schemas, compiled once with jsonschema-rs, and error mapping.

A schema violation maps to the most specific Part 4 error code: a missing field or a wrong
number of items is an occurrence violation, a wrong JSON type a type violation, a value out of
its enum, length or range a property violation; anything else (an unexpected field) is a
format violation. The description names the offending field. A schema-valid payload is then
checked for values the CSMS cannot keep (`modules.kernel.value_limits`).
"""

from __future__ import annotations

import functools
import importlib.resources
from typing import Any, Literal

import jsonschema_rs
import orjson

from modules.kernel import value_limits
from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.errors import (
    FormatViolation,
    OccurrenceConstraintViolation,
    OcppError,
    PropertyConstraintViolation,
    TypeConstraintViolation,
)

Part = Literal["Request", "Response"]

_OCCURRENCE = {"Required", "MinItems", "MaxItems", "MinProperties", "MaxProperties"}
_TYPE = {"Type"}
_PROPERTY = {
    "Enum",
    "Constant",
    "MaxLength",
    "MinLength",
    "Minimum",
    "Maximum",
    "ExclusiveMinimum",
    "ExclusiveMaximum",
    "MultipleOf",
    "Pattern",
    "Format",
    "UniqueItems",
}


def _schema_text(action: str, part: Part) -> bytes:
    folder = importlib.resources.files("ocpp.v201") / "schemas"
    return (folder / f"{action}{part}.json").read_bytes()


@functools.cache
def raw_schema(action: str, part: Part) -> dict[str, Any]:
    """The parsed official schema of `action`'s request or response."""
    schema: dict[str, Any] = orjson.loads(_schema_text(action, part))
    schema.pop("$id", None)
    return schema


@functools.cache
def _validator(action: str, part: Part) -> Any:
    return jsonschema_rs.Draft6Validator(raw_schema(action, part))


@functools.cache
def _limits(action: str, part: Part) -> value_limits.Check:
    return value_limits.checker(value_limits.compile_plan(raw_schema(action, part)))


def preload() -> None:
    """Compile every schema now, so the first message of each action pays nothing."""
    for action in ALL_ACTIONS:
        for part in ("Request", "Response"):
            _validator(action, part)
            _limits(action, part)


def _field_path(path: list[str | int], extra: str | None = None) -> str:
    parts = [str(p) for p in path]
    if extra:
        parts.append(extra)
    return ".".join(parts) or "(payload)"


def _missing_field(message: str) -> str | None:
    if message.startswith('"') and '" is a required property' in message:
        return message[1 : message.index('" is a required property')]
    return None


def _to_ocpp_error(action: str, part: Part, error: Any) -> OcppError:
    kind = type(error.kind).__name__
    path = list(error.instance_path)
    message = str(error.message)
    if kind in _OCCURRENCE:
        field = _field_path(path, _missing_field(message))
        return OccurrenceConstraintViolation(
            f"{action}{part}: {field}: {message}", {"field": field}
        )
    field = _field_path(path)
    if kind in _TYPE:
        return TypeConstraintViolation(f"{action}{part}: {field}: {message}", {"field": field})
    if kind in _PROPERTY:
        return PropertyConstraintViolation(f"{action}{part}: {field}: {message}", {"field": field})
    return FormatViolation(f"{action}{part}: {field}: {message}", {"field": field})


def validate(action: str, part: Part, payload: Any) -> None:
    """Raise the matching OcppError if `payload` does not conform to the official schema, or
    holds a value the CSMS cannot keep (an out-of-range date-time or integer, U+0000)."""
    validator = _validator(action, part)
    if not validator.is_valid(payload):
        first = next(iter(validator.iter_errors(payload)))
        raise _to_ocpp_error(action, part, first)
    try:
        _limits(action, part)(payload)
    except value_limits.ValueRefused as refused:
        field = _field_path(refused.path)
        raise refused.error(
            f"{action}{part}: {field}: {refused.reason}", {"field": field}
        ) from None
