"""The monitoring store's contract, run against the memory twin and the SQL store (its
multi-row INSERTs) on SQLite and PostgreSQL, so the twin cannot drift from the real store."""

from __future__ import annotations

from datetime import UTC, datetime

from ocpp.v201 import datatypes, enums

from modules.kernel import codec
from modules.monitoring import (
    MonitoringStore,
    Part,
    ReportedMonitorView,
    SqlMonitoringStore,
)
from modules.monitoring.memory_store import MemoryMonitoringStore
from tests.support.monitoring import CONNECTOR_FAULT, TEMPERATURE, connector_fault_view
from tests.support.stores import store_fixture

GENERATED = datetime(2026, 11, 24, 10, 0, 3, 250000, tzinfo=UTC)
RECEIVED = datetime(2026, 11, 24, 10, 0, 4, 500000, tzinfo=UTC)


store = store_fixture(MemoryMonitoringStore, SqlMonitoringStore, stations=("CS1", "CS2"))
"""An empty store; on a database, stations CS1 and CS2 exist."""


def part(station_id: str = "CS1", seq_no: int = 0, tbc: bool = False) -> Part:
    return Part(
        station_id=station_id,
        seq_no=seq_no,
        tbc=tbc,
        generated_at=GENERATED,
        received_at=RECEIVED,
    )


FAULT = codec.decode(
    datatypes.EventDataType, {**CONNECTOR_FAULT, "timestamp": "2026-11-24T10:00:01.125Z"}
)


def temperature(event_id: int) -> datatypes.EventDataType:
    return codec.decode(datatypes.EventDataType, {**TEMPERATURE, "eventId": event_id})


def monitored(
    name: str, *monitors: tuple[int, float], evse: datatypes.EVSEType | None = None
) -> datatypes.MonitoringDataType:
    return datatypes.MonitoringDataType(
        component=datatypes.ComponentType(name=name, instance="main", evse=evse),
        variable=datatypes.VariableType(name="Power", instance="Actual"),
        variable_monitoring=[
            datatypes.VariableMonitoringType(
                id=monitor_id,
                transaction=monitor_id % 2 == 0,
                value=value,
                type=enums.MonitorEnumType.upper_threshold,
                severity=4,
            )
            for monitor_id, value in monitors
        ],
    )


async def test_event_items_read_back_as_stored(store: MonitoringStore) -> None:
    await store.add_event_items(part(tbc=True), [FAULT, temperature(12)])

    temperature_view, fault = await store.station_alerts(None, 10, None)

    assert fault == connector_fault_view(
        id=fault.id,
        timestamp=datetime(2026, 11, 24, 10, 0, 1, 125000, tzinfo=UTC),
        generated_at=GENERATED,
        received_at=RECEIVED,
    )
    assert (temperature_view.event_id, temperature_view.trigger) == (12, "Delta")
    assert (temperature_view.cause, temperature_view.cleared, temperature_view.evse_id) == (
        None,
        None,
        None,
    )
    assert temperature_view.id > fault.id


async def test_the_alert_feed_is_newest_first_per_station_and_pages_by_id(
    store: MonitoringStore,
) -> None:
    await store.add_event_items(part("CS1"), [temperature(1), temperature(2)])
    await store.add_event_items(part("CS2"), [temperature(3)])
    await store.add_event_items(part("CS1"), [])

    everything = await store.station_alerts(None, 10, None)

    assert [(a.station_id, a.event_id) for a in everything] == [("CS2", 3), ("CS1", 2), ("CS1", 1)]
    assert [a.event_id for a in await store.station_alerts("CS1", 10, None)] == [2, 1]
    assert await store.station_alerts(None, 1, None) == everything[:1]
    assert await store.station_alerts(None, 10, everything[0].id) == everything[1:]


async def test_more_items_than_one_statement_may_carry_are_all_stored(
    store: MonitoringStore,
) -> None:
    """1,200 items of 22 columns exceed one statement's 16,000 parameters: the SQL store
    chunks the INSERT; nothing is lost."""
    await store.add_event_items(part(), [temperature(n) for n in range(1200)])

    alerts = await store.station_alerts("CS1", 1000, None)
    older = await store.station_alerts("CS1", 1000, alerts[-1].id)

    assert [alert.event_id for alert in alerts + older] == list(reversed(range(1200)))


async def test_monitors_read_back_by_seq_no_then_as_received(store: MonitoringStore) -> None:
    await store.add_monitors(part(seq_no=1), 7, [monitored("ChargingStation", (3, 1))])
    await store.add_monitors(
        part(seq_no=0, tbc=True),
        7,
        [monitored("EVSE", (1, 22000), (2, 500.5), evse=datatypes.EVSEType(id=1))],
    )
    await store.add_monitors(part("CS2"), 7, [monitored("EVSE", (9, 1))])
    await store.add_monitors(part(), 8, [])

    report = await store.reported_monitors("CS1", 7, 100)

    assert [(m.seq_no, m.monitor_id) for m in report] == [(0, 1), (0, 2), (1, 3)]
    assert report[1] == ReportedMonitorView(
        request_id=7,
        seq_no=0,
        generated_at=GENERATED,
        component="EVSE",
        component_instance="main",
        evse_id=1,
        connector_id=None,
        variable="Power",
        variable_instance="Actual",
        monitor_id=2,
        transaction=True,
        type="UpperThreshold",
        severity=4,
        value=500.5,
    )
    assert report[0].value == 22000.0
    assert await store.reported_monitors("CS1", 7, 2) == report[:2]
    assert await store.reported_monitors("CS1", 8, 100) == []


async def test_the_last_report_is_the_one_of_the_last_monitor_received(
    store: MonitoringStore,
) -> None:
    assert await store.last_report_request_id("CS1") is None
    await store.add_monitors(part(), 8, [monitored("EVSE", (1, 1))])
    await store.add_monitors(part(), 7, [monitored("EVSE", (2, 1))])
    await store.add_monitors(part("CS2"), 9, [monitored("EVSE", (3, 1))])

    assert await store.last_report_request_id("CS1") == 7
    assert await store.last_report_request_id("CS2") == 9
