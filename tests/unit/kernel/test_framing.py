"""OCPP-J framing (Part 4 §4): parsing the RPC envelope and serialising outgoing frames.

Spec references: §4.1.3 message types (2, 3, 4), §4.1.4 messageId is string[36], §4.2.1 CALL has
4 elements, §4.2.2 CALLRESULT 3, §4.2.3 CALLERROR 5 (errorDescription string[255], errorDetails an
object, "-1" as MessageId when it cannot be read), §4.3 error codes, §4.4 unknown message type
answered with MessageTypeNotSupported.
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from modules.kernel import framing
from modules.kernel.errors import (
    ERROR_CODES,
    MAX_DESCRIPTION,
    FrameError,
    GenericError,
    NotSupported,
    OccurrenceConstraintViolation,
)
from modules.kernel.framing import Call, CallError, CallResult

BOOT = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}


def parse_error(text: str | bytes) -> FrameError:
    with pytest.raises(FrameError) as caught:
        framing.parse(text)
    return caught.value


# --- valid frames -------------------------------------------------------------------------------


def test_parses_a_call() -> None:
    frame = framing.parse(orjson.dumps([2, "19223201", "BootNotification", BOOT]))

    assert frame == Call("19223201", "BootNotification", BOOT)


def test_parses_a_call_result() -> None:
    payload = {"currentTime": "2013-02-01T20:53:32.486Z", "interval": 300, "status": "Accepted"}

    frame = framing.parse(orjson.dumps([3, "19223201", payload]))

    assert frame == CallResult("19223201", payload)


def test_parses_a_call_error() -> None:
    text = '[4, "162376037", "NotSupported", "SetDisplayMessageRequest not implemented", {}]'

    frame = framing.parse(text)

    assert frame == CallError(
        "162376037", "NotSupported", "SetDisplayMessageRequest not implemented", {}
    )


def test_parses_a_call_error_with_details() -> None:
    frame = framing.parse('[4, "m1", "GenericError", "", {"why": ["a", 1]}]')

    assert frame == CallError("m1", "GenericError", "", {"why": ["a", 1]})


def test_parses_str_and_bytes_alike_including_utf8_text() -> None:
    text = '[2, "m1", "DataTransfer", {"vendorId": "Grüße ⚡"}]'

    assert framing.parse(text) == framing.parse(text.encode())
    assert framing.parse(text) == Call("m1", "DataTransfer", {"vendorId": "Grüße ⚡"})


def test_an_empty_payload_object_is_a_valid_call() -> None:
    assert framing.parse('[2, "m1", "Heartbeat", {}]') == Call("m1", "Heartbeat", {})


def test_a_message_id_of_exactly_36_characters_is_accepted() -> None:
    message_id = "x" * 36

    frame = framing.parse(orjson.dumps([2, message_id, "Heartbeat", {}]))

    assert isinstance(frame, Call)
    assert frame.message_id == message_id


def test_a_uuid_message_id_is_accepted() -> None:
    message_id = "0f8fad5b-d9cb-469f-a165-70867728950e"

    frame = framing.parse(orjson.dumps([3, message_id, {}]))

    assert frame == CallResult(message_id, {})


# --- malformed frames ---------------------------------------------------------------------------


def refused(message_id: str, code: str, *frames: tuple[str, str | bytes]) -> list[Any]:
    """Frames (each after its test id) that one CALLERROR answers: its message id and code."""
    return [pytest.param(text, message_id, code, id=name) for name, text in frames]


# (frame as received, message id the CALLERROR must carry, error code)
MALFORMED: list[Any] = [
    *refused(
        "-1",
        "RpcFrameworkError",
        ("not-json", "{not json"),
        ("invalid-utf8", b'[2, "m1", "Heartbeat", {"a": "\xff"}]'),
        ("object-not-array", '{"a": 1}'),
        ("string-not-array", '"text"'),
        ("empty-array", "[]"),
        ("message-id-missing", "[2]"),
        ("message-id-number", '[2, 17, "Heartbeat", {}]'),
        ("message-id-null", '[2, null, "Heartbeat", {}]'),
        ("message-id-empty", '[2, "", "Heartbeat", {}]'),
        ("message-id-37", f'[2, "{"x" * 37}", "Heartbeat", {{}}]'),
        ("type-is-string-and-no-id", '["2"]'),
        ("type-is-float-and-id-number", "[2.0, 17]"),
    ),
    # §4.2.3: a message type that is no integer is refused with the id, since the id is readable
    *refused(
        "m1",
        "RpcFrameworkError",
        ("type-is-string", '["2", "m1", "Heartbeat", {}]'),
        ("type-is-float", '[2.0, "m1", "Heartbeat", {}]'),
        ("type-is-null", '[null, "m1", "Heartbeat", {}]'),
        ("type-is-true", '[true, "m1", "Heartbeat", {}]'),
        ("type-is-false", '[false, "m1", "Heartbeat", {}]'),
    ),
    *refused("m2", "MessageTypeNotSupported", ("type-5", '[5, "m2", "Heartbeat", {}]')),
    *refused(
        "m3",
        "MessageTypeNotSupported",
        ("type-7-short", '[7, "m3"]'),
        ("type-0", '[0, "m3", "Heartbeat", {}]'),
        ("type-neg", '[-2, "m3", "Heartbeat", {}]'),
    ),
    *refused("m4", "ProtocolError", ("call-3-elements", '[2, "m4", "Heartbeat"]')),
    *refused("m5", "ProtocolError", ("call-5-elements", '[2, "m5", "Heartbeat", {}, {}]')),
    *refused(
        "m6",
        "ProtocolError",
        ("call-action-number", '[2, "m6", 12, {}]'),
        ("call-action-empty", '[2, "m6", "", {}]'),
    ),
    *refused(
        "m7",
        "FormatViolation",
        ("call-payload-list", '[2, "m7", "Heartbeat", [1]]'),
        ("call-payload-null", '[2, "m7", "Heartbeat", null]'),
        ("call-payload-str", '[2, "m7", "Heartbeat", "{}"]'),
    ),
    *refused(
        "m8",
        "ProtocolError",
        ("result-2-elements", '[3, "m8"]'),
        ("result-4-elements", '[3, "m8", {}, {}]'),
        ("result-payload-list", '[3, "m8", []]'),
        ("result-payload-null", '[3, "m8", null]'),
    ),
    *refused(
        "m9",
        "ProtocolError",
        ("error-4-elements", '[4, "m9", "GenericError", ""]'),
        ("error-6-elements", '[4, "m9", "GenericError", "", {}, {}]'),
        ("error-code-number", '[4, "m9", 1, "", {}]'),
        ("error-description-null", '[4, "m9", "GenericError", null, {}]'),
        ("error-details-list", '[4, "m9", "GenericError", "", []]'),
    ),
]


@pytest.mark.parametrize(("text", "message_id", "code"), MALFORMED)
def test_malformed_frame_is_refused_with_the_callerror_to_answer(
    text: str | bytes, message_id: str, code: str
) -> None:
    error = parse_error(text)

    assert error.message_id == message_id
    assert error.error.code == code
    assert error.error.code in ERROR_CODES
    assert str(error).startswith(f"{code}: ")


def test_a_message_id_of_37_characters_is_unreadable() -> None:
    error = parse_error(orjson.dumps([2, "y" * 37, "Heartbeat", {}]))

    assert error.message_id == framing.UNREADABLE_ID == "-1"
    assert error.error.code == "RpcFrameworkError"


def test_a_large_message_type_number_is_not_supported() -> None:
    error = parse_error('[4000000000, "m1"]')

    assert error.message_id == "m1"
    assert error.error.code == "MessageTypeNotSupported"


def test_a_callerror_with_an_unknown_error_code_is_still_parsed() -> None:
    # §4.2.3 requires senders to use the §4.3 table; a receiver just records what it got.
    frame = framing.parse('[4, "m1", "Bogus", "d", {}]')

    assert frame == CallError("m1", "Bogus", "d", {})


def _nested(levels: int, message_id: str = "d1") -> str:
    """A Heartbeat CALL nesting `levels` arrays and objects in all, the frame's own included."""
    inner = levels - 3  # the frame, the payload and customData are three of them
    deep = "[" * inner + "]" * inner
    return f'[2, "{message_id}", "Heartbeat", {{"customData": {{"vendorId": "V", "x": {deep}}}}}]'


@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_a_frame_nested_exactly_max_depth_levels_is_parsed(as_bytes: bool) -> None:
    """customData may nest freely (Part 4 §9): up to framing.MAX_DEPTH levels are read."""
    text = _nested(framing.MAX_DEPTH)

    frame = framing.parse(text.encode() if as_bytes else text)

    assert isinstance(frame, Call)
    assert frame.message_id == "d1"


@pytest.mark.parametrize(
    "levels",
    [framing.MAX_DEPTH + 1, 255, 256, 1024, 1025, 5000],
)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_a_frame_nested_deeper_than_max_depth_is_a_format_violation_with_its_id(
    levels: int, as_bytes: bool
) -> None:
    """Too deep to handle safely: FormatViolation (§4.3) carrying the readable id (§4.2.3),
    also beyond the 1024 levels the JSON decoder reads."""
    text = _nested(levels)

    error = parse_error(text.encode() if as_bytes else text)

    assert error.message_id == "d1"
    assert error.error.code == "FormatViolation"
    assert str(framing.MAX_DEPTH) in error.error.description


@pytest.mark.parametrize("kind", [3, 4])
def test_a_too_deep_callresult_or_callerror_is_refused_with_its_id(kind: int) -> None:
    deep = "[" * 200 + "]" * 200
    text = f'[3, "r1", {{"x": {deep}}}]' if kind == 3 else f'[4, "r1", "E", "", {{"x": {deep}}}]'

    error = parse_error(text)

    assert (error.message_id, error.error.code) == ("r1", "FormatViolation")


def test_a_frame_too_deep_to_decode_without_a_readable_id_is_minus_one() -> None:
    error = parse_error("[" * 2000 + "]" * 2000)

    assert (error.message_id, error.error.code) == ("-1", "FormatViolation")


def test_a_wide_frame_with_many_brackets_but_shallow_is_parsed() -> None:
    values = [{"value": i, "measurand": "Energy.Active.Import.Register"} for i in range(500)]
    text = orjson.dumps(
        [2, "w1", "MeterValues", {"evseId": 1, "meterValue": [{"sampledValue": values}]}]
    )

    assert isinstance(framing.parse(text), Call)


# --- serialisers --------------------------------------------------------------------------------


def test_call_serialises_to_the_four_element_array() -> None:
    text = framing.call("m1", "BootNotification", BOOT)

    assert orjson.loads(text) == [2, "m1", "BootNotification", BOOT]


def test_call_round_trips_through_parse() -> None:
    assert framing.parse(framing.call("m1", "Reset", {"type": "Immediate"})) == Call(
        "m1", "Reset", {"type": "Immediate"}
    )


def test_call_result_round_trips_through_parse() -> None:
    payload = {"status": "Accepted", "nested": {"list": [1, 2.5, None, "ä"]}}

    text = framing.call_result("m2", payload)

    assert orjson.loads(text) == [3, "m2", payload]
    assert framing.parse(text) == CallResult("m2", payload)


def test_call_error_from_a_typed_error_round_trips_through_parse() -> None:
    error = OccurrenceConstraintViolation("missing reason", {"field": "reason"})

    text = framing.call_error("m3", error)

    assert orjson.loads(text) == [
        4,
        "m3",
        "OccurrenceConstraintViolation",
        "missing reason",
        {"field": "reason"},
    ]
    assert framing.parse(text) == CallError(
        "m3", "OccurrenceConstraintViolation", "missing reason", {"field": "reason"}
    )


def test_call_error_without_details_sends_an_empty_object_and_empty_description() -> None:
    # §4.2.3: errorDescription "" when nothing to say, errorDetails {} when there are no details.
    text = framing.call_error("m4", NotSupported())

    assert orjson.loads(text) == [4, "m4", "NotSupported", "", {}]


def test_call_error_fields_round_trips_through_parse() -> None:
    text = framing.call_error_fields("m5", "InternalError", "boom", {"trace": "x"})

    assert orjson.loads(text) == [4, "m5", "InternalError", "boom", {"trace": "x"}]
    assert framing.parse(text) == CallError("m5", "InternalError", "boom", {"trace": "x"})


def test_call_error_and_call_error_fields_agree() -> None:
    error = GenericError("something", {"a": 1})

    assert framing.call_error("m6", error) == framing.call_error_fields(
        "m6", error.code, error.description, error.details
    )


def test_error_description_is_truncated_to_255_characters() -> None:
    error = GenericError("é" * 300)

    text = framing.call_error("m7", error)

    description = orjson.loads(text)[3]
    assert MAX_DESCRIPTION == 255
    assert description == "é" * 255
    assert error.description == "é" * 255


def test_a_description_of_exactly_255_characters_is_kept_whole() -> None:
    error = GenericError("d" * 255)

    assert orjson.loads(framing.call_error("m8", error))[3] == "d" * 255
