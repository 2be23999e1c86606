"""The typed live payloads of transactionEvents and meterValues, built from the block's events
as they come off the events topic: every contract field, and only type, station and time (never
a broken stream) for an event another node published in a shape this node cannot read."""

from __future__ import annotations

from datetime import UTC, datetime

from graphql_schema.transactions.types import (
    MeterValuesLiveEvent,
    TransactionLiveEvent,
    TransactionLiveEventType,
)
from modules.kernel.events import UntypedEvent, from_bytes, from_payload
from modules.transactions import (
    MeterValuesStored,
    SampledValue,
    TransactionEnded,
    TransactionUpdated,
)
from tests.support.transactions import transaction_changed

AT = datetime(2026, 1, 1, 12, tzinfo=UTC)


def test_a_transaction_event_carries_every_contract_field() -> None:
    sent = transaction_changed(
        TransactionEnded,
        event_type="Ended",
        seq_no=3,
        trigger_reason="StopAuthorized",
        timestamp="2026-01-01T11:59:00.000Z",
        offline=False,
        charging_state="Idle",
        ended_at="2026-01-01T11:59:00.000Z",
        stopped_reason="Local",
        remote_start_id=7,
        energy_wh=12000.0,
    )

    live = TransactionLiveEvent.of(from_bytes(sent.to_bytes()), missed=2)

    assert live.type is TransactionLiveEventType.TRANSACTION_ENDED
    assert (live.station_id, live.occurred_at, live.missed) == ("CS1", AT, 2)
    assert (live.transaction_id, live.event_type, live.seq_no) == ("TX-1", "Ended", 3)
    assert live.timestamp == datetime(2026, 1, 1, 11, 59, tzinfo=UTC)
    assert (live.evse_id, live.connector_id, live.remote_start_id) == (1, 2, 7)
    assert (live.id_token, live.id_token_type) == ("CARD", "ISO14443")
    assert (live.active, live.offline, live.stopped_reason) == (False, False, "Local")
    assert live.started_at == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert live.ended_at == datetime(2026, 1, 1, 11, 59, tzinfo=UTC)
    assert (live.charging_state, live.trigger_reason) == ("Idle", "StopAuthorized")
    assert live.energy_wh == 12000.0


def test_an_unreadable_transaction_event_has_only_type_station_and_time() -> None:
    event = from_payload(TransactionUpdated.TYPE, "CS1", AT, {"seqNo": "3", "active": 1})
    assert isinstance(event, UntypedEvent)

    live = TransactionLiveEvent.of(event)

    assert live.type is TransactionLiveEventType.TRANSACTION_UPDATED
    assert (live.station_id, live.occurred_at, live.missed) == ("CS1", AT, 0)
    assert (live.transaction_id, live.seq_no, live.active) == (None, None, None)
    assert (live.timestamp, live.energy_wh, live.evse_id) == (None, None, None)


def test_meter_values_carry_their_samples() -> None:
    sample = SampledValue(
        timestamp="2026-01-01T12:00:00Z",
        measurand="Energy.Active.Import.Register",
        location="Outlet",
        context="Sample.Periodic",
        unit="kWh",
        value=1.5,
        signed=True,
    )
    sent = MeterValuesStored(
        station_id="CS1", occurred_at=AT, evse_id=1, source="MeterValues", samples=(sample,)
    )

    live = MeterValuesLiveEvent.of(from_bytes(sent.to_bytes()), missed=1)

    assert (live.type, live.transaction_id, live.evse_id, live.source, live.missed) == (
        "METER_VALUES",
        None,
        1,
        "MeterValues",
        1,
    )
    (value,) = live.samples
    assert value.timestamp == AT
    assert (value.measurand, value.unit, value.value, value.signed) == (
        "Energy.Active.Import.Register",
        "kWh",
        1.5,
        True,
    )
    assert (value.phase, value.location, value.context, value.multiplier) == (
        None,
        "Outlet",
        "Sample.Periodic",
        0,
    )


def test_unreadable_meter_values_have_no_samples() -> None:
    for payload in ({"samples": [{"value": "high"}, "not a sample", 3]}, {"samples": "x"}):
        event = from_payload(MeterValuesStored.TYPE, "CS1", AT, payload)

        live = MeterValuesLiveEvent.of(event)

        assert (live.type, live.station_id, live.samples) == ("METER_VALUES", "CS1", [])


def test_a_sample_time_in_any_rfc_3339_form_reaches_subscribers() -> None:
    """Lower-case t/z and a leap second, as the station sent them, are still times."""
    samples = (
        SampledValue(timestamp="2026-01-01t12:00:00z", measurand="Voltage", value=1.0),
        SampledValue(timestamp="2016-12-31T23:59:60Z", measurand="Voltage", value=2.0),
    )
    sent = MeterValuesStored(
        station_id="CS1", occurred_at=AT, evse_id=1, source="MeterValues", samples=samples
    )

    lower, leap = MeterValuesLiveEvent.of(from_bytes(sent.to_bytes())).samples

    assert lower.timestamp == datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert leap.timestamp == datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
