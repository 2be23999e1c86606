"""The monitoring store's contract, run against the memory twin and the SQL store (its
multi-row INSERTs) on SQLite and PostgreSQL, so the twin cannot drift from the real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ocpp.v201 import datatypes, enums

from infra.db.models import DeviceAttribute, DeviceVariable
from modules.kernel import codec
from modules.monitoring import (
    AlertFilter,
    AlertStateView,
    MonitoringReportRecord,
    MonitoringStateView,
    MonitoringStore,
    MonitorView,
    Part,
    ReportedMonitorView,
    SqlMonitoringStore,
)
from modules.monitoring.memory_store import MemoryMonitoringStore
from modules.monitoring.records import AlertInput, MonitorInput
from modules.monitoring.requests import limit_keys
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


NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def monitor(monitor_id: int, variable: str = "Power", **fields: Any) -> MonitorInput:
    values: dict[str, Any] = {
        "component": "EVSE",
        "evse_id": 1,
        "variable": variable,
        "monitor_id": monitor_id,
        "type": "UpperThreshold",
        "value": 22000.0,
        "severity": 2,
        "transaction": False,
        "source": "SetVariableMonitoring",
        **fields,
    }
    return MonitorInput(**values)


def alert(event_id: int, at: datetime, active: bool = True, **fields: Any) -> AlertInput:
    values: dict[str, Any] = {
        "component": "EVSE",
        "evse_id": 1,
        "variable": "Power",
        "active": active,
        "trigger": "Alerting",
        "actual_value": "23000",
        "event_id": event_id,
        "variable_monitoring_id": 7,
        "event_notification_type": "CustomMonitor",
        "event_at": at,
        **fields,
    }
    return AlertInput(**values)


async def test_a_notify_event_part_that_comes_twice_is_stored_once_n07(
    store: MonitoringStore,
) -> None:
    assert await store.add_event_items(part(), [temperature(1), temperature(2)]) is True
    assert await store.add_event_items(part(), [temperature(1), temperature(2)]) is False
    # the same generatedAt and seqNo with another event is another message
    assert await store.add_event_items(part(), [temperature(5)]) is True
    assert await store.add_event_items(part("CS2"), [temperature(1)]) is True

    assert [a.event_id for a in await store.station_alerts("CS1", 10, None)] == [5, 2, 1]


async def test_monitors_are_replaced_by_station_id_deleted_and_pruned_n04_n06(
    store: MonitoringStore,
) -> None:
    later = NOW + timedelta(minutes=5)
    await store.upsert_monitors("CS1", [monitor(3), monitor(1, "Voltage")], NOW)
    await store.upsert_monitors("CS2", [monitor(3)], NOW)
    await store.upsert_monitors(
        "CS1",
        [monitor(3, value=11000.0, severity=5, source="NotifyMonitoringReport", request_id=4)],
        later,
    )

    first, third = await store.monitors("CS1", 10)
    assert third == MonitorView(
        station_id="CS1",
        monitor_id=3,
        variable_key="evse\x1f\x1f1\x1f\x1fpower\x1f",
        component="EVSE",
        component_instance=None,
        evse_id=1,
        connector_id=None,
        variable="Power",
        variable_instance=None,
        type="UpperThreshold",
        value=11000.0,
        severity=5,
        transaction=False,
        source="NotifyMonitoringReport",
        request_id=4,
        updated_at=later,
    )
    assert (first.monitor_id, first.variable) == (1, "Voltage")
    assert await store.monitors("CS1", 1) == [first]
    by_key = await store.monitors_by_key([("CS1", 3), ("CS2", 1), ("CS1", 1), ("CS9", 3)])
    assert sorted(by_key, key=lambda m: m.monitor_id) == [first, third]
    assert await store.monitors_by_key([]) == []

    assert await store.prune_monitors("CS1", later) == 1
    assert [m.monitor_id for m in await store.monitors("CS1", 10)] == [3]
    await store.delete_monitors("CS1", [3, 99])
    assert await store.monitors("CS1", 10) == []
    await store.delete_monitors("CS2", None)
    assert await store.monitors("CS2", 10) == []


async def test_alert_states_are_raised_cleared_and_never_set_back_by_older_items_n07(
    store: MonitoringStore,
) -> None:
    await store.upsert_monitors("CS1", [monitor(7, severity=2, type="LowerThreshold")], NOW)

    (raised,) = await store.apply_alerts("CS1", [alert(1, NOW)], NOW)
    assert raised == AlertStateView(
        id=raised.id,
        station_id="CS1",
        variable_key="evse\x1f\x1f1\x1f\x1fpower\x1f",
        component="EVSE",
        component_instance=None,
        evse_id=1,
        connector_id=None,
        variable="Power",
        variable_instance=None,
        active=True,
        severity=2,
        trigger="Alerting",
        actual_value="23000",
        event_id=1,
        variable_monitoring_id=7,
        monitor_type="LowerThreshold",
        event_notification_type="CustomMonitor",
        event_at=NOW,
        raised_at=NOW,
        cleared_at=None,
        updated_at=NOW,
    )
    again = NOW + timedelta(minutes=1)
    cleared_at = NOW + timedelta(minutes=2)
    written = await store.apply_alerts(
        "CS1",
        [
            alert(2, again, actual_value="24000"),
            alert(3, cleared_at, active=False),
            alert(4, NOW + timedelta(seconds=30)),  # older than the state: ignored
        ],
        cleared_at,
    )
    assert [(s.event_id, s.active, s.raised_at) for s in written] == [
        (2, True, NOW),
        (3, False, NOW),
    ]
    assert written[1].cleared_at == cleared_at and written[1].id == raised.id

    # an unknown monitor gives no severity
    other = alert(5, NOW, variable="Voltage", variable_monitoring_id=99)
    (voltage,) = await store.apply_alerts("CS2", [other], NOW)
    assert (voltage.severity, voltage.monitor_type) == (None, None)

    assert await store.alerts(AlertFilter(), 10, None) == [voltage]
    everything = await store.alerts(AlertFilter(active_only=False), 10, None)
    assert [(s.station_id, s.event_id) for s in everything] == [("CS2", 5), ("CS1", 3)]
    assert await store.alerts(AlertFilter("CS1", active_only=False), 10, None) == [everything[1]]
    assert await store.alerts(AlertFilter(max_severity=9, active_only=False), 10, None) == [
        everything[1]
    ]
    assert await store.alerts(AlertFilter(active_only=False), 10, everything[0].id) == [
        everything[1]
    ]


def report_part(seq_no: int, tbc: bool) -> Part:
    return Part(
        station_id="CS1",
        seq_no=seq_no,
        tbc=tbc,
        generated_at=GENERATED,
        received_at=NOW + timedelta(seconds=seq_no),
    )


async def test_a_requested_report_completes_with_every_part_in_any_order_once_n02(
    store: MonitoringStore,
) -> None:
    request_id = await store.open_report("CS1", ["DeltaMonitoring"], None, NOW)
    assert request_id == 1
    assert await store.open_report("CS1", None, [{"component": {"name": "EVSE"}}], NOW) == 2
    assert await store.open_report("CS2", None, None, NOW) == 1

    await store.record_report_answer("CS1", 1, "Accepted", None)
    last = await store.receive_report_part("CS1", 1, report_part(2, False), 3)
    assert (last.duplicate, last.completed, last.report.final_seq_no) == (False, False, 2)
    repeated = await store.receive_report_part("CS1", 1, report_part(2, False), 3)
    assert (repeated.duplicate, repeated.report.parts) == (True, 1)
    await store.receive_report_part("CS1", 1, report_part(0, True), 1)
    done = await store.receive_report_part("CS1", 1, report_part(1, True), 2)
    assert (done.duplicate, done.completed) == (False, True)
    assert done.report == MonitoringReportRecord(
        station_id="CS1",
        request_id=1,
        criteria=["DeltaMonitoring"],
        component_variables=None,
        requested_at=NOW,
        outcome="RESULT",
        error_code=None,
        status="Accepted",
        status_reason=None,
        parts=3,
        monitors=6,
        final_seq_no=2,
        last_part_at=NOW + timedelta(seconds=1),
        completed_at=NOW + timedelta(seconds=1),
    )
    assert await store.report("CS1", 1) == done.report
    after = await store.receive_report_part("CS1", 1, report_part(3, False), 1)
    assert (after.completed, after.report.completed_at) == (False, done.report.completed_at)

    await store.record_report_outcome("CS1", 2, "TIMEOUT", None)
    reports = await store.reports("CS1", 10)
    assert [(r.request_id, r.outcome) for r in reports] == [(2, "TIMEOUT"), (1, "RESULT")]
    assert reports[0].component_variables == [{"component": {"name": "EVSE"}}]
    assert await store.reports("CS1", 1) == reports[:1]
    assert await store.report("CS1", 9) is None


async def test_an_unrequested_report_starts_at_its_lowest_part_n02(
    store: MonitoringStore,
) -> None:
    first = await store.receive_report_part("CS1", 40, report_part(5, True), 1)
    assert not first.completed
    done = await store.receive_report_part("CS1", 40, report_part(6, False), 1)
    assert done.completed and done.report.requested_at is None
    await store.record_report_answer("CS1", 41, "Rejected", "NoMonitors")
    answered = await store.report("CS1", 41)
    assert answered is not None
    assert (answered.status, answered.status_reason, answered.requested_at) == (
        "Rejected",
        "NoMonitors",
        None,
    )


async def device_value(store: MonitoringStore, station_id: str, key: str, value: str) -> None:
    """Store an Actual value in the station's device model, as the device-model block does."""
    if isinstance(store, MemoryMonitoringStore):
        store.device_values[(station_id, key)] = value
        return
    variable = await DeviceVariable.create(
        station_id=station_id,
        key=key,
        component_name="MonitoringCtrlr",
        variable_name="ItemsPerMessage",
        updated_at=NOW,
    )
    await DeviceAttribute.create(variable=variable, type="Actual", value=value, updated_at=NOW)


async def test_the_message_limits_are_read_from_the_device_model_n04_fr_09(
    store: MonitoringStore,
) -> None:
    items, size = limit_keys("SetVariableMonitoring")
    assert items == "monitoringctrlr\x1f\x1f\x1f\x1fitemspermessage\x1fsetvariablemonitoring"
    await device_value(store, "CS1", items, "4")
    await device_value(store, "CS2", size, "2048")

    assert await store.limit_values("CS1", [items, size]) == {items: "4"}
    assert await store.limit_values("CS2", [items, size]) == {size: "2048"}


async def test_the_accepted_base_and_level_are_kept_n03_n05(store: MonitoringStore) -> None:
    later = NOW + timedelta(minutes=1)
    assert await store.monitoring_state("CS1") is None
    await store.set_monitoring_state("CS1", NOW)
    assert await store.monitoring_state("CS1") is None
    await store.set_monitoring_state("CS1", NOW, level=4)
    await store.set_monitoring_state("CS1", later, base="HardWiredOnly")
    await store.set_monitoring_state("CS2", later, base="All")

    assert await store.monitoring_state("CS1") == MonitoringStateView(
        station_id="CS1",
        monitoring_base="HardWiredOnly",
        base_set_at=later,
        monitoring_level=4,
        level_set_at=NOW,
    )
    await store.set_monitoring_state("CS1", later, level=9)
    state = await store.monitoring_state("CS1")
    assert state is not None and (state.monitoring_level, state.level_set_at) == (9, later)
    assert state.monitoring_base == "HardWiredOnly"
