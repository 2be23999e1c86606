"""Values the official schemas let through but the CSMS cannot keep, found before dispatch.

The schemas accept any RFC 3339 date-time, any JSON integer and any string. Three kinds are
refused with the Part 4 error naming the field, so nothing of them is stored:

- a date-time outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999Z once in UTC
  (`PropertyConstraintViolation`); every other one parses (`modules.kernel.timefmt`);
- an integer outside 32 bits, the range of Part 2's `integer` (§2.1.4, Primitive Datatypes),
  of GraphQL's Int and of the `integer` columns (`PropertyConstraintViolation`), or written
  with a fraction or exponent such as `1.0` or `1e3` (`TypeConstraintViolation`: Part 2's
  integer has neither);
- a string holding U+0000, which PostgreSQL text cannot store (`PropertyConstraintViolation`),
  in any value or key of the payload, customData included.

Where the date-times and integers are is read off each schema once (`compile_plan`) and turned
into a function that walks only those parts of a payload (`checker`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from modules.kernel.errors import OcppError, PropertyConstraintViolation, TypeConstraintViolation
from modules.kernel.timefmt import DateTimeOutOfRange, parse_ocpp_datetime

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

Path = list[str | int]


class ValueRefused(Exception):
    """A value the CSMS cannot keep: the Part 4 error to answer, where, and why."""

    def __init__(self, error: type[OcppError], path: Path, reason: str) -> None:
        super().__init__(reason)
        self.error = error
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Plan:
    """What to check in one schema node: its own value (`kind`: "date-time", "integer" or
    None), its properties and its items, each with a plan only where something is checked."""

    kind: str | None = None
    properties: tuple[tuple[str, Plan], ...] = ()
    items: Plan | None = None


def compile_plan(schema: dict[str, Any]) -> Plan | None:
    """The checks `schema` needs, or None when it has neither date-times nor integers."""
    return _plan(schema, schema.get("definitions", {}), frozenset())


def _plan(node: Any, definitions: dict[str, Any], seen: frozenset[str]) -> Plan | None:
    if not isinstance(node, dict):
        return None
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        if name in seen or name not in definitions:
            return None
        return _plan(definitions[name], definitions, seen | {name})
    kind = "date-time" if node.get("format") == "date-time" else None
    if node.get("type") == "integer":
        kind = "integer"
    properties = tuple(
        (key, sub)
        for key, value in (node.get("properties") or {}).items()
        if (sub := _plan(value, definitions, seen)) is not None
    )
    items = _plan(node.get("items"), definitions, seen)
    if kind is None and not properties and items is None:
        return None
    return Plan(kind, properties, items)


Check = Callable[[Any], None]


def checker(plan: Plan | None) -> Check:
    """A function raising ValueRefused for the first value of a payload (already valid against
    the schema `plan` was compiled from) that the CSMS cannot keep; built once per schema, it
    walks only the parts of a payload that hold date-times or integers."""
    walk = _compiled(plan) if plan is not None else None

    def check(payload: Any) -> None:
        if walk is not None:
            walk(payload)
        if _may_hold_nul(payload):
            _find_nul(payload, [])

    return check


def _compiled(plan: Plan) -> Check:
    if plan.kind == "date-time":
        return _check_datetime
    if plan.kind == "integer":
        return _check_integer
    if plan.items is not None:
        return _items(_compiled(plan.items))
    return _properties(tuple((key, _compiled(sub)) for key, sub in plan.properties))


def _properties(properties: tuple[tuple[str, Check], ...]) -> Check:
    def check(value: Any) -> None:
        if type(value) is dict:
            for key, sub in properties:
                if key in value:
                    try:
                        sub(value[key])
                    except ValueRefused as refused:  # the path is built only on the way out
                        refused.path.insert(0, key)
                        raise

    return check


def _items(sub: Check) -> Check:
    def check(value: Any) -> None:
        if type(value) is list:
            for index, item in enumerate(value):
                try:
                    sub(item)
                except ValueRefused as refused:
                    refused.path.insert(0, index)
                    raise

    return check


def _check_datetime(value: Any) -> None:
    if type(value) is not str:
        return
    try:
        parse_ocpp_datetime(value)
    except DateTimeOutOfRange as error:
        raise ValueRefused(PropertyConstraintViolation, [], str(error)) from None
    except ValueError as error:
        reason = f"{value} is not a date-time this CSMS can read: {error}"
        raise ValueRefused(PropertyConstraintViolation, [], reason) from None


def _check_integer(value: Any) -> None:
    kind = type(value)
    if kind is not int and kind is not float:
        return
    if not INT_MIN <= value <= INT_MAX:
        raise ValueRefused(
            PropertyConstraintViolation,
            [],
            f"{value} is outside the 32-bit range of an OCPP integer ({INT_MIN}..{INT_MAX})",
        )
    if kind is float:
        reason = f"{value} is not an integer (no fraction or exponent)"
        raise ValueRefused(TypeConstraintViolation, [], reason)


def _may_hold_nul(payload: Any) -> bool:
    """Whether `payload` may hold U+0000: one pass in C, the walk only when it may."""
    try:
        return b"\\u0000" in orjson.dumps(payload)
    except orjson.JSONEncodeError:
        return True


def _find_nul(value: Any, path: Path) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            reason = "U+0000 is not allowed in a string"
            raise ValueRefused(PropertyConstraintViolation, path, reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                reason = "U+0000 is not allowed in a key"
                raise ValueRefused(PropertyConstraintViolation, path, reason)
            _find_nul(item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _find_nul(item, [*path, index])
