"""Typed live payloads built from hub deliveries: every contract field, and nulls (never a
broken stream) for fields an event lacks or carries in another shape."""

from __future__ import annotations

from datetime import UTC, datetime

from graphql_schema.live_types import (
    MeterValuesLiveEvent,
    TransactionLiveEvent,
    TransactionLiveEventType,
)
from modules.kernel.events import from_payload
from modules.kernel.live import Delivery
from modules.transactions import events as tx_events

AT = datetime(2026, 1, 1, 12, tzinfo=UTC)


def test_a_transaction_event_carries_every_contract_field() -> None:
    payload = {
        "transactionId": "TX-1",
        "eventType": "Ended",
        "seqNo": 3,
        "triggerReason": "StopAuthorized",
        "timestamp": "2026-01-01T11:59:00.000Z",
        "offline": False,
        "evseId": 1,
        "connectorId": 2,
        "idToken": "CARD",
        "idTokenType": "ISO14443",
        "chargingState": "Idle",
        "active": False,
        "startedAt": "2026-01-01T10:00:00Z",
        "endedAt": "2026-01-01T11:59:00Z",
        "stoppedReason": "Local",
        "remoteStartId": 7,
        "energyWh": 12000,
    }
    event = from_payload(tx_events.TRANSACTION_ENDED, "CS1", AT, payload)

    live = TransactionLiveEvent.from_delivery(Delivery(event, missed=2))

    assert live.type is TransactionLiveEventType.TRANSACTION_ENDED
    assert (live.station_id, live.occurred_at, live.missed) == ("CS1", AT, 2)
    assert (live.transaction_id, live.event_type, live.seq_no) == ("TX-1", "Ended", 3)
    assert live.timestamp == datetime(2026, 1, 1, 11, 59, tzinfo=UTC)
    assert (live.evse_id, live.connector_id, live.remote_start_id) == (1, 2, 7)
    assert (live.id_token, live.id_token_type) == ("CARD", "ISO14443")
    assert (live.active, live.offline, live.stopped_reason) == (False, False, "Local")
    assert live.started_at == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert live.energy_wh == 12000.0


def test_missing_or_odd_transaction_fields_read_as_null() -> None:
    payload = {"seqNo": "3", "active": 1, "timestamp": "yesterday", "energyWh": True}
    event = from_payload(tx_events.TRANSACTION_UPDATED, "CS1", AT, payload)

    live = TransactionLiveEvent.from_delivery(Delivery(event))

    assert live.missed == 0
    assert (live.transaction_id, live.seq_no, live.active) == (None, None, None)
    assert (live.timestamp, live.energy_wh, live.evse_id) == (None, None, None)


def test_meter_values_carry_their_samples() -> None:
    sample = {
        "timestamp": "2026-01-01T12:00:00Z",
        "measurand": "Energy.Active.Import.Register",
        "phase": None,
        "location": "Outlet",
        "context": "Sample.Periodic",
        "unit": "kWh",
        "multiplier": 0,
        "value": 1.5,
        "signed": True,
    }
    payload = {"transactionId": None, "evseId": 1, "source": "MeterValues", "samples": [sample]}
    event = from_payload(tx_events.METER_VALUES, "CS1", AT, payload)

    live = MeterValuesLiveEvent.from_delivery(Delivery(event, missed=1))

    assert (live.type, live.transaction_id, live.evse_id, live.source) == (
        "METER_VALUES",
        None,
        1,
        "MeterValues",
    )
    (value,) = live.samples
    assert value.timestamp == AT
    assert (value.measurand, value.unit, value.value, value.signed) == (
        "Energy.Active.Import.Register",
        "kWh",
        1.5,
        True,
    )
    assert (value.phase, value.location, value.multiplier) == (None, "Outlet", 0)


def test_malformed_samples_are_skipped() -> None:
    payload = {"samples": [{"value": "high"}, "not a sample", 3]}
    event = from_payload(tx_events.METER_VALUES, "CS1", AT, payload)

    live = MeterValuesLiveEvent.from_delivery(Delivery(event))

    assert [s.value for s in live.samples] == [None]
    assert (
        MeterValuesLiveEvent.from_delivery(
            Delivery(from_payload(tx_events.METER_VALUES, "CS1", AT, {"samples": "x"}))
        ).samples
        == []
    )
