"""The device-model store contract: the same behaviour from `MemoryDeviceModelStore` and
`SqlDeviceModelStore` (SQLite and PostgreSQL), so the twin the unit tests use cannot drift
from the real store."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from infra.db.models import Station
from modules.device_model import (
    DeviceModelStore,
    MemoryDeviceModelStore,
    SqlDeviceModelStore,
    VariableRef,
)
from modules.device_model.records import (
    AttributeRow,
    Characteristics,
    DeviceModelRows,
    ReportPart,
    ReportRequestAnswer,
    RequestedReport,
    VariableFilter,
    VariableRow,
)
from tests.support.clock import NOW, STATION
from tests.support.stores import store_fixture


@dataclass
class Harness:
    """A store and the way to make a station known to it."""

    store: DeviceModelStore
    station: Callable[..., Awaitable[None]]


async def _sql_station(station_id: str, last_boot_at: datetime | None = None) -> None:
    await Station.create(id=station_id, last_boot_at=last_boot_at)


def _memory_harness() -> Harness:
    memory = MemoryDeviceModelStore()

    async def add(station_id: str, last_boot_at: datetime | None = None) -> None:
        memory.add_station(station_id, last_boot_at)

    return Harness(memory, add)


harness = store_fixture(_memory_harness, lambda: Harness(SqlDeviceModelStore(), _sql_station))
"""The memory store, or the SQL store on a fresh migrated database."""


def _ref(component: str, variable: str, **ids: int) -> VariableRef:
    return VariableRef(
        component, variable, evse_id=ids.get("evse"), connector_id=ids.get("connector")
    )


async def test_rows_are_read_back_in_key_order_filtered_and_paged(harness: Harness) -> None:
    store = harness.store
    await harness.station(STATION)
    await harness.station("OTHER")
    refs = [_ref("b", "x"), _ref("a", "y"), _ref("a", "x", evse=1), _ref("A", "z")]
    variables = [VariableRow(ref) for ref in refs]
    attributes = [AttributeRow(ref.key, "Actual", str(index)) for index, ref in enumerate(refs)]
    attributes.append(AttributeRow(refs[1].key, "MaxSet", "99"))
    await store.write_rows(STATION, DeviceModelRows(variables, attributes), NOW)
    await store.write_rows("OTHER", DeviceModelRows(variables[:1], attributes[:1]), NOW)

    rows = await store.variables(STATION, VariableFilter(100))
    assert [(row.component, row.variable, row.type, row.value) for row in rows] == [
        ("a", "y", "Actual", "1"),
        ("a", "y", "MaxSet", "99"),
        ("A", "z", "Actual", "3"),
        ("a", "x", "Actual", "2"),  # an EVSE id sorts after an absent one
        ("b", "x", "Actual", "0"),
    ]
    assert rows[3].evse_id == 1 and rows[3].updated_at == NOW
    filtered = await store.variables(STATION, VariableFilter(100, "A", "Y"))
    assert [(row.variable, row.type) for row in filtered] == [("y", "Actual"), ("y", "MaxSet")]
    page = await store.variables(STATION, VariableFilter(1, after=(rows[0].key, rows[0].type)))
    assert [(row.variable, row.type) for row in page] == [("y", "MaxSet")]
    page = await store.variables(STATION, VariableFilter(2, after=(rows[1].key, rows[1].type)))
    assert [(row.variable, row.type) for row in page] == [("z", "Actual"), ("x", "Actual")]


async def test_a_write_without_characteristics_or_mutability_keeps_the_reported_ones(
    harness: Harness,
) -> None:
    store = harness.store
    await harness.station(STATION)
    ref = _ref("C", "V")
    reported = Characteristics("integer", True, unit="s", min_limit=0, max_limit=9)
    await store.write_rows(
        STATION,
        DeviceModelRows(
            [VariableRow(ref, reported)],
            [AttributeRow(ref.key, "Actual", "1", "ReadWrite", True, False)],
        ),
        NOW,
    )
    later = NOW + timedelta(minutes=1)
    await store.write_rows(
        STATION,
        DeviceModelRows([VariableRow(_ref("c", "v"))], [AttributeRow(ref.key, "Actual", "2")]),
        later,
    )

    (row,) = await store.variables(STATION, VariableFilter(10))
    assert (row.component, row.variable, row.value, row.updated_at) == ("c", "v", "2", later)
    assert (row.mutability, row.persistent, row.constant) == ("ReadWrite", True, False)
    assert (row.data_type, row.supports_monitoring, row.unit, row.min_limit, row.max_limit) == (
        "integer",
        True,
        "s",
        0,
        9,
    )


async def test_request_ids_are_allocated_per_station(harness: Harness) -> None:
    store = harness.store
    await harness.station(STATION)
    await harness.station("OTHER")
    wanted = RequestedReport("GetReport", None, {"componentCriteria": ["Problem"]})

    assert await store.open_request(STATION, wanted, NOW) == 1
    assert await store.open_request(STATION, RequestedReport("GetBaseReport", "X"), NOW) == 2
    assert await store.open_request("OTHER", wanted, NOW) == 1
    assert await store.open_request("NOBODY", wanted, NOW) is None

    reports = await store.reports(STATION, 10)
    assert [(r.request_id, r.kind, r.report_base) for r in reports] == [
        (2, "GetBaseReport", "X"),
        (1, "GetReport", None),
    ]
    assert (reports[1].request, reports[1].requested_at) == (wanted.details, NOW)
    assert [r.request_id for r in await store.reports(STATION, 1)] == [2]
    assert await store.report(STATION, 3) is None


async def test_outcomes_and_answers_are_recorded(harness: Harness) -> None:
    store = harness.store
    await harness.station(STATION)
    wanted = RequestedReport("GetBaseReport", "FullInventory")
    first = await store.open_request(STATION, wanted, NOW)
    second = await store.open_request(STATION, wanted, NOW)
    assert first is not None and second is not None

    await store.record_outcome(STATION, first, "TIMEOUT", None)
    await store.record_answer(STATION, ReportRequestAnswer(second, wanted, "Rejected", "Busy"), NOW)
    sent_elsewhere = RequestedReport("GetReport", None, {"componentCriteria": ["Active"]})
    await store.record_answer(
        STATION, ReportRequestAnswer(50, sent_elsewhere, "Accepted", None), NOW
    )

    timed_out = await store.report(STATION, first)
    answered = await store.report(STATION, second)
    other = await store.report(STATION, 50)
    assert timed_out is not None and answered is not None and other is not None
    assert (timed_out.outcome, timed_out.status, timed_out.error_code) == ("TIMEOUT", None, None)
    assert (answered.outcome, answered.status, answered.status_reason) == (
        "RESULT",
        "Rejected",
        "Busy",
    )
    assert (other.kind, other.request, other.status, other.requested_at) == (
        "GetReport",
        {"componentCriteria": ["Active"]},
        "Accepted",
        NOW,
    )


async def test_parts_are_counted_once_and_complete_the_report(harness: Harness) -> None:
    store = harness.store
    await harness.station(STATION)
    request_id = await store.open_request(STATION, RequestedReport("GetBaseReport", "F"), NOW)
    assert request_id is not None

    def part(seq_no: int, tbc: bool, items: int = 2) -> ReportPart:
        return ReportPart(request_id or 0, seq_no, tbc, items, NOW)

    late = NOW + timedelta(minutes=2)
    outcomes = [
        await store.receive_part(STATION, part(1, False), NOW),
        await store.receive_part(STATION, part(1, False), NOW),
        await store.receive_part(STATION, part(0, True, 3), late),
    ]

    assert [(o.duplicate, o.completed) for o in outcomes] == [
        (False, False),
        (True, False),
        (False, True),
    ]
    report = outcomes[2].report
    assert (report.parts, report.variables, report.final_seq_no) == (2, 5, 1)
    assert (report.kind, report.last_part_at, report.completed_at) == ("GetBaseReport", late, late)
    again = await store.receive_part(STATION, part(2, False), late)
    assert (again.duplicate, again.completed, again.report.final_seq_no) == (False, False, 1)


async def test_a_report_nobody_requested_starts_with_its_parts(harness: Harness) -> None:
    store = harness.store
    await harness.station(STATION)

    first = await store.receive_part(STATION, ReportPart(900, 5, True, 1, NOW), NOW)
    last = await store.receive_part(STATION, ReportPart(900, 6, False, 1, NOW), NOW)
    await store.record_answer(
        STATION,
        ReportRequestAnswer(900, RequestedReport("GetBaseReport", "F"), "Accepted", None),
        NOW,
    )

    assert (first.completed, last.completed, last.report.kind) == (False, True, None)
    report = await store.report(STATION, 900)
    assert report is not None
    assert (report.kind, report.report_base, report.parts, report.status) == (
        "GetBaseReport",
        "F",
        2,
        "Accepted",
    )


async def test_the_reboot_flag_and_the_last_boot(harness: Harness) -> None:
    store = harness.store
    booted = NOW - timedelta(hours=1)
    await harness.station(STATION, booted)

    before = await store.device_state(STATION)
    await store.flag_reboot_required(STATION, NOW)
    await store.flag_reboot_required(STATION, NOW + timedelta(minutes=1))
    after = await store.device_state(STATION)

    assert before is not None and after is not None
    assert (before.reboot_required_at, before.last_boot_at) == (None, booted)
    assert (after.station_id, after.reboot_required_at) == (STATION, NOW + timedelta(minutes=1))
    assert await store.device_state("NOBODY") is None


async def test_actual_values_by_variable_key(harness: Harness) -> None:
    """What B05/B06 splitting reads: the Actual values of the named variables only."""
    store = harness.store
    await harness.station(STATION)
    await harness.station("OTHER")
    items = VariableRef("DeviceDataCtrlr", "ItemsPerMessage", variable_instance="GetVariables")
    other = VariableRef("DeviceDataCtrlr", "ItemsPerMessage", variable_instance="SetVariables")
    rows = DeviceModelRows(
        [VariableRow(items), VariableRow(other)],
        [
            AttributeRow(items.key, "Actual", "4"),
            AttributeRow(items.key, "MaxSet", "9"),
            AttributeRow(other.key, "Target", "7"),
        ],
    )
    await store.write_rows(STATION, rows, NOW)
    await store.write_rows("OTHER", DeviceModelRows([VariableRow(items)], []), NOW)

    assert await store.actual_values(STATION, [items.key, other.key, "absent"]) == {items.key: "4"}
    assert await store.actual_values("OTHER", [items.key]) == {}
    assert await store.actual_values(STATION, []) == {}


async def test_the_heartbeat_interval_set_and_adopted(harness: Harness) -> None:
    """set: kept for the station's boots; adopt: the stored Actual value follows a boot's
    interval, only where the device model has the variable."""
    store = harness.store
    await harness.station(STATION)
    await harness.station("OTHER")
    await store.set_heartbeat_interval(STATION, 120)
    await store.set_heartbeat_interval(STATION, 90)
    ref = VariableRef("OCPPCommCtrlr", "HeartbeatInterval")
    rows = DeviceModelRows([VariableRow(ref)], [AttributeRow(ref.key, "Actual", "3600")])
    await store.write_rows(STATION, rows, NOW)

    later = NOW + timedelta(minutes=1)
    await store.adopt_heartbeat_interval(STATION, 300, later)
    await store.adopt_heartbeat_interval("OTHER", 300, later)

    (row,) = await store.variables(STATION, VariableFilter(10))
    assert (row.value, row.updated_at) == ("300", later)
    assert await store.variables("OTHER", VariableFilter(10)) == []
