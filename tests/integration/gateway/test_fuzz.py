"""Seeded fuzzing over a real websocket (issue 24): schema and structural mutations of every
station-to-CSMS action, each CALL answered exactly once and correctly, and the node (its fleet
queries included) still serving everyone afterwards."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import jsonschema
import pytest

from modules.kernel.actions import STATION_TO_CSMS
from modules.kernel.schemas import raw_schema
from tests.support.fuzz import Generator, mutate
from tests.support.nodes import RunningNode
from tests.support.station import Frame, ScriptedStation

SEED = 20261207
CALLS_PER_ACTION = 40
NESTING_LIMIT = 128

SCHEMA_CODES = {
    "FormatViolation",
    "TypeConstraintViolation",
    "PropertyConstraintViolation",
    "OccurrenceConstraintViolation",
}
"""What a payload the schema refuses is answered with (Part 4 §4.3)."""

REFUSALS_OF_VALID = {"PropertyConstraintViolation"}
"""What a payload the schema allows may still get: a value the CSMS cannot store (out of
range once converted, an impossible EVSE id)."""

FLEET = """{
  stations { id evses { id connectors { id status } } }
}"""


def _depth(value: Any) -> int:
    """How deep arrays and objects nest in `value` (iteratively: it may nest hundreds deep)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level) for child in children)
    return deepest


def _schema_valid(action: str, payload: Any) -> bool:
    return bool(jsonschema.Draft6Validator(raw_schema(action, "Request")).is_valid(payload))


def _wrong_answer(action: str, payload: Any, what: str, answer: Frame) -> str | None:
    """Why `answer` is not the one Part 4 asks for `payload`; None when it is."""
    context = f"{action} ({what}): {json.dumps(payload)[:300]} -> {answer}"
    if answer[0] == 4 and answer[2] == "NotSupported":
        return None  # an action no block handles is refused whatever its payload; see the caller
    if 1 + _depth(payload) > NESTING_LIMIT:
        right = answer[0] == 4 and answer[2] == "FormatViolation"
    elif not _schema_valid(action, payload):
        right = answer[0] == 4 and answer[2] in SCHEMA_CODES
    elif answer[0] == 4:
        right = answer[2] in REFUSALS_OF_VALID
    else:
        response = raw_schema(action, "Response")
        right = answer[0] == 3 and jsonschema.Draft6Validator(response).is_valid(answer[2])
    return None if right else context


STRUCTURAL: list[tuple[str, str, bool]] = [
    # (name, frame template with {id}, whether the answer carries the id)
    ("type as text", '["2", "{id}", "Heartbeat", {{}}]', True),
    ("type as float", '[2.0, "{id}", "Heartbeat", {{}}]', True),
    ("five elements", '[2, "{id}", "Heartbeat", {{}}, 1]', True),
    ("payload an array", '[2, "{id}", "Heartbeat", []]', True),
    ("action lower case", '[2, "{id}", "heartbeat", {{}}]', True),
    ("action not text", '[2, "{id}", 7, {{}}]', True),
    ("unknown message type", '[9, "{id}", "Heartbeat", {{}}]', True),
    ("truncated", '[2, "{id}", "Heartbeat", {{', False),
    ("id a number", '[2, 17, "Heartbeat", {{}}]', False),
    ("not an array", '{{"id": "{id}"}}', False),
]


async def _drain(station: ScriptedStation) -> list[Frame]:
    """Every frame the CSMS sent that nobody has read, once the line has been quiet."""
    frames: list[Frame] = []
    while True:
        try:
            frames.append(await station.next_frame(timeout=0.5))
        except TimeoutError:
            return frames


async def test_every_call_of_every_action_gets_one_correct_answer(db_node: RunningNode) -> None:
    rng = random.Random(SEED)
    station = await db_node.booted_station("FUZZ-1")
    sent: list[str] = []
    wrong: list[str] = []
    for action in sorted(STATION_TO_CSMS):
        generator = Generator(action, rng)
        not_supported: set[bool] = set()
        for number in range(CALLS_PER_ACTION):
            what, payload = mutate(generator.valid(), rng)
            message_id = f"{action}-{number}"
            sent.append(message_id)
            # json, not orjson: the payload may hold integers past 64 bits
            await station.send_raw(json.dumps([2, message_id, action, payload]))
            answer = await station.answer_to(message_id)
            if (problem := _wrong_answer(action, payload, what, answer)) is not None:
                wrong.append(problem)
            if _schema_valid(action, payload) and 1 + _depth(payload) <= NESTING_LIMIT:
                not_supported.add(answer[0] == 4 and answer[2] == "NotSupported")
        assert len(not_supported) <= 1, f"{action} is NotSupported for some valid payloads only"
    assert not wrong, "\n".join(wrong)
    unreadable = 0
    for number, (name, template, keeps_id) in enumerate(STRUCTURAL):
        message_id = f"frame-{number}"
        await station.send_raw(template.format(id=message_id))
        if keeps_id:
            answer = await station.answer_to(message_id)
            assert answer[0] == 4, (name, answer)
            sent.append(message_id)
        else:
            unreadable += 1
    leftovers = await _drain(station)
    answers = [f for f in leftovers if f[0] in (3, 4)]
    assert [f[1] for f in answers] == ["-1"] * unreadable, "one answer per CALL, no more"
    assert len(set(sent)) == len(sent)
    await _assert_node_serves_everyone(db_node, station)


async def _assert_node_serves_everyone(node: RunningNode, fuzzed: ScriptedStation) -> None:
    heartbeat = await fuzzed.call("Heartbeat", {})
    assert heartbeat[0] == 3
    other = await node.booted_station("FUZZ-OTHER")
    status = await other.status(1, 1, "Available")
    assert status[0] == 3
    fleet = await node.graphql.execute(FLEET)
    assert not fleet.get("errors"), fleet["errors"]
    ids = {s["id"] for s in fleet["data"]["stations"]}
    assert {"FUZZ-1", "FUZZ-OTHER"} <= ids
    await asyncio.gather(fuzzed.close(), other.close())


@pytest.mark.parametrize("seed", range(3))
def test_the_generator_makes_schema_valid_payloads(seed: int) -> None:
    rng = random.Random(seed)
    for action in sorted(STATION_TO_CSMS):
        payload = Generator(action, rng).valid()
        assert _schema_valid(action, payload), (action, payload)
