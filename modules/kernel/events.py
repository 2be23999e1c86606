"""Domain events: what happened, as frozen dataclasses, published on the bus after commit.

Each block declares its events in its own `events.py` as subclasses of `Event` decorated with
`@event("TYPE_NAME")` (a frozen, slotted, keyword-only dataclass registered by that name). One
codec turns any of them into the events topic's JSON (`{"type", "station_id", "occurred_at",
"payload"}`, the payload's keys in camelCase) and back through the registry, so producers
construct typed events and consumers read typed fields. An event type this node does not know
(one a newer node added) decodes as `UntypedEvent`. On Pub/Sub a node that hands its own events
to its subscribers in process tags them with an `origin` key (`with_origin`), which decoding
ignores.

Fields added to an existing event must have defaults: an older node's payload lacks them.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, TypedDict, TypeVar

import orjson

E = TypeVar("E", bound="Event")


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One fact about a station; subclasses name their `TYPE` and add their fields."""

    TYPE: ClassVar[str] = ""
    station_id: str
    occurred_at: datetime

    @property
    def type(self) -> str:
        """The event's type name, as subscribers filter on it."""
        return self.TYPE

    @property
    def payload(self) -> dict[str, Any]:
        """The event's own fields as camelCase JSON values (what the generic feed shows)."""
        return _encode_fields(self)

    def to_bytes(self) -> bytes:
        """Serialise for the events topic."""
        return orjson.dumps(
            {
                "type": self.type,
                "station_id": self.station_id,
                "occurred_at": self.occurred_at.isoformat(),
                "payload": self.payload,
            }
        )


class EventOrigin(TypedDict):
    """The fields every event has: the station it is about and when it happened."""

    station_id: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class UntypedEvent(Event):
    """An event of a type this node has no class for; its payload is kept as received."""

    type_name: str
    data: dict[str, Any]

    @property
    def type(self) -> str:
        """The type name it was published under."""
        return self.type_name

    @property
    def payload(self) -> dict[str, Any]:
        """The payload as received."""
        return self.data


_REGISTRY: dict[str, type[Event]] = {}


class EventRegistryError(ValueError):
    """Two event classes claim one type name, or a class has none."""


def register(cls: type[E]) -> type[E]:
    """Class decorator: make `cls` decodable from the events topic by its `TYPE`."""
    if not cls.TYPE:
        raise EventRegistryError(f"{cls.__name__} has no TYPE")
    known = _REGISTRY.get(cls.TYPE)
    if known is not None and known.__qualname__ != cls.__qualname__:
        raise EventRegistryError(f"{cls.TYPE} is {known.__name__} and {cls.__name__}")
    _REGISTRY[cls.TYPE] = cls
    return cls


@typing.dataclass_transform(frozen_default=True, kw_only_default=True)
def event(type_name: str) -> Callable[[type[E]], type[E]]:
    """Class decorator: declare `cls` the event `type_name`, a frozen, slotted, keyword-only
    dataclass registered so that the events topic decodes it by that name."""

    def declare(cls: type[E]) -> type[E]:
        cls.TYPE = type_name
        return register(dataclass(frozen=True, slots=True, kw_only=True)(cls))

    return declare


def registered_types() -> dict[str, type[Event]]:
    """Every registered event type name and its class."""
    return dict(_REGISTRY)


_ORIGIN_OPENING = b'{"origin":'


def origin_tag(node_id: str) -> bytes:
    """How an event published by `node_id` and tagged by `with_origin` begins."""
    return _ORIGIN_OPENING + orjson.dumps(node_id) + b","


def with_origin(data: bytes, node_id: str) -> bytes:
    """`data` (an event as `Event.to_bytes` wrote it) tagged with the node that publishes it: an
    `origin` key first in the same JSON object, which `from_bytes` and every other reader
    ignore. Data already tagged is returned as it is."""
    if data.startswith(_ORIGIN_OPENING) or not data.startswith(b"{") or data.startswith(b"{}"):
        return data
    return origin_tag(node_id) + data[1:]


def from_bytes(data: bytes) -> Event:
    """Deserialise one event from the events topic."""
    raw = orjson.loads(data)
    return from_payload(
        raw["type"],
        raw["station_id"],
        datetime.fromisoformat(raw["occurred_at"]),
        raw.get("payload") or {},
    )


def from_payload(
    type_name: str, station_id: str, occurred_at: datetime, payload: dict[str, Any] | None = None
) -> Event:
    """The typed event of `type_name` built from its camelCase payload. A type this node does
    not know, or a payload that does not fit its class (a required field missing, a value of
    the wrong shape), gives an `UntypedEvent`: a consumer never fails on what another node
    published, and subscribers still see the event as sent."""
    cls = _REGISTRY.get(type_name)
    if cls is not None:
        try:
            event: Event = _decode(
                cls, payload or {}, station_id=station_id, occurred_at=occurred_at
            )
        except (TypeError, ValueError):
            pass
        else:
            return event
    return UntypedEvent(
        station_id=station_id, occurred_at=occurred_at, type_name=type_name, data=payload or {}
    )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


Convert = Callable[[Any], Any]
_BASE_FIELDS = frozenset({"station_id", "occurred_at"})


def _encode_value(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_encode_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode_value(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_fields(value)
    return value


@functools.cache
def _field_keys(cls: Any) -> tuple[tuple[str, str], ...]:
    return tuple(
        (field.name, _camel(field.name))
        for field in dataclasses.fields(cls)
        if field.name not in _BASE_FIELDS
    )


def _encode_fields(obj: Any) -> dict[str, Any]:
    kind: Any = type(obj)
    return {key: _encode_value(getattr(obj, name)) for name, key in _field_keys(kind)}


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


@functools.cache
def _converter(tp: Any) -> Convert | None:
    tp = _strip_optional(tp)
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        item = _converter((typing.get_args(tp) or (Any,))[0])
        if item is None:
            return None if origin is list else tuple
        wrap: Callable[[Any], Any] = list if origin is list else tuple
        return lambda value: wrap(item(v) for v in value)
    if tp is datetime:
        return datetime.fromisoformat
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        target: type = tp
        return lambda value: _decode(target, value)
    return None


@functools.cache
def _decoders(cls: Any) -> tuple[tuple[str, str, Convert | None], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((name, key, _converter(hints[name])) for name, key in _field_keys(cls))


def _decode(cls: Any, payload: dict[str, Any], **base: Any) -> Any:
    kwargs: dict[str, Any] = dict(base)
    for name, key, convert in _decoders(cls):
        if key in payload:
            value = payload[key]
            kwargs[name] = value if convert is None or value is None else convert(value)
    return cls(**kwargs)
