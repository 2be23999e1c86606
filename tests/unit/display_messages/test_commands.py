"""Display-message commands on the memory store: the requests' payloads (schema-valid), the
set and get workflows (ids allocated and recorded before sending, the device model consulted
first), the result handlers' stored answers and events, and fleet-wide runs stopped
half-way."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from ocpp.v201 import call, call_result, enums

from modules.display_messages import (
    BroadcastStatus,
    DisplayMessageCleared,
    DisplayMessages,
    DisplayMessageSet,
    DisplayMessagesRequested,
    FleetMessage,
    FleetMessages,
    MessageBody,
    Presence,
    RequestFilter,
    TargetOutcome,
    clear_display_message,
    payloads,
)
from modules.display_messages.commands import (
    DisplayMessageResults,
    get_display_messages,
    set_display_message,
)
from modules.display_messages.conversions import with_id
from modules.display_messages.memory_store import MemoryDisplayMessageStore
from modules.display_messages.policy import ControllerVariable
from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.unit.senders import RecordingSender

BODY = MessageBody(priority="NormalCycle", format="UTF8", content="Hello")


def _ctx() -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m1", now=NOW)


class Station(RecordingSender):
    """A CommandSender whose station answers `status` (None: it stays silent, TIMEOUT); the
    result handlers run as the CallSender runs them."""

    def __init__(self, store: MemoryDisplayMessageStore, status: str | None) -> None:
        super().__init__()
        self.results = DisplayMessageResults(store)
        self.status = status
        self.events: list[Any] = []

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """Run the action's result handler with the scripted status."""
        if self.status is None:
            return CallOutcome(Outcome.TIMEOUT)
        response = {"status": self.status}
        ctx = _ctx()
        if action == "SetDisplayMessage":
            await self.results.set_display_message_result(
                ctx,
                codec.decode(payloads.SetDisplayMessage, payload),
                call_result.SetDisplayMessage(enums.DisplayMessageStatusEnumType(self.status)),
            )
        elif action == "GetDisplayMessages":
            await self.results.get_display_messages_result(
                ctx,
                codec.decode(payloads.GetDisplayMessages, payload),
                call_result.GetDisplayMessages(enums.GetDisplayMessagesStatusEnumType(self.status)),
            )
        self.events.extend(ctx.events)
        return CallOutcome(Outcome.RESULT, response)


def _store() -> MemoryDisplayMessageStore:
    store = MemoryDisplayMessageStore()
    store.add_station(STATION)
    return store


def test_o01_fr_04_the_request_leaves_out_what_is_not_set() -> None:
    payload = codec.encode(set_display_message(with_id(BODY, 3)))
    assert payload == {
        "message": {
            "id": 3,
            "priority": "NormalCycle",
            "message": {"format": "UTF8", "content": "Hello"},
        }
    }
    schemas.validate("SetDisplayMessage", "Request", payload)
    bound = codec.encode(set_display_message(with_id(replace(BODY, transaction_id="TX"), 3)))
    assert bound["message"]["transactionId"] == "TX"


def test_the_unavailable_state_the_ocpp_package_lacks_is_sent() -> None:
    """MessageStateEnumType has Unavailable in the official schema (not in the `ocpp`
    package's enum): a message for it is built, schema-valid, and read back."""
    payload = codec.encode(set_display_message(with_id(replace(BODY, state="Unavailable"), 2)))
    assert payload["message"]["state"] == "Unavailable"
    schemas.validate("SetDisplayMessage", "Request", payload)
    decoded = codec.decode(payloads.SetDisplayMessage, payload)
    assert decoded.message.state == "Unavailable"


def test_get_and_clear_payloads() -> None:
    wanted = RequestFilter((1, 2), "InFront", "Idle")
    payload = codec.encode(get_display_messages(5, wanted))
    assert payload == {"requestId": 5, "id": [1, 2], "priority": "InFront", "state": "Idle"}
    schemas.validate("GetDisplayMessages", "Request", payload)
    assert codec.encode(get_display_messages(6, RequestFilter())) == {"requestId": 6}
    assert codec.encode(clear_display_message(4)) == {"id": 4}
    with pytest.raises(InvalidCommand):
        clear_display_message(-1)


async def test_set_allocates_records_and_stores_the_answer() -> None:
    store = _store()
    station = Station(store, "Accepted")
    done = await DisplayMessages(store, station, lambda: NOW).set(STATION, None, BODY)
    assert (done.outcome, done.message_id) == (Outcome.RESULT, 1)
    assert done.message is not None and done.message.presence == Presence.SET
    (event,) = station.events
    assert isinstance(event, DisplayMessageSet)
    assert (event.message_id, event.status, event.priority) == (1, "Accepted", "NormalCycle")
    station.status = "Rejected"
    refused = await DisplayMessages(store, station, lambda: NOW).set(STATION, None, BODY)
    assert refused.message is not None
    assert (refused.message_id, refused.message.presence) == (2, Presence.REFUSED)


async def test_set_refused_by_the_device_model_sends_nothing() -> None:
    store = _store()
    store.add_variable(STATION, ControllerVariable("SupportedFormats", "ASCII"))
    station = Station(store, "Accepted")
    with pytest.raises(InvalidCommand) as refused:
        await DisplayMessages(store, station, lambda: NOW).set(STATION, None, BODY)
    assert refused.value.field == "message.format"
    assert station.sent == []
    assert store.records == {}


async def test_set_without_answer_and_to_an_unknown_station() -> None:
    store = _store()
    silent = Station(store, None)
    done = await DisplayMessages(store, silent, lambda: NOW).set(STATION, 8, BODY)
    assert done.message is not None
    assert (done.outcome, done.message.presence, done.message.outcome) == (
        Outcome.TIMEOUT,
        Presence.FAILED,
        "TIMEOUT",
    )
    unknown = await DisplayMessages(store, silent, lambda: NOW).set("CS-NONE", None, BODY)
    assert (unknown.outcome, unknown.station_known) == (Outcome.OFFLINE, False)
    assert len(silent.sent) == 1


async def test_get_allocates_a_request_id_and_unknown_completes_it() -> None:
    store = _store()
    station = Station(store, "Unknown")
    done = await DisplayMessages(store, station, lambda: NOW).get(STATION, RequestFilter())
    assert done.request_id == 1
    assert done.request is not None and done.request.completed_at == NOW
    (event,) = station.events
    assert isinstance(event, DisplayMessagesRequested)
    assert (event.request_id, event.status) == (1, "Unknown")


async def test_clear_result_records_and_reports() -> None:
    store = _store()
    await store.open_message(STATION, 5, BODY, NOW)
    ctx = _ctx()
    await DisplayMessageResults(store).clear_display_message_result(
        ctx,
        call.ClearDisplayMessage(id=5),
        call_result.ClearDisplayMessage(enums.ClearMessageStatusEnumType.unknown),
    )
    record = await store.message(STATION, 5)
    assert record is not None and record.presence == Presence.NOT_ON_STATION
    (event,) = ctx.events
    assert isinstance(event, DisplayMessageCleared)
    assert (event.message_id, event.status) == (5, "Unknown")


class Hanging(RecordingSender):
    """A station that never answers while the test runs."""

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """Wait until cancelled."""
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_a_fleet_run_stopped_half_way_is_interrupted() -> None:
    store = _store()
    store.add_station("CS2")
    fleet = FleetMessages(store, DisplayMessages(store, Hanging(), lambda: NOW), lambda: NOW)
    started = await fleet.send(FleetMessage(body=BODY, concurrency=1))
    assert (started.total, started.status, fleet.is_running(started.id)) == (2, "RUNNING", True)
    await asyncio.sleep(0)
    await fleet.stop()
    stopped = await store.broadcast(started.id)
    assert stopped is not None
    assert stopped.status == BroadcastStatus.INTERRUPTED
    assert stopped.counts == {TargetOutcome.PENDING: 2}
