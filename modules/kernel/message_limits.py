"""How many items of a list go in one CSMS request (pure), for the actions whose station
reports an item and a byte limit per message (GetVariables / SetVariables: B06.FR.05,
B05.FR.11; SetVariableMonitoring / ClearVariableMonitoring: N04.FR.09, N06.FR.04).

The size counted is the whole OCPP-J CALL frame as this CSMS writes it (compact JSON, a
36-character message id), in UTF-8 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from modules.kernel.commands import InvalidCommand

MESSAGE_ID_LENGTH = 36
"""The CSMS's CALL message ids are UUIDs."""


@dataclass(frozen=True, slots=True)
class MessageLimits:
    """A station's limits for one action; None where it reported none."""

    items: int | None = None
    bytes: int | None = None


def positive(text: str | None) -> int | None:
    """The limit a reported value sets: None unless it is a positive integer."""
    try:
        number = int(text) if text is not None else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


def _size(value: Any) -> int:
    return len(orjson.dumps(value))


def frame_size(action: str, payload: dict[str, Any]) -> int:
    """The UTF-8 bytes of the CALL frame carrying `payload`, as this CSMS writes it."""
    return _size([2, "x" * MESSAGE_ID_LENGTH, action, payload])


def batches(action: str, list_key: str, items: Sequence[Any], limits: MessageLimits) -> list[range]:
    """The items of one request `{list_key: items}` split into consecutive ranges, each
    within the station's item and byte limits, in order. InvalidCommand naming the item when
    one alone is larger than BytesPerMessage."""
    base = _size([2, "x" * MESSAGE_ID_LENGTH, action, {list_key: []}])
    ranges: list[range] = []
    start, used = 0, base
    for index, item in enumerate(items):
        size = _size(item)
        if limits.bytes is not None and base + size > limits.bytes:
            raise InvalidCommand(
                f"items[{index}]",
                f"does not fit in one {action} request of the station's "
                f"BytesPerMessage ({limits.bytes} bytes)",
            )
        count = index - start
        full = limits.items is not None and count >= limits.items
        too_big = limits.bytes is not None and used + (1 if count else 0) + size > limits.bytes
        if count and (full or too_big):
            ranges.append(range(start, index))
            start, used, count = index, base, 0
        used += size + (1 if count else 0)
    if start < len(items) or not ranges:
        ranges.append(range(start, len(items)))
    return ranges
