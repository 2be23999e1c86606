"""Display-message rules (block O), pure: the message's own fields, what the station's
device model supports, and what a complete report speaks for."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from modules.display_messages.policy import (
    Capabilities,
    ControllerVariable,
    capabilities_of,
    check_message,
    check_request_ids,
    check_storable_integer,
    check_supported,
    coverage_of,
    language_problem,
)
from modules.display_messages.records import HeldMessage, MessageBody, MessageRequestView
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from tests.support.clock import NOW, STATION

BODY = MessageBody(priority="NormalCycle", format="UTF8", content="Hello")


@pytest.mark.parametrize("tag", ["en", "en-US", "zh-Hant", "es-419", "nl-NL", "sr-Latn", "zh-yue"])
def test_o01_fr_17_rfc_5646_tags_are_taken(tag: str) -> None:
    assert language_problem(tag) is None


@pytest.mark.parametrize(
    "tag", ["english", "en_US", "e", "en-", "-en", "en-US-x-a", "123", "en US", "de-CH-1901"]
)
def test_o01_fr_17_other_language_values_are_refused(tag: str) -> None:
    assert language_problem(tag) is not None


def _refusal(message_id: int | None, body: MessageBody) -> InvalidCommand:
    with pytest.raises(InvalidCommand) as refused:
        check_message(message_id, body, NOW)
    return refused.value


def test_a_plain_message_passes() -> None:
    check_message(None, BODY, NOW)
    check_message(0, replace(BODY, transaction_id="TX-1", display_component="Display"), NOW)


@pytest.mark.parametrize(
    ("message_id", "changes", "field"),
    [
        (-1, {}, "message.id"),
        (None, {"transaction_id": ""}, "message.transactionId"),
        (None, {"transaction_id": "x" * 37}, "message.transactionId"),
        (None, {"content": "Grüß", "format": "ASCII"}, "message.content"),
        (None, {"content": "x" * 513}, "message.content"),
        (None, {"content": "a\x00b"}, "message.content"),
        (None, {"language": "english"}, "message.language"),
        (None, {"end_date_time": NOW}, "message.endDateTime"),
        (
            None,
            {
                "start_date_time": NOW + timedelta(hours=2),
                "end_date_time": NOW + timedelta(hours=1),
            },
            "message.endDateTime",
        ),
        (None, {"display_evse_id": 1}, "message.display.name"),
        (None, {"display_component": ""}, "message.display.name"),
        (
            None,
            {"display_component": "D", "display_connector_id": 1},
            "message.display.connectorId",
        ),
        (None, {"display_component": "D", "display_evse_id": 0}, "message.display.evseId"),
    ],
)
def test_fields_no_station_could_take(
    message_id: int | None, changes: dict[str, object], field: str
) -> None:
    assert _refusal(message_id, replace(BODY, **changes)).field == field  # type: ignore[arg-type]


def test_capabilities_are_read_from_the_controller_variables() -> None:
    variables = [
        ControllerVariable("SupportedFormats", "ASCII, UTF8"),
        ControllerVariable("supportedpriorities", "NormalCycle"),
        ControllerVariable("DisplayMessages", "1", 5.0),
        ControllerVariable("SupportedStates", ""),
    ]
    assert capabilities_of(variables) == Capabilities(
        formats=("ASCII", "UTF8"), priorities=("NormalCycle",), states=None, max_messages=5
    )
    assert capabilities_of([]) == Capabilities()


def _unsupported(body: MessageBody, capabilities: Capabilities, held: list[HeldMessage]) -> str:
    with pytest.raises(InvalidCommand) as refused:
        check_supported(None, body, capabilities, held)
    assert refused.value.code == "UNSUPPORTED_BY_STATION"
    return refused.value.field


def test_o01_fr_01_to_03_what_the_station_does_not_list_is_refused() -> None:
    capabilities = Capabilities(formats=("ascii",), priorities=("NormalCycle",), states=("Idle",))
    assert _unsupported(BODY, capabilities, []) == "message.format"
    ascii_body = replace(BODY, format="ASCII")
    assert _unsupported(replace(ascii_body, priority="InFront"), capabilities, []) == (
        "message.priority"
    )
    assert _unsupported(replace(ascii_body, state="Charging"), capabilities, []) == "message.state"
    check_supported(None, replace(ascii_body, state="Idle"), capabilities, [])
    check_supported(None, BODY, Capabilities(), [])


def test_o01_fr_11_the_limit_counts_what_stays_on_the_station() -> None:
    full = Capabilities(max_messages=2)
    held = [
        HeldMessage(message_id=1, priority="AlwaysFront"),
        HeldMessage(message_id=2, priority="NormalCycle"),
    ]
    assert _unsupported(BODY, full, held) == "message"
    check_supported(2, BODY, full, held)
    check_supported(None, replace(BODY, priority="AlwaysFront"), full, held)


def test_get_ids_are_checked_against_the_limit() -> None:
    check_request_ids(None, Capabilities(max_messages=1))
    check_request_ids([1], Capabilities(max_messages=1))
    for ids in ([], [-1], [1, 2]):
        with pytest.raises(InvalidCommand):
            check_request_ids(ids, Capabilities(max_messages=1))


def _request(**fields: object) -> MessageRequestView:
    values: dict[str, object] = {
        "ids": None,
        "priority": None,
        "state": None,
        "requested_at": NOW,
        "outcome": None,
        "status": None,
        "status_reason": None,
        "error_code": None,
        "parts": 0,
        "messages": 0,
        "last_part_at": None,
        "completed_at": None,
        **fields,
    }
    return MessageRequestView(station_id=STATION, request_id=1, **values)  # type: ignore[arg-type]


def test_o03_o04_what_a_complete_report_speaks_for() -> None:
    every = coverage_of(_request())
    assert every.every and every.covers(99)
    some = coverage_of(_request(ids=[1, 2]))
    assert (some.covers(2), some.covers(3)) == (True, False)
    assert coverage_of(_request(priority="InFront")).empty
    assert coverage_of(_request(ids=[1], state="Idle")).empty
    assert coverage_of(_request(requested_at=None)).empty


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, 2**63, -9.223372036854776e18, 1e308, 1.5])
def test_what_is_no_32_bit_integer_is_refused_at_once(value: float) -> None:
    """An integer past 64 bits arrives as a float (orjson); it is compared, not looked up in
    a range (which would scan it)."""
    with pytest.raises(PropertyConstraintViolation):
        check_storable_integer(value, "requestId")  # type: ignore[arg-type]


def test_32_bit_integers_are_stored() -> None:
    for value in (0, -1, 2**31 - 1, -(2**31)):
        check_storable_integer(value, "requestId")
