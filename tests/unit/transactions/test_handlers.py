"""TransactionEvent and MeterValues handlers on the memory store: the typed reply, the merged
transaction read back, and the events emitted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ocpp.v201 import call_result, enums

from modules.kernel.events import Event
from modules.kernel.routing import HandlerContext
from modules.transactions import (
    MeterValuesStored,
    SampleFilter,
    TransactionEnded,
    TransactionStarted,
    TransactionUpdated,
)
from modules.transactions.handlers import TransactionHandlers
from modules.transactions.memory_store import MemoryTransactionsStore
from tests.support.transactions import energy_reading, id_token, ocpp_time, tx_event_payload
from tests.unit.transactions.fakes import FakeRemoteStarts, FakeTokenAuthority

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
STATION = "CS-1"
ACCEPTED = enums.AuthorizationStatusEnumType.accepted


class Harness:
    """Handlers on a memory store and fake ports, and what they emitted."""

    def __init__(self, unknown_status: str = "Unknown") -> None:
        self.store = MemoryTransactionsStore()
        self.tokens = FakeTokenAuthority()
        self.remote_starts = FakeRemoteStarts()
        self.handlers = TransactionHandlers(
            self.store, self.tokens, self.remote_starts, unknown_status
        )
        self.events: list[Event] = []

    def _ctx(self, payload: dict[str, Any], message_id: str) -> HandlerContext:
        return HandlerContext(station_id=STATION, message_id=message_id, now=NOW)

    async def tx(self, payload: dict[str, Any], message_id: str = "m") -> Any:
        ctx = self._ctx(payload, message_id)
        response = await self.handlers.transaction_event(ctx, payload)
        self.events.extend(ctx.events)
        return response

    async def meter(self, payload: dict[str, Any]) -> Any:
        ctx = self._ctx(payload, "mv")
        response = await self.handlers.meter_values(ctx, payload)
        self.events.extend(ctx.events)
        return response


def at(minutes: int) -> str:
    return ocpp_time(NOW + timedelta(minutes=minutes))


async def test_a_started_event_is_merged_answered_and_announced() -> None:
    """E01/E01.FR.12: the idTokenInfo of a known token with its group; the row holds the
    event's state and TRANSACTION_STARTED carries it."""
    h = Harness()
    h.tokens.known[("CARD", "ISO14443")] = ("Accepted", "FLEET")
    payload = tx_event_payload(
        "Started",
        "TX-1",
        0,
        idToken=id_token("CARD"),
        evse={"id": 1, "connectorId": 2},
        chargingState="Charging",
        timestamp=at(0),
    )

    response = await h.tx(payload)

    assert response.id_token_info.status == ACCEPTED
    assert response.id_token_info.group_id_token.id_token == "FLEET"
    view = await h.store.transaction(STATION, "TX-1")
    assert view is not None
    assert (view.evse_id, view.connector_id, view.charging_state) == (1, 2, "Charging")
    assert (view.id_token, view.group_id_token, view.active) == ("CARD", "FLEET", True)
    assert view.started_at == NOW
    (event,) = h.events
    assert isinstance(event, TransactionStarted)
    assert (event.transaction_id, event.seq_no, event.event_type) == ("TX-1", 0, "Started")
    assert (event.evse_id, event.id_token, event.active) == (1, "CARD", True)
    assert event.timestamp == payload["timestamp"]
    assert event.started_at == "2026-03-01T10:00:00.000Z"


async def test_a_repeated_event_gets_its_first_reply_and_is_stored_once() -> None:
    """A redelivered TransactionEvent (same seqNo) is answered as the first time, stored
    once, and announces nothing again."""
    h = Harness()
    payload = tx_event_payload("Started", "TX-1", 0, idToken=id_token("CARD"))
    first = await h.tx(payload, "m-1")
    h.tokens.known[("CARD", "ISO14443")] = ("Accepted", None)
    await h.tx(tx_event_payload("Updated", "TX-1", 1), "m-2")
    h.events.clear()

    again = await h.tx(payload, "m-3")

    assert again == first  # still Unknown: the first reply, not a new decision
    assert h.events == []
    view = await h.store.transaction(STATION, "TX-1")
    assert view is not None and view.event_count == 2
    events = (await h.store.events_of([view.pk]))[view.pk]
    assert [e.message_id for e in events] == ["m-1", "m-2"]


async def test_a_late_event_is_folded_in_seq_no_order() -> None:
    """An offline Started arriving after its Updated: started_at is the Started's timestamp
    and the state of the highest seqNo stays."""
    h = Harness()
    await h.tx(tx_event_payload("Updated", "TX-1", 1, chargingState="Charging", timestamp=at(5)))
    await h.tx(tx_event_payload("Started", "TX-1", 0, chargingState="EVConnected", timestamp=at(1)))

    view = await h.store.transaction(STATION, "TX-1")
    assert view is not None
    assert (view.charging_state, view.last_seq_no, view.event_count) == ("Charging", 1, 2)
    assert view.started_at == NOW + timedelta(minutes=1)
    assert view.has_started_event
    assert [type(e) for e in h.events] == [TransactionUpdated, TransactionStarted]


async def test_an_unknown_token_is_answered_the_configured_status() -> None:
    """E05: an id token the registry does not know is not Accepted (Invalid when so set)."""
    h = Harness(unknown_status="Invalid")

    response = await h.tx(tx_event_payload("Started", "TX-1", 0, idToken=id_token("NOPE")))

    assert response.id_token_info.status == enums.AuthorizationStatusEnumType.invalid


async def test_an_unknown_token_the_csms_asked_to_start_with_is_accepted() -> None:
    """F01/F02: the token of a RequestStartTransaction with the same remoteStartId."""
    h = Harness()
    h.remote_starts.sent.add((STATION, 7, "APP", "Central"))
    payload = tx_event_payload(
        "Started", "TX-1", 0, idToken=id_token("APP", "Central"), remoteStartId=7
    )

    response = await h.tx(payload)

    assert response.id_token_info.status == ACCEPTED
    view = await h.store.transaction(STATION, "TX-1")
    assert view is not None and view.remote_start_id == 7


async def test_a_no_authorization_token_is_accepted_without_a_decision() -> None:
    """Free vending: nothing to authorize; its group is still looked up once for the row."""
    h = Harness()
    await h.tx(tx_event_payload("Started", "TX-1", 0, idToken=id_token("", "NoAuthorization")))
    await h.tx(tx_event_payload("Updated", "TX-1", 1, idToken=id_token("", "NoAuthorization")))

    assert h.tokens.asked == [("", "NoAuthorization")]


async def test_the_group_is_decided_once_per_token() -> None:
    """The group of the transaction's token is kept on the row, not decided again."""
    h = Harness()
    h.tokens.known[("CARD", "ISO14443")] = ("Accepted", "FLEET")
    await h.tx(tx_event_payload("Started", "TX-1", 0, idToken=id_token("CARD")))
    await h.tx(tx_event_payload("Updated", "TX-1", 1))
    await h.tx(tx_event_payload("Ended", "TX-1", 2))

    assert h.tokens.asked == [("CARD", "ISO14443")]
    view = await h.store.transaction(STATION, "TX-1")
    assert view is not None
    assert (view.group_id_token, view.active, view.stopped_reason) == ("FLEET", False, "Local")


async def test_energy_and_samples_of_transaction_events() -> None:
    """E01.FR.09 / E06: Transaction.Begin and Transaction.End readings bound the energy; each
    event with meterValue stores its samples and announces METER_VALUES."""
    h = Harness()
    begin = energy_reading(1000.0, at(0), context="Transaction.Begin")
    end = energy_reading(2.5, at(30), context="Transaction.End", unit="kWh")
    await h.tx(tx_event_payload("Started", "TX-1", 0, evse={"id": 2}, meterValue=[begin]))
    await h.tx(tx_event_payload("Ended", "TX-1", 1, meterValue=[end]))

    view = await h.store.transaction(STATION, "TX-1")
    assert view is not None
    assert (view.energy_start_wh, view.energy_end_wh, view.energy_wh) == (1000.0, 2500.0, 1500.0)
    ended = [e for e in h.events if isinstance(e, TransactionEnded)]
    assert [e.energy_wh for e in ended] == [1500.0]
    meters = [e for e in h.events if isinstance(e, MeterValuesStored)]
    assert [(e.transaction_id, e.evse_id, e.source) for e in meters] == [
        ("TX-1", 2, "TransactionEvent"),
        ("TX-1", 2, "TransactionEvent"),
    ]
    assert [s.context for e in meters for s in e.samples] == [
        "Transaction.Begin",
        "Transaction.End",
    ]
    samples = (await h.store.samples_of({view.pk: "TX-1"}, None))[view.pk]
    assert [(s.value, s.unit, s.evse_id) for s in samples] == [
        (1000.0, None, 2),
        (2.5, "kWh", 2),
    ]


async def test_meter_values_are_stored_outside_any_transaction() -> None:
    """J01: every sampled value stored with its EVSE, METER_VALUES announced."""
    h = Harness()
    payload = {
        "evseId": 0,
        "meterValue": [
            {
                "timestamp": at(0),
                "sampledValue": [
                    {"value": 230.0, "measurand": "Voltage", "phase": "L1-N"},
                    {"value": 42.0, "signedMeterValue": {"signedMeterData": "x"}},
                ],
            }
        ],
    }

    await h.meter(payload)

    (event,) = h.events
    assert isinstance(event, MeterValuesStored)
    assert (event.transaction_id, event.evse_id, event.source) == (None, 0, "MeterValues")
    assert [(s.measurand, s.phase, s.signed) for s in event.samples] == [
        ("Voltage", "L1-N", False),
        ("Energy.Active.Import.Register", None, True),
    ]
    stored = await h.store.station_samples(SampleFilter(STATION), 10, None)
    assert [(s.value, s.transaction_id, s.source) for s in stored] == [
        (42.0, None, "MeterValues"),
        (230.0, None, "MeterValues"),
    ]


async def test_meter_values_resent_are_answered_alike_stored_once_and_announced_once() -> None:
    """J01: the same MeterValues again (a resend) gets the same empty answer; nothing new is
    stored, so no second METER_VALUES; a partly new one stores its new sample and is announced
    as sent."""
    h = Harness()
    first: dict[str, Any] = {"timestamp": at(0), "sampledValue": [{"value": 1.0}, {"value": 2.0}]}
    later: dict[str, Any] = {"timestamp": at(1), "sampledValue": [{"value": 3.0}]}
    sent = {"evseId": 1, "meterValue": [first]}
    grown = {"evseId": 1, "meterValue": [first, later]}

    answers = [await h.meter(sent), await h.meter(sent), await h.meter(grown)]

    assert answers == [call_result.MeterValues()] * 3
    assert [len(e.samples) for e in h.events if isinstance(e, MeterValuesStored)] == [2, 3]
    stored = await h.store.station_samples(SampleFilter(STATION), 10, None)
    assert [s.value for s in stored] == [3.0, 2.0, 1.0]
