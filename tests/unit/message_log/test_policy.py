"""What the message log shows as a frame's payload (the `payload` field of `ocppMessages`)."""

from __future__ import annotations

from modules.message_log import payload_of


def test_a_calls_payload_is_its_fourth_element() -> None:
    assert payload_of('[2,"1","Heartbeat",{"a":1}]', 2) == {"a": 1}


def test_a_call_results_payload_is_its_third_element() -> None:
    assert payload_of('[3,"1",{"currentTime":"t"}]', 3) == {"currentTime": "t"}


def test_a_call_errors_payload_is_its_error_part() -> None:
    assert payload_of('[4,"1","NotSupported","no",{"why":"x"}]', 4) == {
        "errorCode": "NotSupported",
        "errorDescription": "no",
        "errorDetails": {"why": "x"},
    }


def test_frames_without_a_payload_have_none() -> None:
    assert payload_of("not json", None) is None
    assert payload_of('{"a":1}', None) is None
    assert payload_of('[2,"1"]', 2) is None
    assert payload_of('[2,"1","Heartbeat"]', 2) is None
    assert payload_of('[4,"1","NotSupported","no"]', 4) is None
    assert payload_of('[5,"1",{}]', 5) is None
