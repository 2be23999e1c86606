"""NotifyEvent (N07) and NotifyMonitoringReport (N02) on the memory store: every item stored
as its part arrives, answered empty (N07.FR.03), one ALERT per NotifyEvent part, alerts raised
and cleared, reports counted per part and completed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ocpp.v201 import call, call_result

from modules.kernel import codec
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from modules.monitoring import (
    AlertChanged,
    AlertFilter,
    AlertItem,
    AlertReported,
    MonitoringReportCompleted,
    ReportedMonitorView,
)
from modules.monitoring.handlers import MonitoringHandlers
from modules.monitoring.memory_store import MemoryMonitoringStore
from modules.monitoring.records import MonitorInput
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


def power_event(event_id: int, timestamp: str, cleared: bool | None = None) -> dict[str, object]:
    """An Alerting item of monitor 7 on EVSE 1's Power."""
    item: dict[str, object] = {
        "eventId": event_id,
        "timestamp": timestamp,
        "trigger": "Alerting",
        "actualValue": "23000",
        "variableMonitoringId": 7,
        "eventNotificationType": "CustomMonitor",
        "component": {"name": "EVSE", "evse": {"id": 1}},
        "variable": {"name": "Power"},
    }
    if cleared is not None:
        item["cleared"] = cleared
    return item


async def test_alerting_items_raise_and_clear_the_alert_with_the_monitors_severity_n07() -> None:
    """N07.FR.16: raised with the severity of the monitor named; N07.FR.02: cleared; a Delta
    item leaves it alone; a repeated part changes nothing and emits nothing."""
    store = MemoryMonitoringStore()
    handlers = MonitoringHandlers(store)
    await store.upsert_monitors(
        "CS1",
        [
            MonitorInput(
                component="EVSE",
                evse_id=1,
                variable="Power",
                monitor_id=7,
                type="UpperThreshold",
                value=22000.0,
                severity=2,
                transaction=False,
                source="SetVariableMonitoring",
            )
        ],
        NOW,
    )
    raise_part = notify_event(0, False, [power_event(1, "2026-12-07T10:00:00Z"), TEMPERATURE])
    ctx = context()
    await handlers.notify_event(ctx, codec.decode(call.NotifyEvent, raise_part))
    changed = [event for event in ctx.events if isinstance(event, AlertChanged)]
    assert [(e.active, e.severity, e.event_id, e.evse_id) for e in changed] == [(True, 2, 1, 1)]

    again = context()
    await handlers.notify_event(again, codec.decode(call.NotifyEvent, raise_part))
    assert again.events == []
    assert len(store.event_items) == 2

    clear_part = {
        **notify_event(0, False, [power_event(2, "2026-12-07T10:05:00Z", cleared=True)]),
        "generatedAt": "2026-12-07T10:05:01Z",
    }
    cleared = context()
    await handlers.notify_event(cleared, codec.decode(call.NotifyEvent, clear_part))
    (change, _) = cleared.events
    assert isinstance(change, AlertChanged) and not change.active
    (state,) = await store.alerts(AlertFilter(active_only=False), 10, None)
    assert (state.active, state.severity, state.monitor_type) == (False, 2, "UpperThreshold")
    assert state.raised_at == datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert state.cleared_at == datetime(2026, 12, 7, 10, 5, tzinfo=UTC)


def report(request_id: int, seq_no: int, tbc: bool, *ids: int) -> call.NotifyMonitoringReport:
    monitors = [{**EVSE_POWER_MONITORS, "variableMonitoring": []}]
    monitors[0]["variableMonitoring"] = [
        {"id": n, "transaction": False, "value": 1, "type": "Delta", "severity": 5} for n in ids
    ]
    payload = {
        "requestId": request_id,
        "seqNo": seq_no,
        "tbc": tbc,
        "generatedAt": "2026-12-07T10:00:00Z",
        "monitor": monitors,
    }
    return codec.decode(call.NotifyMonitoringReport, payload)


async def test_a_whole_report_in_shuffled_parts_completes_once_and_prunes_n02() -> None:
    """N02.FR.09/11: parts 1, 1 again, 0 of a requested whole-set report: the repeat is not
    stored, the report completes with part 0, and a stored monitor it did not list (written
    before the request) is forgotten."""
    store = MemoryMonitoringStore()
    handlers = MonitoringHandlers(store)
    before = NOW - timedelta(hours=1)
    old = MonitorInput(
        component="EVSE",
        variable="Power",
        monitor_id=50,
        type="Delta",
        value=1.0,
        severity=5,
        transaction=False,
        source="SetVariableMonitoring",
    )
    await store.upsert_monitors("CS1", [old], before - timedelta(minutes=1))
    request_id = await store.open_report("CS1", None, None, before)
    assert request_id is not None

    first = context()
    await handlers.notify_monitoring_report(first, report(request_id, 1, False, 2))
    repeat = context()
    await handlers.notify_monitoring_report(repeat, report(request_id, 1, False, 9))
    last = context()
    await handlers.notify_monitoring_report(last, report(request_id, 0, True, 1))

    assert first.events == [] and repeat.events == []
    assert last.events == [
        MonitoringReportCompleted(
            station_id="CS1", occurred_at=NOW, request_id=request_id, parts=2, monitors=2, pruned=1
        )
    ]
    assert [m.monitor_id for m in await store.monitors("CS1", 10)] == [1, 2]
    assert [view.monitor_id for _, _, view in store.reported] == [2, 1]
