"""Seeded payloads for fuzzing the gateway: a valid instance of any OCPP request schema, and
mutations of it that keep or break the schema (which, the caller asks jsonschema)."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

from modules.kernel.schemas import raw_schema

Json = Any
Path = list[str | int]

ODD_TIMES = [
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "2026-06-30T23:59:60Z",
    "2026-12-07t10:00:00z",
    "2026-12-07T10:00:00.123456789+14:00",
    "not a time",
    "",
]
ODD_INTEGERS = [0, -1, 2**31, -(2**31) - 1, 2**63, 18446744073709551615, -(2**63) - 1, 10**30]
ODD_STRINGS = ["", " ", "\u0000", "NUL\u0000inside", "é€😀", "<script>x</script>", "x" * 2000]
ODD_NUMBERS = [1e308, -1e308, 5e-324, 0.1, -0.0]


class Generator:
    """Builds valid instances of one action's request schema from a seeded random source."""

    def __init__(self, action: str, rng: random.Random) -> None:
        self.schema = raw_schema(action, "Request")
        self.rng = rng

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = self.schema["definitions"][name]
        return node

    def valid(self) -> Json:
        """One valid payload: every required field, each optional one by a coin toss."""
        return self._value(self.schema, depth=0)

    def _value(self, node: dict[str, Any], depth: int) -> Json:
        node = self._resolve(node)
        if "enum" in node:
            return self.rng.choice(node["enum"])
        kind = node.get("type")
        if kind == "object":
            return self._object(node, depth)
        if kind == "array":
            low = node.get("minItems", 0)
            high = min(node.get("maxItems", low + 2), low + 2)
            return [
                self._value(node["items"], depth + 1) for _ in range(self.rng.randint(low, high))
            ]
        if kind == "string":
            if node.get("format") == "date-time":
                return "2026-12-07T10:00:00Z"
            size = min(node.get("maxLength", 20), self.rng.randint(1, 20))
            return "".join(self.rng.choice("ABCxyz019-_.") for _ in range(size))
        if kind == "integer":
            low = max(int(node.get("minimum", 1)), 1)
            return self.rng.randint(low, max(low, min(int(node.get("maximum", 1000)), 1000)))
        if kind == "number":
            high = min(node.get("maximum", 1000), 1000)
            return round(self.rng.uniform(max(node.get("minimum", 0), 0), high), 3)
        if kind == "boolean":
            return self.rng.random() < 0.5
        return {}

    def _object(self, node: dict[str, Any], depth: int) -> dict[str, Json]:
        required = set(node.get("required", []))
        out: dict[str, Json] = {}
        for name, child in node.get("properties", {}).items():
            if name == "customData":
                if self.rng.random() < 0.1:
                    out[name] = {"vendorId": "fuzz", "note": "x"}
                continue
            if name in required or (depth < 4 and self.rng.random() < 0.5):
                out[name] = self._value(child, depth + 1)
        return out


def _paths(value: Json, path: Path | None = None) -> list[Path]:
    """Every path to a value inside `value` (the root excluded)."""
    path = path or []
    found: list[Path] = []
    children: list[tuple[str | int, Json]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    for key, child in children:
        found.append([*path, key])
        found.extend(_paths(child, [*path, key]))
    return found


def _set(payload: Json, path: Path, replace: Callable[[Json], Json]) -> None:
    parent = payload
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = replace(parent[path[-1]])


def _leaf_of_type(payload: Json, rng: random.Random, kind: type | tuple[type, ...]) -> Path | None:
    paths = [p for p in _paths(payload) if _get(payload, p).__class__ in _as_tuple(kind)]
    return rng.choice(paths) if paths else None


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _get(payload: Json, path: Path) -> Json:
    for key in path:
        payload = payload[key]
    return payload


def _nested(levels: int) -> Json:
    value: Json = []
    for _ in range(levels - 1):
        value = [value]
    return value


def mutate(payload: dict[str, Json], rng: random.Random) -> tuple[str, dict[str, Json]]:
    """One seeded mutation of a valid payload: its name and the mutated copy."""
    out = copy.deepcopy(payload)
    paths = _paths(out)
    choice = rng.randrange(10)
    if choice == 0 and paths:
        dropped = rng.choice(paths)
        parent = _get(out, dropped[:-1])
        if isinstance(parent, dict):
            del parent[dropped[-1]]
        return "field dropped", out
    if choice == 1 and paths:
        _set(out, rng.choice(paths), lambda v: rng.choice([None, True, [], {}, "s", 7, 1.5]))
        return "wrong type", out
    if choice == 2:
        objects: list[Path] = [[], *(p for p in paths if isinstance(_get(out, p), dict))]
        _get(out, rng.choice(objects))["unexpectedField"] = 1
        return "unexpected field", out
    if choice == 3 and (integer := _leaf_of_type(out, rng, int)) is not None:
        _set(out, integer, lambda _: rng.choice(ODD_INTEGERS))
        return "odd integer", out
    if choice == 4 and (text := _leaf_of_type(out, rng, str)) is not None:
        _set(out, text, lambda _: rng.choice(ODD_TIMES + ODD_STRINGS))
        return "odd string", out
    if choice == 5 and (number := _leaf_of_type(out, rng, float)) is not None:
        _set(out, number, lambda _: rng.choice(ODD_NUMBERS))
        return "odd number", out
    if choice == 6:
        levels = rng.choice([20, 126, 127, 200, 600])
        out["customData"] = {"vendorId": "fuzz", "deep": _nested(levels)}
        return f"customData nested {levels}", out
    if choice == 7 and (array := _leaf_of_type(out, rng, list)) is not None:
        _set(out, array, lambda v: [] if v else [{"x": 1}] * 3)
        return "array resized", out
    if choice == 8:
        return "empty payload", {}
    return "valid", out
