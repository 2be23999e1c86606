"""The block's events on the events topic: the documented payload keys, written out by hand
for speed, agree with the kernel codec's generic encoding and decode back to the same event."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from modules.kernel.events import Event, from_bytes
from modules.transactions import (
    MeterValuesStored,
    SampledValue,
    TransactionEnded,
    TransactionStarted,
    TransactionUpdated,
)
from tests.support.transactions import transaction_changed

AT = datetime(2026, 1, 1, 12, tzinfo=UTC)
TRANSACTION_KEYS = [
    "transactionId",
    "eventType",
    "seqNo",
    "triggerReason",
    "timestamp",
    "offline",
    "evseId",
    "connectorId",
    "idToken",
    "idTokenType",
    "chargingState",
    "active",
    "startedAt",
    "endedAt",
    "stoppedReason",
    "remoteStartId",
    "energyWh",
    "reservationId",
]
SAMPLE_KEYS = [
    "timestamp",
    "measurand",
    "phase",
    "location",
    "context",
    "unit",
    "multiplier",
    "value",
    "signed",
]


def meter_values() -> MeterValuesStored:
    sample = SampledValue(
        timestamp="2026-01-01T11:00:00.000Z",
        measurand="Current.Import",
        phase="L1",
        location="Outlet",
        context="Sample.Periodic",
        unit="A",
        multiplier=-1,
        value=160.0,
        signed=True,
    )
    return MeterValuesStored(
        station_id="CS1",
        occurred_at=AT,
        transaction_id="TX-1",
        evse_id=1,
        source="TransactionEvent",
        samples=(sample, sample),
    )


EVENTS = [
    transaction_changed(TransactionStarted),
    transaction_changed(TransactionUpdated),
    transaction_changed(TransactionEnded),
    meter_values(),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.type)
def test_the_payload_is_the_codecs_and_decodes_back(event: Event) -> None:
    generic = Event.payload.fget(event)  # type: ignore[attr-defined]
    assert event.payload == generic
    assert from_bytes(event.to_bytes()) == event


def test_the_payload_keys_are_the_documented_ones() -> None:
    assert list(transaction_changed(TransactionStarted).payload) == TRANSACTION_KEYS
    payload = meter_values().payload
    assert list(payload) == ["transactionId", "evseId", "source", "samples"]
    assert [list(sample) for sample in payload["samples"]] == [SAMPLE_KEYS, SAMPLE_KEYS]
