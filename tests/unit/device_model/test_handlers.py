"""NotifyReport on the memory store: parts stored as they arrive, a repeated seqNo once,
REPORT_COMPLETED once when every part up to the final one arrived (B07.FR.03/04/10, B08,
TC_B_12_CSMS, TC_B_13_CSMS)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ocpp.v201 import call, call_result

from modules.device_model import MemoryDeviceModelStore, ReportCompleted, VariableRef
from modules.device_model.handlers import DeviceModelHandlers
from modules.device_model.records import RequestedReport, VariableFilter
from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.support.device_model import notify_report


def _ctx(minutes: int = 0) -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m", now=NOW + timedelta(minutes=minutes))


def _item(component: str, variable: str, value: str, **characteristics: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "component": {"name": component},
        "variable": {"name": variable},
        "variableAttribute": [{"value": value, "mutability": "ReadWrite"}],
    }
    if characteristics:
        item["variableCharacteristics"] = {"supportsMonitoring": False, **characteristics}
    return item


def _part(request_id: int, seq_no: int, tbc: bool, *items: dict[str, Any]) -> call.NotifyReport:
    return codec.decode(call.NotifyReport, notify_report(request_id, seq_no, tbc, list(items)))


async def _requested(store: MemoryDeviceModelStore, base: str = "FullInventory") -> int:
    store.add_station(STATION)
    request_id = await store.open_request(STATION, RequestedReport("GetBaseReport", base), NOW)
    assert request_id is not None
    return request_id


async def test_parts_out_of_order_complete_with_the_last_missing_one() -> None:
    store = MemoryDeviceModelStore()
    handlers = DeviceModelHandlers(store)
    request_id = await _requested(store)
    contexts = [_ctx(1), _ctx(2), _ctx(3)]

    answers = [
        await handlers.notify_report(
            contexts[0], _part(request_id, 2, False, _item("C", "Z", "3"))
        ),
        await handlers.notify_report(contexts[1], _part(request_id, 0, True, _item("C", "X", "1"))),
        await handlers.notify_report(contexts[2], _part(request_id, 1, True, _item("C", "Y", "2"))),
    ]

    assert answers == [call_result.NotifyReport()] * 3
    assert [ctx.events for ctx in contexts[:2]] == [[], []]
    assert contexts[2].events == [
        ReportCompleted(
            station_id=STATION,
            occurred_at=NOW + timedelta(minutes=3),
            request_id=request_id,
            parts=3,
            variables=3,
            kind="GetBaseReport",
            report_base="FullInventory",
        )
    ]
    report = await store.report(STATION, request_id)
    assert report is not None
    assert (report.final_seq_no, report.completed_at) == (2, NOW + timedelta(minutes=3))
    rows = await store.variables(STATION, VariableFilter(10, "c"))
    assert [(row.variable, row.value, row.mutability) for row in rows] == [
        ("X", "1", "ReadWrite"),
        ("Y", "2", "ReadWrite"),
        ("Z", "3", "ReadWrite"),
    ]


async def test_a_repeated_part_is_stored_once_and_completes_nothing_again() -> None:
    store = MemoryDeviceModelStore()
    handlers = DeviceModelHandlers(store)
    request_id = await _requested(store)
    first, again = _ctx(1), _ctx(2)

    await handlers.notify_report(first, _part(request_id, 0, False, _item("C", "X", "1")))
    await handlers.notify_report(again, _part(request_id, 0, False, _item("C", "X", "changed")))

    assert [type(event) for event in first.events] == [ReportCompleted]
    assert again.events == []
    report = await store.report(STATION, request_id)
    assert report is not None and (report.parts, report.variables) == (1, 1)
    (row,) = await store.variables(STATION, VariableFilter(10))
    assert row.value == "1"


async def test_a_requested_report_waits_for_seq_no_0() -> None:
    """B07.FR.10: the first part of a report has seqNo 0."""
    store = MemoryDeviceModelStore()
    handlers = DeviceModelHandlers(store)
    request_id = await _requested(store)
    ctx = _ctx()

    await handlers.notify_report(ctx, _part(request_id, 1, False, _item("C", "X", "1")))

    assert ctx.events == []


async def test_a_report_this_csms_did_not_request_starts_at_its_lowest_seq_no() -> None:
    store = MemoryDeviceModelStore()
    handlers = DeviceModelHandlers(store)
    store.add_station(STATION)
    contexts = [_ctx(), _ctx(), _ctx()]

    for ctx, seq_no in zip(contexts, (5, 6, 7), strict=True):
        await handlers.notify_report(ctx, _part(4242, seq_no, seq_no != 7, _item("C", "X", "1")))

    assert [len(ctx.events) for ctx in contexts] == [0, 0, 1]
    completed = contexts[2].events[0]
    assert isinstance(completed, ReportCompleted)
    assert (completed.request_id, completed.kind, completed.report_base) == (4242, None, None)
    assert completed.payload == {
        "requestId": 4242,
        "parts": 3,
        "variables": 3,
        "kind": None,
        "reportBase": None,
    }


async def test_a_part_without_report_data_is_counted() -> None:
    store = MemoryDeviceModelStore()
    handlers = DeviceModelHandlers(store)
    request_id = await _requested(store, "SummaryInventory")
    ctx = _ctx()

    await handlers.notify_report(ctx, _part(request_id, 0, False))

    (event,) = ctx.events
    assert isinstance(event, ReportCompleted)
    assert (event.parts, event.variables, event.report_base) == (1, 0, "SummaryInventory")
    assert await store.variables(STATION, VariableFilter(10)) == []


async def test_characteristics_stay_when_a_later_part_has_none() -> None:
    store = MemoryDeviceModelStore()
    handlers = DeviceModelHandlers(store)
    request_id = await _requested(store)

    await handlers.notify_report(
        _ctx(), _part(request_id, 0, True, _item("C", "X", "1", dataType="integer", maxLimit=9))
    )
    await handlers.notify_report(_ctx(1), _part(request_id, 1, False, _item("C", "X", "2")))

    (row,) = await store.variables(STATION, VariableFilter(10))
    assert (row.key, row.value, row.data_type, row.max_limit) == (
        VariableRef("C", "X").key,
        "2",
        "integer",
        9,
    )
