"""Splitting GetVariables / SetVariables by the station's limits (B06.FR.05, B05.FR.11),
without database or network."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from modules.device_model.batches import MessageLimits, batches, limit_refs, limits_of
from modules.kernel.commands import InvalidCommand

ITEMS: list[dict[str, Any]] = [
    {"component": {"name": "C"}, "variable": {"name": f"V{n}"}} for n in range(5)
]


def frame_size(items: list[dict[str, Any]]) -> int:
    return len(orjson.dumps([2, "x" * 36, "GetVariables", {"getVariableData": items}]))


def test_the_limits_are_the_actual_values_of_the_action_instance() -> None:
    items, bytes_ = limit_refs("GetVariables")
    values = {items.key: "4", bytes_.key: "not a number"}
    assert limits_of("GetVariables", values) == MessageLimits(4, None)
    assert limits_of("SetVariables", values) == MessageLimits(None, None)
    assert limits_of("GetVariables", {items.key: "0"}) == MessageLimits(None, None)


def test_b06_fr_05_no_more_items_than_items_per_message() -> None:
    ranges = batches("GetVariables", "getVariableData", ITEMS, MessageLimits(items=4))
    assert ranges == [range(0, 4), range(4, 5)]
    assert batches("GetVariables", "getVariableData", ITEMS, MessageLimits()) == [range(0, 5)]


@pytest.mark.parametrize("limit", [frame_size(ITEMS[:1]), frame_size(ITEMS[:2]), 400])
def test_no_frame_larger_than_bytes_per_message(limit: int) -> None:
    ranges = batches("GetVariables", "getVariableData", ITEMS, MessageLimits(bytes=limit))
    assert [i for part in ranges for i in part] == list(range(5))
    for part in ranges:
        assert frame_size(ITEMS[part.start : part.stop]) <= limit
        if part.stop < len(ITEMS):
            assert frame_size(ITEMS[part.start : part.stop + 1]) > limit


def test_an_item_larger_than_bytes_per_message_alone_is_refused() -> None:
    with pytest.raises(InvalidCommand, match=r"items\[0\]: does not fit"):
        batches("GetVariables", "getVariableData", ITEMS, MessageLimits(bytes=50))
