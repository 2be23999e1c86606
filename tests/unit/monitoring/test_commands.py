"""The monitoring commands on the memory store: requests built from an operator's arguments
(schema-valid, refused before sending when they cannot be meant), and the result handlers
that store what the station answered (N03-N06) and announce it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ocpp.v201 import call, call_result, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand
from modules.kernel.routing import HandlerContext
from modules.monitoring import (
    ClearVariableMonitoring,
    MonitorClearStatus,
    MonitoringBaseSet,
    MonitoringLevelSet,
    MonitorsCleared,
    MonitorSelector,
    MonitorSetStatus,
    MonitorSetting,
    MonitorsSet,
    clear_variable_monitoring,
    set_monitoring_base,
    set_monitoring_level,
    set_variable_monitoring,
)
from modules.monitoring.commands import CommandResults, component_variables
from modules.monitoring.memory_store import MemoryMonitoringStore
from modules.monitoring.records import MonitorInput

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
POWER = MonitorSetting(
    component="EVSE",
    variable="Power",
    evse_id=1,
    type=enums.MonitorEnumType.upper_threshold,
    value=22000,
    severity=2,
)
TEMPERATURE = MonitorSetting(
    component="ChargingStation",
    variable="Temperature",
    type=enums.MonitorEnumType.periodic,
    value=900,
    severity=8,
    transaction=True,
    id=5,
)


def context() -> HandlerContext:
    return HandlerContext(station_id="CS1", message_id="m1", now=NOW)


def test_set_variable_monitoring_is_schema_valid_n04() -> None:
    request = set_variable_monitoring([POWER, TEMPERATURE])
    payload = codec.encode(request)
    schemas.validate("SetVariableMonitoring", "Request", payload)
    assert payload["setMonitoringData"][0] == {
        "value": 22000,
        "type": "UpperThreshold",
        "severity": 2,
        "component": {"name": "EVSE", "evse": {"id": 1}},
        "variable": {"name": "Power"},
        "transaction": False,
    }
    assert payload["setMonitoringData"][1]["id"] == 5


def test_a_connector_without_its_evse_is_refused() -> None:
    without_evse = MonitorSetting(
        component="Connector",
        variable="AvailabilityState",
        connector_id=1,
        type=enums.MonitorEnumType.delta,
        value=1,
        severity=3,
    )
    with pytest.raises(InvalidCommand) as refused:
        set_variable_monitoring([POWER, without_evse])
    assert refused.value.field == "items[1].connectorId"
    with pytest.raises(InvalidCommand) as refused:
        component_variables([MonitorSelector("EVSE", None, variable_instance="Max")])
    assert refused.value.field == "componentVariables[0].variableInstance"


def test_the_other_requests_are_schema_valid_n03_n05_n06() -> None:
    schemas.validate(
        "ClearVariableMonitoring", "Request", codec.encode(clear_variable_monitoring([1, 2]))
    )
    base = set_monitoring_base(enums.MonitorBaseEnumType.factory_default)
    assert codec.encode(base) == {"monitoringBase": "FactoryDefault"}
    assert codec.encode(set_monitoring_level(4)) == {"severity": 4}
    with pytest.raises(InvalidCommand):
        set_monitoring_level(12)


def set_result(setting: MonitorSetting, status: str, monitor_id: int | None) -> dict[str, object]:
    component: dict[str, object] = {"name": setting.component}
    if setting.evse_id is not None:
        component["evse"] = {"id": setting.evse_id}
    result: dict[str, object] = {
        "status": status,
        "type": setting.type.value,
        "severity": setting.severity,
        "component": component,
        "variable": {"name": setting.variable},
    }
    if monitor_id is not None:
        result["id"] = monitor_id
    return result


async def test_accepted_monitors_are_stored_with_the_value_asked_n04_fr_08() -> None:
    store = MemoryMonitoringStore()
    ctx = context()
    request = set_variable_monitoring([POWER, TEMPERATURE])
    # answered out of order: each result is matched to the item it answers
    response = codec.decode(
        call_result.SetVariableMonitoring,
        {
            "setMonitoringResult": [
                set_result(TEMPERATURE, "Accepted", 5),
                set_result(POWER, "Rejected", None),
            ]
        },
    )

    await CommandResults(store).set_variable_monitoring_result(ctx, request, response)

    (stored,) = await store.monitors("CS1", 10)
    assert (stored.monitor_id, stored.variable, stored.value, stored.transaction) == (
        5,
        "Temperature",
        900.0,
        True,
    )
    assert ctx.events == [
        MonitorsSet(
            station_id="CS1",
            occurred_at=NOW,
            results=(
                MonitorSetStatus(
                    id=5,
                    status="Accepted",
                    type="Periodic",
                    severity=8,
                    component="ChargingStation",
                    variable="Temperature",
                ),
                MonitorSetStatus(
                    id=None,
                    status="Rejected",
                    type="UpperThreshold",
                    severity=2,
                    component="EVSE",
                    variable="Power",
                ),
            ),
        )
    ]


def stored(monitor_id: int) -> MonitorInput:
    return MonitorInput(
        component="EVSE",
        variable="Power",
        monitor_id=monitor_id,
        type="Delta",
        value=1.0,
        severity=3,
        transaction=False,
        source="SetVariableMonitoring",
    )


async def test_cleared_and_unknown_ids_are_forgotten_rejected_ones_kept_n06() -> None:
    store = MemoryMonitoringStore()
    await store.upsert_monitors("CS1", [stored(1), stored(2), stored(3)], NOW)
    ctx = context()
    response = codec.decode(
        ClearVariableMonitoring,
        {
            "clearMonitoringResult": [
                {"status": "Accepted", "id": 1},
                {"status": "NotFound", "id": 2},
                {"status": "Rejected", "id": 3},
            ]
        },
    )

    await CommandResults(store).clear_variable_monitoring_result(
        ctx, clear_variable_monitoring([1, 2, 3]), response
    )

    assert [m.monitor_id for m in await store.monitors("CS1", 10)] == [3]
    assert ctx.events == [
        MonitorsCleared(
            station_id="CS1",
            occurred_at=NOW,
            results=(
                MonitorClearStatus(id=1, status="Accepted"),
                MonitorClearStatus(id=2, status="NotFound"),
                MonitorClearStatus(id=3, status="Rejected"),
            ),
        )
    ]


@pytest.mark.parametrize(
    ("base", "status", "left"),
    [
        (enums.MonitorBaseEnumType.all, "Accepted", [1]),
        (enums.MonitorBaseEnumType.factory_default, "Accepted", []),
        (enums.MonitorBaseEnumType.hard_wired_only, "Accepted", []),
        (enums.MonitorBaseEnumType.hard_wired_only, "NotSupported", [1]),
    ],
)
async def test_a_monitoring_base_that_drops_custom_monitors_forgets_them_n03(
    base: enums.MonitorBaseEnumType, status: str, left: list[int]
) -> None:
    store = MemoryMonitoringStore()
    await store.upsert_monitors("CS1", [stored(1)], NOW)
    ctx = context()
    response = codec.decode(call_result.SetMonitoringBase, {"status": status})

    await CommandResults(store).set_monitoring_base_result(ctx, set_monitoring_base(base), response)

    assert [m.monitor_id for m in await store.monitors("CS1", 10)] == left
    state = await store.monitoring_state("CS1")
    kept = state.monitoring_base if state else None
    assert kept == (base.value if status == "Accepted" else None)
    assert ctx.events == [
        MonitoringBaseSet(
            station_id="CS1", occurred_at=NOW, status=status, monitoring_base=base.value
        )
    ]


async def test_the_level_answer_is_announced_and_an_accepted_one_kept_n05() -> None:
    store = MemoryMonitoringStore()
    accepted = codec.decode(call_result.SetMonitoringLevel, {"status": "Accepted"})
    await CommandResults(store).set_monitoring_level_result(
        context(), call.SetMonitoringLevel(severity=3), accepted
    )
    ctx = context()
    response = codec.decode(
        call_result.SetMonitoringLevel,
        {"status": "Rejected", "statusInfo": {"reasonCode": "OutOfRange"}},
    )
    await CommandResults(store).set_monitoring_level_result(
        ctx, call.SetMonitoringLevel(severity=9), response
    )
    state = await store.monitoring_state("CS1")
    assert state is not None and (state.monitoring_level, state.level_set_at) == (3, NOW)
    assert ctx.events == [
        MonitoringLevelSet(
            station_id="CS1",
            occurred_at=NOW,
            status="Rejected",
            reason_code="OutOfRange",
            severity=9,
        )
    ]


async def test_the_report_answer_is_recorded_on_its_report_n02() -> None:
    store = MemoryMonitoringStore()
    request_id = await store.open_report("CS1", None, None, NOW)
    assert request_id is not None
    response = codec.decode(call_result.GetMonitoringReport, {"status": "Accepted"})

    await CommandResults(store).get_monitoring_report_result(
        context(), call.GetMonitoringReport(request_id=request_id), response
    )

    report = await store.report("CS1", request_id)
    assert report is not None and (report.outcome, report.status) == ("RESULT", "Accepted")
