"""How many GetVariables / SetVariables items go in one request (pure).

B06.FR.05 and B05.FR.11: the CSMS SHALL NOT send more GetVariableData (SetVariableData)
elements in one request than the station reported as `DeviceDataCtrlr.ItemsPerMessage`
with the instance `GetVariables` (`SetVariables`); `DeviceDataCtrlr.BytesPerMessage` of the
same instance limits the message's size. The size counted is the whole OCPP-J CALL frame as
this CSMS writes it (compact JSON, a 36-character message id), in UTF-8 bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from modules.device_model.identity import VariableRef
from modules.kernel.commands import InvalidCommand

CONTROLLER = "DeviceDataCtrlr"
MESSAGE_ID_LENGTH = 36
"""The CSMS's CALL message ids are UUIDs."""


@dataclass(frozen=True, slots=True)
class MessageLimits:
    """A station's limits for one action; None where it reported none."""

    items: int | None = None
    bytes: int | None = None


def limit_refs(action: str) -> tuple[VariableRef, VariableRef]:
    """The ItemsPerMessage and BytesPerMessage variables for `action`."""
    return (
        VariableRef(CONTROLLER, "ItemsPerMessage", variable_instance=action),
        VariableRef(CONTROLLER, "BytesPerMessage", variable_instance=action),
    )


def _positive(text: str | None) -> int | None:
    try:
        number = int(text) if text is not None else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


def limits_of(action: str, values: Mapping[str, str | None]) -> MessageLimits:
    """The limits in `values` (Actual values by variable key); a value that is not a
    positive integer is no limit."""
    items, bytes_ = limit_refs(action)
    return MessageLimits(_positive(values.get(items.key)), _positive(values.get(bytes_.key)))


def _size(value: Any) -> int:
    return len(orjson.dumps(value))


def batches(
    action: str, list_key: str, items: Sequence[dict[str, Any]], limits: MessageLimits
) -> list[range]:
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
