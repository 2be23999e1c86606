"""Part 4 §4 over a real websocket: every malformed frame gets the CALLERROR the spec names."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

BOOT = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}

_DEEP = "FormatViolation"


def _nested(action: str, message_id: str, field: str, levels: int) -> str:
    """A CALL whose payload `field` nests `levels` arrays (inside customData if so named)."""
    deep = "[" * levels + "]" * levels
    value = f'{{"vendorId": "V", "deep": {deep}}}' if field == "customData" else deep
    return f'[2, "{message_id}", "{action}", {{"{field}": {value}}}]'


# (frame as sent, expected message id in the CALLERROR, expected error code)
BAD_FRAMES: list[tuple[str, str, str, str]] = [
    ("not JSON", "{not json", "-1", "RpcFrameworkError"),
    ("JSON but not an array", '{"a": 1}', "-1", "RpcFrameworkError"),
    ("empty array", "[]", "-1", "RpcFrameworkError"),
    # Part 4 §4.2.3: "-1" only when the message id itself cannot be read
    ("message type a string", '["2", "abc", "Heartbeat", {}]', "abc", "RpcFrameworkError"),
    ("message type a float", '[2.0, "abc", "Heartbeat", {}]', "abc", "RpcFrameworkError"),
    ("message id missing", "[2]", "-1", "RpcFrameworkError"),
    ("message id not a string", '[2, 17, "Heartbeat", {}]', "-1", "RpcFrameworkError"),
    (
        "message id longer than 36",
        f'[2, "{"x" * 37}", "Heartbeat", {{}}]',
        "-1",
        "RpcFrameworkError",
    ),
    ("unknown message type 5", '[5, "m2", "Heartbeat", {}]', "m2", "MessageTypeNotSupported"),
    ("unknown message type 7", '[7, "m3"]', "m3", "MessageTypeNotSupported"),
    ("CALL with 3 elements", '[2, "m4", "Heartbeat"]', "m4", "ProtocolError"),
    ("CALL with 5 elements", '[2, "m5", "Heartbeat", {}, {}]', "m5", "ProtocolError"),
    ("action not a string", '[2, "m6", 12, {}]', "m6", "ProtocolError"),
    ("payload not an object", '[2, "m7", "Heartbeat", [1]]', "m7", "FormatViolation"),
    ("unknown action", '[2, "m8", "FlyToTheMoon", {}]', "m8", "NotImplemented"),
    (
        "action names the Request suffix",
        '[2, "m9", "HeartbeatRequest", {}]',
        "m9",
        "NotImplemented",
    ),
    (
        "CSMS-to-station action sent by a station",
        '[2, "m11", "Reset", {"type": "Immediate"}]',
        "m11",
        "NotSupported",
    ),
    (
        "required field missing",
        '[2, "m12", "BootNotification", {"reason": "PowerUp"}]',
        "m12",
        "OccurrenceConstraintViolation",
    ),
    (
        "wrong JSON type",
        '[2, "m13", "StatusNotification", {"timestamp": "2026-01-01T00:00:00Z",'
        ' "connectorStatus": "Available", "evseId": "one", "connectorId": 1}]',
        "m13",
        "TypeConstraintViolation",
    ),
    (
        "value outside its enum",
        '[2, "m14", "BootNotification", {"reason": "Bored",'
        ' "chargingStation": {"model": "M", "vendorName": "V"}}]',
        "m14",
        "PropertyConstraintViolation",
    ),
    (
        "string longer than its maximum",
        '[2, "m15", "BootNotification", {"reason": "PowerUp",'
        f' "chargingStation": {{"model": "{"M" * 21}", "vendorName": "V"}}}}]',
        "m15",
        "PropertyConstraintViolation",
    ),
    (
        "field the schema does not know",
        '[2, "m16", "Heartbeat", {"bogus": true}]',
        "m16",
        "FormatViolation",
    ),
    # nesting deeper than framing.MAX_DEPTH (128) is a FormatViolation (Part 4 §4.3) with the id:
    # an invalid field, legal customData (Part 4 §9), and more than the JSON decoder reads
    ("invalid field nested 300 levels", _nested("Heartbeat", "n1", "bogus", 300), "n1", _DEEP),
    ("customData nested 300 levels", _nested("Heartbeat", "n2", "customData", 300), "n2", _DEEP),
    ("customData nested 1100 levels", _nested("Heartbeat", "n3", "customData", 1100), "n3", _DEEP),
]


@pytest.mark.parametrize(
    ("frame", "message_id", "code"),
    [pytest.param(f, m, c, id=name) for name, f, m, c in BAD_FRAMES],
)
async def test_bad_frame_gets_the_part4_callerror(
    node: RunningNode, frame: str, message_id: str, code: str
) -> None:
    station = await node.booted_station("CS-FRAMING")
    await station.send_raw(frame)
    answer = await station.next_frame()
    assert answer[0] == 4
    assert answer[1] == message_id
    assert answer[2] == code
    assert isinstance(answer[3], str) and len(answer[3]) <= 255
    assert answer[4] == {} or isinstance(answer[4], dict)
    # the connection survives every bad frame
    assert (await station.call("Heartbeat", {}))[0] == 3
    await station.close()


async def test_schema_error_description_names_the_offending_field(node: RunningNode) -> None:
    station = await node.station("CS-FIELD")
    answer = await station.call(
        "BootNotification",
        {"reason": "PowerUp", "chargingStation": {"model": 5, "vendorName": "V"}},
    )
    assert answer[2] == "TypeConstraintViolation"
    assert "chargingStation.model" in answer[3]
    assert answer[4] == {"field": "chargingStation.model"}
    await station.close()


async def test_binary_frame_is_an_rpc_framework_error(node: RunningNode) -> None:
    station = await node.station("CS-BINARY")
    await station.ws.send_bytes(b'[2,"1","Heartbeat",{}]')
    assert await station.next_frame() == [
        4,
        "-1",
        "RpcFrameworkError",
        "binary frames are not OCPP-J",
        {},
    ]
    await station.close()


@pytest.mark.parametrize(
    "frame",
    [
        [3, "never-sent", {"status": "Accepted"}],
        [4, "never-sent", "GenericError", "", {}],
    ],
    ids=["callresult", "callerror"],
)
async def test_response_with_unknown_id_is_dropped_not_answered(
    node: RunningNode, frame: list[Any]
) -> None:
    station = await node.booted_station("CS-UNKNOWN-ID")
    await station.send_frame(frame)
    # the next frame we get is the answer to the heartbeat: nothing answered the stray response
    heartbeat = [2, "hb-1", "Heartbeat", {}]
    await station.send_frame(heartbeat)
    answer = await station.next_frame()
    assert answer[:2] == [3, "hb-1"]
    await node.flush_message_log()
    log = await node.graphql.data(
        'query { ocppMessages(stationId: "CS-UNKNOWN-ID", last: 20) { direction frame } }'
    )
    frames = [(m["direction"], orjson.loads(m["frame"])) for m in log["ocppMessages"]]
    assert ("IN", frame) in frames
    assert [f for d, f in frames if d == "OUT" and f[0] == 4] == []
    await station.close()


async def test_valid_boot_is_answered_with_a_schema_valid_result(node: RunningNode) -> None:
    station = await node.station("CS-BOOT")
    answer = await station.call("BootNotification", BOOT, message_id="boot-1")
    assert answer[0] == 3 and answer[1] == "boot-1"
    assert answer[2]["status"] == "Accepted"
    assert answer[2]["interval"] == node.settings.heartbeat_interval
    assert answer[2]["currentTime"].endswith("Z")
    await station.close()


def _padded_heartbeat(message_id: str, size: int) -> str:
    """A valid Heartbeat CALL of exactly `size` bytes, padded inside customData."""
    frame = f'[2, "{message_id}", "Heartbeat", {{"customData": {{"vendorId": "V", "pad": ""}}}}]'
    return frame.replace('"pad": ""', f'"pad": "{"p" * (size - len(frame))}"')


async def _open(node: RunningNode, station_id: str, compress: bool) -> ScriptedStation:
    ws = await node.session.ws_connect(
        f"{node.ws_url}/ocpp/{station_id}", protocols=("ocpp2.0.1",), compress=15 if compress else 0
    )
    station = ScriptedStation(ws, station_id)
    await station.boot()
    return station


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "permessage-deflate"])
async def test_a_frame_of_exactly_the_size_limit_is_answered(
    node: RunningNode, compress: bool
) -> None:
    """CSMS_WS_MAX_MESSAGE_BYTES is the largest frame accepted (README, Part 4 §4.1.4)."""
    limit = node.settings.ws_max_message_bytes
    station = await _open(node, f"CS-MAX-{int(compress)}", compress)
    frame = _padded_heartbeat("max-1", limit)
    assert len(frame.encode()) == limit
    await station.send_raw(frame)
    assert (await station.answer_to("max-1"))[0] == 3
    await station.close()


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "permessage-deflate"])
async def test_one_byte_over_the_size_limit_closes_with_1009(
    node: RunningNode, compress: bool
) -> None:
    """One byte more than CSMS_WS_MAX_MESSAGE_BYTES, even inflated from a small compressed
    frame, closes the socket with 1009 (message too big, RFC 6455 §7.4.1)."""
    limit = node.settings.ws_max_message_bytes
    station = await _open(node, f"CS-OVER-{int(compress)}", compress)
    await station.send_raw(_padded_heartbeat("over-1", limit + 1))
    assert await station.wait_closed() == 1009
