"""Part 4 §4 over a real websocket: every malformed frame gets the CALLERROR the spec names."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tests.support.nodes import RunningNode

BOOT = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}

# (frame as sent, expected message id in the CALLERROR, expected error code)
BAD_FRAMES: list[tuple[str, str, str, str]] = [
    ("not JSON", "{not json", "-1", "RpcFrameworkError"),
    ("JSON but not an array", '{"a": 1}', "-1", "RpcFrameworkError"),
    ("empty array", "[]", "-1", "RpcFrameworkError"),
    ("message type not a number", '["2", "m1", "Heartbeat", {}]', "-1", "RpcFrameworkError"),
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
        "known action nobody handles",
        '[2, "m10", "DataTransfer", {"vendorId": "x"}]',
        "m10",
        "NotSupported",
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
