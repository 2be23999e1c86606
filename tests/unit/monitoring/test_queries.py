"""Monitoring reads on the memory store: the alert feed newest first, a report's monitors in
the station's order, the last report when none is named (N02)."""

from __future__ import annotations

from ocpp.v201 import datatypes, enums

from modules.monitoring import MonitoringQueries, Part
from modules.monitoring.memory_store import MemoryMonitoringStore
from tests.support.clock import NOW


def part(station_id: str, seq_no: int) -> Part:
    return Part(station_id=station_id, seq_no=seq_no, tbc=False, generated_at=NOW, received_at=NOW)


def monitors(*ids: int) -> list[datatypes.MonitoringDataType]:
    return [
        datatypes.MonitoringDataType(
            component=datatypes.ComponentType(name="EVSE"),
            variable=datatypes.VariableType(name="Power"),
            variable_monitoring=[
                datatypes.VariableMonitoringType(
                    id=i,
                    transaction=False,
                    value=1.0,
                    type=enums.MonitorEnumType.delta,
                    severity=5,
                )
                for i in ids
            ],
        )
    ]


def item(event_id: int) -> datatypes.EventDataType:
    return datatypes.EventDataType(
        event_id=event_id,
        timestamp="2026-11-24T10:00:00Z",
        trigger=enums.EventTriggerEnumType.delta,
        actual_value="1",
        event_notification_type=enums.EventNotificationEnumType.hard_wired_monitor,
        component=datatypes.ComponentType(name="ChargingStation"),
        variable=datatypes.VariableType(name="Temperature"),
    )


async def test_a_report_lists_its_monitors_by_seq_no_then_as_received() -> None:
    store = MemoryMonitoringStore()
    await store.add_monitors(part("CS1", 1), 7, monitors(3))
    await store.add_monitors(part("CS1", 0), 7, monitors(1, 2))
    await store.add_monitors(part("CS2", 0), 7, monitors(9))

    report = await MonitoringQueries(store).monitoring_report("CS1", 7)

    assert [(m.seq_no, m.monitor_id) for m in report] == [(0, 1), (0, 2), (1, 3)]


async def test_without_a_request_id_the_last_report_received_is_read() -> None:
    store = MemoryMonitoringStore()
    await store.add_monitors(part("CS1", 0), 8, monitors(1))
    await store.add_monitors(part("CS1", 0), 7, monitors(2))
    await store.add_monitors(part("CS2", 0), 9, monitors(3))
    queries = MonitoringQueries(store)

    assert [(m.request_id, m.monitor_id) for m in await queries.monitoring_report("CS1")] == [
        (7, 2)
    ]
    assert await queries.monitoring_report("CS-NOBODY") == []


async def test_the_alert_feed_is_newest_first_per_station_and_pages_by_id() -> None:
    store = MemoryMonitoringStore()
    await store.add_event_items(part("CS1", 0), [item(1), item(2)])
    await store.add_event_items(part("CS2", 0), [item(3)])
    queries = MonitoringQueries(store)

    assert [a.event_id for a in await queries.station_alerts()] == [3, 2, 1]
    assert [a.event_id for a in await queries.station_alerts("CS1")] == [2, 1]
    assert [a.event_id for a in await queries.station_alerts(limit=1)] == [3]
    assert [a.event_id for a in await queries.station_alerts(before_id=3)] == [2, 1]
