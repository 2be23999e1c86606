"""Module routing tables, the handler context, and the bus envelope and event serialisation."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from modules.kernel.actions import CSMS_TO_STATION, STATION_TO_CSMS
from modules.kernel.envelope import Envelope, Kind, Outcome
from modules.kernel.events import from_bytes, from_payload
from modules.kernel.routing import (
    CommandRoute,
    HandlerContext,
    Module,
    OwnershipError,
    StationCallRoute,
    build_routing_table,
    command,
)
from modules.provisioning import Booted, Connected

NOW = datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)


async def answer(ctx: HandlerContext, request: Any) -> Any:
    return None


async def consume(ctx: HandlerContext, request: Any, response: Any) -> None:
    return None


async def lifecycle(ctx: HandlerContext) -> None:
    return None


CALL_ROUTE = StationCallRoute(request_type=dict, handler=answer)
RESULT_ROUTE = CommandRoute(request_type=dict, response_type=dict, on_result=consume)
PLAIN_ROUTE = CommandRoute(request_type=dict, response_type=dict)


# --- build_routing_table ------------------------------------------------------------------------


def test_merges_the_routes_of_every_module() -> None:
    provisioning = Module(
        "provisioning",
        station_calls={"BootNotification": CALL_ROUTE, "Heartbeat": CALL_ROUTE},
        commands={"Reset": PLAIN_ROUTE, "SetVariables": RESULT_ROUTE},
        on_connected=lifecycle,
    )
    availability = Module("availability", station_calls={"StatusNotification": CALL_ROUTE})

    table = build_routing_table([provisioning, availability])

    assert set(table.station_calls) == {"BootNotification", "Heartbeat", "StatusNotification"}
    assert table.station_calls["BootNotification"] is CALL_ROUTE
    assert dict(table.commands) == {"Reset": PLAIN_ROUTE, "SetVariables": RESULT_ROUTE}
    assert dict(table.command_owners) == {"Reset": "provisioning", "SetVariables": "provisioning"}
    assert table.lifecycle == (provisioning, availability)


def test_an_empty_module_list_gives_an_empty_table() -> None:
    table = build_routing_table([])

    assert dict(table.station_calls) == {}
    assert dict(table.commands) == {}
    assert table.unowned_station_actions() == STATION_TO_CSMS


def test_accepts_a_generator_of_modules() -> None:
    modules = (Module(f"m{i}") for i in range(3))

    table = build_routing_table(modules)

    assert [m.name for m in table.lifecycle] == ["m0", "m1", "m2"]


def test_refuses_a_station_call_with_two_owners() -> None:
    first = Module("first", station_calls={"Heartbeat": CALL_ROUTE})
    second = Module("second", station_calls={"Heartbeat": CALL_ROUTE})

    with pytest.raises(OwnershipError, match="Heartbeat owned by first and second"):
        build_routing_table([first, second])


def test_refuses_a_command_with_two_owners() -> None:
    first = Module("first", commands={"Reset": PLAIN_ROUTE})
    second = Module("second", commands={"Reset": PLAIN_ROUTE})

    with pytest.raises(OwnershipError, match="Reset offered by first and second"):
        build_routing_table([first, second])


def test_ownership_error_is_a_value_error() -> None:
    assert issubclass(OwnershipError, ValueError)


def test_refuses_a_station_to_csms_action_declared_as_a_command() -> None:
    module = Module("wrong", commands={"BootNotification": PLAIN_ROUTE})

    with pytest.raises(OwnershipError, match="BootNotification is not a CSMS->CS action"):
        build_routing_table([module])


def test_refuses_a_csms_to_station_action_declared_as_a_station_call() -> None:
    module = Module("wrong", station_calls={"Reset": CALL_ROUTE})

    with pytest.raises(OwnershipError, match="Reset is not a CS->CSMS action"):
        build_routing_table([module])


@pytest.mark.parametrize("action", ["FlyToTheMoon", "HeartbeatRequest", "heartbeat", ""])
def test_refuses_names_that_are_not_ocpp_actions(action: str) -> None:
    with pytest.raises(OwnershipError):
        build_routing_table([Module("calls", station_calls={action: CALL_ROUTE})])
    with pytest.raises(OwnershipError):
        build_routing_table([Module("commands", commands={action: PLAIN_ROUTE})])


def test_data_transfer_may_be_owned_in_both_directions() -> None:
    # DataTransfer is the one action either side may send (Part 2: P01/P02).
    module = Module(
        "vendor",
        station_calls={"DataTransfer": CALL_ROUTE},
        commands={"DataTransfer": RESULT_ROUTE},
    )

    table = build_routing_table([module])

    assert "DataTransfer" in table.station_calls
    assert table.command_owners["DataTransfer"] == "vendor"


def test_a_command_may_be_offered_without_consuming_its_results() -> None:
    table = build_routing_table([Module("fire-and-forget", commands={"Reset": PLAIN_ROUTE})])

    assert table.command_owners["Reset"] == "fire-and-forget"
    assert table.commands["Reset"].on_result is None


def test_command_takes_the_ocpp_request_and_response_types_of_the_action() -> None:
    route = command("Reset")

    assert route.request_type.__name__ == "Reset"
    assert route.request_type.__module__ == "ocpp.v201.call"
    assert route.response_type.__module__ == "ocpp.v201.call_result"


def test_command_refuses_a_station_to_csms_action() -> None:
    with pytest.raises(OwnershipError, match="BootNotification is not a CSMS->CS action"):
        command("BootNotification")


# --- unowned_station_actions --------------------------------------------------------------------


def test_unowned_station_actions_are_the_station_calls_nobody_answers() -> None:
    table = build_routing_table(
        [
            Module("a", station_calls={"BootNotification": CALL_ROUTE}),
            Module("b", station_calls={"StatusNotification": CALL_ROUTE}),
        ]
    )

    unowned = table.unowned_station_actions()

    assert unowned == STATION_TO_CSMS - {"BootNotification", "StatusNotification"}
    assert "Heartbeat" in unowned
    assert not unowned & CSMS_TO_STATION - STATION_TO_CSMS


def test_no_station_action_is_unowned_when_every_one_is_answered() -> None:
    table = build_routing_table(
        [Module("all", station_calls=dict.fromkeys(STATION_TO_CSMS, CALL_ROUTE))]
    )

    assert table.unowned_station_actions() == frozenset()


# --- HandlerContext.emit ------------------------------------------------------------------------


def test_emit_queues_events_in_order() -> None:
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    booted = Booted(
        station_id="CS1", occurred_at=NOW, reason="PowerUp", registration_status="Accepted"
    )
    connected = Connected(station_id="CS1", occurred_at=NOW, node_id="n1")

    ctx.emit(booted)
    ctx.emit(connected)

    assert ctx.events == [booted, connected]


def test_contexts_do_not_share_their_event_queues() -> None:
    first = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    second = HandlerContext(station_id="CS2", message_id="m2", now=NOW)

    first.emit(Connected(station_id="CS1", occurred_at=NOW))

    assert second.events == []


# --- Envelope -----------------------------------------------------------------------------------


def test_a_minimal_envelope_round_trips() -> None:
    envelope = Envelope(Kind.CONNECTED, "CS1", node_id="node-a", connection_id="c1")

    back = Envelope.from_bytes(envelope.to_bytes())

    assert back == envelope
    assert back.kind is Kind.CONNECTED
    assert back.outcome is None


def test_a_full_envelope_round_trips_with_typed_enums() -> None:
    envelope = Envelope(
        kind=Kind.CSMS_RESULT,
        station_id="RDAM 123",
        message_id="0f8fad5b-d9cb-469f-a165-70867728950e",
        action="SetVariables",
        payload={"setVariableResult": [{"attributeStatus": "Accepted"}]},
        reply_to="node-b",
        outcome=Outcome.CALL_ERROR,
        error_code="NotSupported",
        error_description="Grüße ⚡",
        error_details={"nested": {"list": [1, 2.5, None]}},
        request={"setVariableData": []},
        timeout=12.5,
        node_id="node-a",
        connection_id="conn-1",
    )

    back = Envelope.from_bytes(envelope.to_bytes())

    assert back == envelope
    assert back.kind is Kind.CSMS_RESULT
    assert back.outcome is Outcome.CALL_ERROR


def test_an_empty_payload_stays_empty_and_none_stays_none() -> None:
    envelope = Envelope(Kind.STATION_REPLY, "CS1", message_id="7", payload={})

    back = Envelope.from_bytes(envelope.to_bytes())

    assert back.payload == {}
    assert back.request is None


def test_a_shorter_array_from_an_older_node_reads_with_the_rest_at_defaults() -> None:
    back = Envelope.from_bytes(b'["station_call","CS1","7","Heartbeat",{}]')

    assert back == Envelope(
        Kind.STATION_CALL, "CS1", message_id="7", action="Heartbeat", payload={}
    )


def test_the_object_form_with_defaults_left_out_still_reads() -> None:
    data = b'{"kind":"csms_result","station_id":"CS1","payload":{},"outcome":"TIMEOUT"}'

    back = Envelope.from_bytes(data)

    assert back == Envelope(Kind.CSMS_RESULT, "CS1", payload={}, outcome=Outcome.TIMEOUT)
    assert back.outcome is Outcome.TIMEOUT


def test_an_envelope_with_every_field_written_out_still_reads() -> None:
    data = (
        b'{"kind":"station_reply","station_id":"CS1","message_id":"7","action":"Heartbeat",'
        b'"payload":{},"reply_to":"","outcome":null,"error_code":"","error_description":"",'
        b'"error_details":{},"request":null,"timeout":0.0,"node_id":"","connection_id":"c"}'
    )

    back = Envelope.from_bytes(data)

    assert back == Envelope(
        Kind.STATION_REPLY,
        "CS1",
        message_id="7",
        action="Heartbeat",
        payload={},
        connection_id="c",
    )


@pytest.mark.parametrize("kind", list(Kind))
def test_every_envelope_kind_round_trips(kind: Kind) -> None:
    envelope = Envelope(kind, "CS1")

    assert Envelope.from_bytes(envelope.to_bytes()).kind is kind


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_round_trips(outcome: Outcome) -> None:
    envelope = Envelope(Kind.CSMS_RESULT, "CS1", outcome=outcome)

    assert Envelope.from_bytes(envelope.to_bytes()).outcome is outcome


# --- Event --------------------------------------------------------------------------------


def test_a_domain_event_round_trips() -> None:
    event = from_payload("station.booted", "CS1", NOW, {"status": "Accepted", "n": [1, None]})

    back = from_bytes(event.to_bytes())

    assert back == event
    assert back.occurred_at.tzinfo is not None
    assert back.occurred_at.utcoffset() == timedelta(0)


def test_a_domain_event_keeps_a_non_utc_offset() -> None:
    amsterdam = timezone(timedelta(hours=1))
    event = from_payload("x", "CS1", datetime(2026, 1, 1, 9, 0, tzinfo=amsterdam))

    back = from_bytes(event.to_bytes())

    assert back == event
    assert back.occurred_at.utcoffset() == timedelta(hours=1)


def test_a_domain_event_without_payload_round_trips_with_an_empty_one() -> None:
    event = from_payload("station.connected", "CS1", NOW)

    assert from_bytes(event.to_bytes()) == from_payload("station.connected", "CS1", NOW, {})


def test_every_envelope_field_set_away_from_its_default_survives_the_bus() -> None:
    """Guards the field-by-field serialiser: a field added to Envelope but not to
    to_bytes would come back as its default."""
    values: dict[str, Any] = {"kind": Kind.CSMS_CALL, "station_id": "CS1"}
    for spec in dataclasses.fields(Envelope):
        if spec.name in values:
            continue
        if spec.name == "outcome":
            values[spec.name] = Outcome.TIMEOUT
        elif spec.name == "timeout":
            values[spec.name] = 3.5
        elif spec.name in ("payload", "request", "error_details"):
            values[spec.name] = {spec.name: 1}
        else:
            values[spec.name] = f"{spec.name}-value"
    envelope = Envelope(**values)

    assert Envelope.from_bytes(envelope.to_bytes()) == envelope
