"""Remote-control commands on the memory store: the remote-start workflow (the row is
written before the request goes out), the result handlers' stored answers and events (F01,
F02, F03, F05, F06), the remote-start reads, and the token check the transactions block
asks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.kernel.events import Event, from_bytes
from modules.kernel.routing import HandlerContext
from modules.remote_control import (
    ConnectorUnlockAnswered,
    RemoteControlQueries,
    RemoteStartAnswered,
    RemoteStarts,
    RemoteStartTokens,
    RemoteStopAnswered,
    StartedTransaction,
    TriggerAnswered,
    request_start_transaction,
    request_stop_transaction,
    trigger_message,
    unlock_connector,
)
from modules.remote_control.commands import (
    RemoteStartResults,
    request_stop_transaction_result,
    trigger_message_result,
    unlock_connector_result,
)
from modules.remote_control.memory_store import MemoryRemoteControlStore
from tests.support.clock import NOW
from tests.support.remote_control import ACCEPTED_START_PAYLOAD, started_transaction

ANSWERED_AT = NOW + timedelta(seconds=2)


class AnsweringStation:
    """A CommandSender whose station answers `answer`; the result handler runs as the
    CallSender runs it. It notes whether the remote start was stored before the send."""

    def __init__(self, store: MemoryRemoteControlStore, answer: dict[str, Any] | None) -> None:
        self.store = store
        self.answer = answer
        self.sent: list[dict[str, Any]] = []
        self.stored_before_send: list[bool] = []
        self.events: list[Event] = []

    async def send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None = None
    ) -> CallOutcome:
        """Answer the CALL (or time out when there is no answer)."""
        self.sent.append(payload)
        stored = await self.store.remote_start(station_id, payload["remoteStartId"])
        self.stored_before_send.append(stored is not None)
        if self.answer is None:
            return CallOutcome(Outcome.TIMEOUT)
        ctx = HandlerContext(station_id=station_id, message_id="m1", now=ANSWERED_AT)
        await RemoteStartResults(self.store).request_start_transaction_result(
            ctx,
            codec.decode(call.RequestStartTransaction, payload),
            codec.decode(call_result.RequestStartTransaction, self.answer),
        )
        self.events.extend(ctx.events)
        return CallOutcome(Outcome.RESULT, self.answer)


def _store(*stations: str) -> MemoryRemoteControlStore:
    store = MemoryRemoteControlStore()
    for station_id in stations:
        store.add_station(station_id)
    return store


def _transaction(pk: int, transaction_id: str, remote_start_id: int | None) -> StartedTransaction:
    return started_transaction(
        pk,
        transaction_id,
        "CS1",
        remote_start_id,
        NOW,
        id_token="RFID-1",
        id_token_type="ISO14443",
        charging_state="Charging",
        last_trigger_reason="RemoteStart",
        last_seq_no=0,
        event_count=1,
        has_started_event=True,
    )


async def test_the_remote_start_is_stored_before_it_is_sent_f02_fr_01() -> None:
    """F02: the CSMS allocates the remoteStartId and records the remote start before the
    request goes out; the answer is stored and reported as REMOTE_START_ANSWERED."""
    store = _store("CS1")
    station = AnsweringStation(store, {"status": "Accepted"})
    starts = RemoteStarts(store, station, lambda: NOW)

    order = request_start_transaction("RFID-1", "ISO14443", 1)
    outcome = await starts.start("CS1", order)

    assert station.stored_before_send == [True]
    assert station.sent == [
        {"idToken": {"idToken": "RFID-1", "type": "ISO14443"}, "remoteStartId": 1, "evseId": 1}
    ]
    assert outcome.remote_start_id == 1
    assert outcome.result is not None and outcome.result.response is not None
    assert outcome.result.response.status is enums.RequestStartStopStatusEnumType.accepted
    stored = outcome.remote_start
    assert stored is not None
    assert (stored.status, stored.requested_at, stored.answered_at) == (
        "Accepted",
        NOW,
        ANSWERED_AT,
    )
    (event,) = station.events
    assert event == RemoteStartAnswered(
        station_id="CS1",
        occurred_at=ANSWERED_AT,
        remote_start_id=1,
        evse_id=1,
        id_token="RFID-1",
        id_token_type="ISO14443",
        status="Accepted",
    )
    assert event.payload == ACCEPTED_START_PAYLOAD
    assert from_bytes(event.to_bytes()) == event


async def test_each_remote_start_gets_the_next_id_and_an_unanswered_one_keeps_it() -> None:
    """A remote start without an answer (timeout) keeps its row with no status; its id is
    never reused, since the station may have received it."""
    store = _store("CS1")
    silent = AnsweringStation(store, None)
    starts = RemoteStarts(store, silent, lambda: NOW)

    first = await starts.start("CS1", request_start_transaction("RFID-1", "ISO14443"))
    second = await starts.start("CS1", request_start_transaction("RFID-1", "ISO14443"))

    assert (first.remote_start_id, second.remote_start_id) == (1, 2)
    assert second.result is not None and second.result.outcome is Outcome.TIMEOUT
    page = await RemoteControlQueries(store).remote_starts("CS1", 10)
    assert [(view.remote_start_id, view.status) for view in page] == [(2, None), (1, None)]


async def test_an_unknown_station_gets_no_remote_start_and_nothing_is_sent() -> None:
    store = _store()
    station = AnsweringStation(store, {"status": "Accepted"})

    outcome = await RemoteStarts(store, station).start(
        "CS-NOBODY", request_start_transaction("RFID-1", "ISO14443")
    )

    assert (outcome.remote_start_id, outcome.result, outcome.remote_start) == (None, None, None)
    assert station.sent == []


async def test_an_answer_to_a_request_sent_otherwise_is_recorded_f01() -> None:
    """A RequestStartTransaction sent with sendCall (operator-chosen id) gets its row when
    the answer comes; F01: the answer names the transaction already running."""
    store = _store("CS1")
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    request = request_start_transaction("RFID-9", "Central").request
    request = call.RequestStartTransaction(id_token=request.id_token, remote_start_id=40)
    answer = call_result.RequestStartTransaction(
        status=enums.RequestStartStopStatusEnumType.accepted,
        transaction_id="TX-RUNNING",
        status_info=datatypes.StatusInfoType(reason_code="Running", additional_info="cable"),
    )

    await RemoteStartResults(store).request_start_transaction_result(ctx, request, answer)

    stored = await RemoteControlQueries(store).remote_start("CS1", 40)
    assert stored is not None
    assert (stored.id_token, stored.status, stored.answered_transaction_id) == (
        "RFID-9",
        "Accepted",
        "TX-RUNNING",
    )
    (event,) = ctx.events
    assert isinstance(event, RemoteStartAnswered)
    assert (event.transaction_id, event.reason_code, event.additional_info) == (
        "TX-RUNNING",
        "Running",
        "cable",
    )
    store.add_transaction(_transaction(5, "TX-RUNNING", None))
    linked = await RemoteControlQueries(store).remote_start("CS1", 40)
    assert linked is not None and linked.transaction is not None
    assert linked.transaction.transaction_id == "TX-RUNNING"


async def test_the_transaction_carrying_the_remote_start_id_is_linked_f02_fr_02() -> None:
    """The station's transaction carrying the remoteStartId is the one it led to (the newest
    when the id was reused)."""
    store = _store("CS1")
    await RemoteStarts(store, AnsweringStation(store, {"status": "Accepted"})).start(
        "CS1", request_start_transaction("RFID-1", "ISO14443")
    )
    store.add_transaction(_transaction(1, "TX-OLD", 1))
    store.add_transaction(_transaction(2, "TX-NEW", 1))

    view = await RemoteControlQueries(store).remote_start("CS1", 1)

    assert view is not None and view.transaction is not None
    assert view.transaction.transaction_id == "TX-NEW"


async def test_only_the_token_the_csms_asked_with_counts_as_requested() -> None:
    store = _store("CS1")
    await RemoteStarts(store, AnsweringStation(store, None)).start(
        "CS1", request_start_transaction("RFID-1", "ISO14443")
    )
    tokens = RemoteStartTokens(store)

    assert await tokens.was_requested("CS1", 1, "RFID-1", "ISO14443")
    assert not await tokens.was_requested("CS1", 1, "RFID-1", "Central")
    assert not await tokens.was_requested("CS1", 1, "RFID-2", "ISO14443")
    assert not await tokens.was_requested("CS1", 2, "RFID-1", "ISO14443")
    assert not await tokens.was_requested("CS2", 1, "RFID-1", "ISO14443")


async def test_stop_unlock_and_trigger_answers_become_events() -> None:
    """F03, F05, F06: each answer is reported with what was asked; nothing is stored."""
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    rejected = datatypes.StatusInfoType(reason_code="UnknownTxId")

    await request_stop_transaction_result(
        ctx,
        request_stop_transaction("TX-1"),
        call_result.RequestStopTransaction(
            status=enums.RequestStartStopStatusEnumType.rejected, status_info=rejected
        ),
    )
    await unlock_connector_result(
        ctx,
        unlock_connector(1, 2),
        call_result.UnlockConnector(status=enums.UnlockStatusEnumType.unlocked),
    )
    await trigger_message_result(
        ctx,
        trigger_message(enums.MessageTriggerEnumType.status_notification, 2, 1),
        call_result.TriggerMessage(status=enums.TriggerMessageStatusEnumType.not_implemented),
    )

    stop, unlock, trigger = ctx.events
    assert stop == RemoteStopAnswered(
        station_id="CS1",
        occurred_at=NOW,
        transaction_id="TX-1",
        status="Rejected",
        reason_code="UnknownTxId",
    )
    assert unlock == ConnectorUnlockAnswered(
        station_id="CS1", occurred_at=NOW, evse_id=1, connector_id=2, status="Unlocked"
    )
    assert trigger == TriggerAnswered(
        station_id="CS1",
        occurred_at=NOW,
        requested_message="StatusNotification",
        evse_id=2,
        connector_id=1,
        status="NotImplemented",
    )
    assert [event.type for event in ctx.events] == [
        "REMOTE_STOP_ANSWERED",
        "CONNECTOR_UNLOCK_ANSWERED",
        "TRIGGER_ANSWERED",
    ]
    assert stop.payload == {
        "transactionId": "TX-1",
        "status": "Rejected",
        "reasonCode": "UnknownTxId",
        "additionalInfo": None,
    }
    assert unlock.payload == {
        "evseId": 1,
        "connectorId": 2,
        "status": "Unlocked",
        "reasonCode": None,
        "additionalInfo": None,
    }
    assert trigger.payload == {
        "requestedMessage": "StatusNotification",
        "evseId": 2,
        "connectorId": 1,
        "status": "NotImplemented",
        "reasonCode": None,
        "additionalInfo": None,
    }
    assert [from_bytes(event.to_bytes()) for event in ctx.events] == ctx.events
