"""NotifyEvent (N07) and NotifyMonitoringReport (N02) on the memory store: every item stored
as its part arrives, answered empty (N07.FR.03), one ALERT per NotifyEvent part."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from ocpp.v201 import call, call_result

from modules.kernel import codec
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from modules.monitoring import (
    AlertChanged,
    AlertItem,
    AlertReported,
    MonitoringReportCompleted,
    ReportedMonitorView,
)
from modules.monitoring.handlers import MonitoringHandlers
from modules.monitoring.memory_store import MemoryMonitoringStore
from tests.support.monitoring import (
    CONNECTOR_FAULT,
    EVSE_POWER_MONITORS,
    TEMPERATURE,
    connector_fault_view,
    notify_event,
)

NOW = datetime(2026, 11, 24, 10, 0, 5, tzinfo=UTC)
GENERATED = datetime(2026, 11, 24, 10, 0, 3, tzinfo=UTC)


def context() -> HandlerContext:
    return HandlerContext(station_id="CS1", message_id="m1", now=NOW)


async def test_every_item_is_stored_and_one_alert_summarises_the_part() -> None:
    store = MemoryMonitoringStore()
    ctx = context()
    sent = notify_event(0, True, [CONNECTOR_FAULT, TEMPERATURE])

    answer = await MonitoringHandlers(store).notify_event(ctx, codec.decode(call.NotifyEvent, sent))

    assert answer == call_result.NotifyEvent()
    fault, temperature = store.event_items
    assert fault == connector_fault_view(
        id=1,
        timestamp=datetime(2026, 11, 24, 10, 0, 1, tzinfo=UTC),
        generated_at=GENERATED,
        received_at=NOW,
    )
    assert (temperature.cause, temperature.cleared, temperature.evse_id) == (None, None, None)
    changed, event = ctx.events
    assert isinstance(changed, AlertChanged) and changed.active
    assert event == AlertReported(
        station_id="CS1",
        occurred_at=NOW,
        generated_at="2026-11-24T10:00:03Z",
        seq_no=0,
        tbc=True,
        count=2,
        events=(
            AlertItem(
                event_id=11,
                timestamp="2026-11-24T10:00:01Z",
                trigger="Alerting",
                component="Connector",
                variable="AvailabilityState",
                actual_value="Faulted",
                cleared=False,
            ),
            AlertItem(
                event_id=12,
                timestamp="2026-11-24T10:00:02Z",
                trigger="Delta",
                component="ChargingStation",
                variable="Temperature",
                actual_value="71.5",
            ),
        ),
    )
    assert from_bytes(event.to_bytes()) == event


async def test_the_alert_payload_keeps_its_keys() -> None:
    """Other nodes and the stationEvents feed read these keys."""
    ctx = context()
    sent = {"generatedAt": "2026-11-24T10:00:03Z", "seqNo": 4, "eventData": [TEMPERATURE]}

    await MonitoringHandlers(MemoryMonitoringStore()).notify_event(
        ctx, codec.decode(call.NotifyEvent, sent)
    )

    (event,) = ctx.events
    assert event.type == "ALERT"
    assert event.payload == {
        "generatedAt": "2026-11-24T10:00:03Z",
        "seqNo": 4,
        "tbc": False,
        "count": 1,
        "events": [
            {
                "eventId": 12,
                "timestamp": "2026-11-24T10:00:02Z",
                "trigger": "Delta",
                "component": "ChargingStation",
                "variable": "Temperature",
                "actualValue": "71.5",
                "cleared": None,
            }
        ],
    }


async def test_an_unrequested_single_part_report_stores_each_monitor_and_completes() -> None:
    store = MemoryMonitoringStore()
    ctx = context()
    sent = {
        "requestId": 7,
        "seqNo": 1,
        "generatedAt": "2026-11-24T10:00:03Z",
        "monitor": [EVSE_POWER_MONITORS],
    }

    answer = await MonitoringHandlers(store).notify_monitoring_report(
        ctx, codec.decode(call.NotifyMonitoringReport, sent)
    )

    assert answer == call_result.NotifyMonitoringReport()
    upper = ReportedMonitorView(
        request_id=7,
        seq_no=1,
        generated_at=GENERATED,
        component="EVSE",
        component_instance=None,
        evse_id=1,
        connector_id=None,
        variable="Power",
        variable_instance=None,
        monitor_id=1,
        transaction=False,
        type="UpperThreshold",
        severity=4,
        value=22000.0,
    )
    delta = replace(upper, monitor_id=2, transaction=True, type="Delta", severity=8, value=500.5)
    assert [view for _, _, view in store.reported] == [upper, delta]
    # not requested by this CSMS: its lowest seqNo is its first, so the tbc=false part completes it
    assert ctx.events == [
        MonitoringReportCompleted(
            station_id="CS1", occurred_at=NOW, request_id=7, parts=1, monitors=2, pruned=0
        )
    ]
    assert [monitor.monitor_id for monitor in await store.monitors("CS1", 10)] == [1, 2]


async def test_a_report_part_without_monitors_stores_nothing() -> None:
    store = MemoryMonitoringStore()
    sent = {"requestId": 7, "seqNo": 0, "generatedAt": "2026-11-24T10:00:03Z"}

    answer = await MonitoringHandlers(store).notify_monitoring_report(
        context(), codec.decode(call.NotifyMonitoringReport, sent)
    )

    assert answer == call_result.NotifyMonitoringReport()
    assert store.reported == []
