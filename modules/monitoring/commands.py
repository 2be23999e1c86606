"""The monitoring commands (CSMS -> station): SetVariableMonitoring (N04),
ClearVariableMonitoring (N06), SetMonitoringBase (N03) and SetMonitoringLevel (N05) built from
an operator's arguments; the GetMonitoringReport (N02) workflow (allocate a request id, send,
record the outcome); and the result handlers that store what the station answered (each in
the answer's transaction; events go out after the commit)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand, send
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields, evse_of
from modules.kernel.ports import CommandSender
from modules.kernel.records import component_variable
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.monitoring import payloads
from modules.monitoring.events import (
    MonitorClearStatus,
    MonitoringBaseSet,
    MonitoringLevelSet,
    MonitorsCleared,
    MonitorSetStatus,
    MonitorsSet,
)
from modules.monitoring.policy import (
    BASES_DROPPING_CUSTOM,
    DEFAULT_REPORT_TIMEOUT_SECONDS,
    GONE_AFTER_CLEAR,
    check_level,
    check_monitor,
    judge,
)
from modules.monitoring.records import JudgedReport, MonitorInput
from modules.monitoring.store import MonitoringStore


@dataclass(frozen=True, slots=True)
class MonitorSetting:
    """One SetMonitoringData: what to monitor, how (type, value, severity, during
    transactions only) and, to replace a monitor, its id on the station."""

    component: str
    variable: str
    type: enums.MonitorEnumType
    value: float
    severity: int
    transaction: bool = False
    id: int | None = None
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None


@dataclass(frozen=True, slots=True)
class MonitorSelector:
    """One GetMonitoringReport componentVariable: a component and, optionally, one of its
    variables."""

    component: str
    variable: str | None = None
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None


def _component(
    where: str, name: str, instance: str | None, evse_id: int | None, connector_id: int | None
) -> datatypes.ComponentType:
    if connector_id is not None and evse_id is None:
        raise InvalidCommand(f"{where}.connectorId", "needs evseId")
    return datatypes.ComponentType(
        name=name, instance=instance, evse=evse_of(evse_id, connector_id)
    )


def set_variable_monitoring(items: Sequence[MonitorSetting]) -> call.SetVariableMonitoring:
    """N04: the SetVariableMonitoring request; InvalidCommand naming the first item that
    cannot be what the operator means."""
    data: list[datatypes.SetMonitoringDataType] = []
    for index, item in enumerate(items):
        check_monitor(index, item.type.value, item.value, item.severity)
        component = _component(
            f"items[{index}]",
            item.component,
            item.component_instance,
            item.evse_id,
            item.connector_id,
        )
        data.append(
            datatypes.SetMonitoringDataType(
                value=item.value,
                type=item.type,
                severity=item.severity,
                component=component,
                variable=datatypes.VariableType(
                    name=item.variable, instance=item.variable_instance
                ),
                id=item.id,
                transaction=item.transaction,
            )
        )
    return call.SetVariableMonitoring(set_monitoring_data=data)


def clear_variable_monitoring(ids: Sequence[int]) -> call.ClearVariableMonitoring:
    """N06: the ClearVariableMonitoring request."""
    return call.ClearVariableMonitoring(id=list(ids))


def set_monitoring_base(base: enums.MonitorBaseEnumType) -> call.SetMonitoringBase:
    """N03: the SetMonitoringBase request."""
    return call.SetMonitoringBase(monitoring_base=base)


def set_monitoring_level(severity: int) -> call.SetMonitoringLevel:
    """N05: the SetMonitoringLevel request; InvalidCommand for a severity outside 0-9."""
    check_level(severity)
    return call.SetMonitoringLevel(severity=severity)


def component_variables(
    selectors: Sequence[MonitorSelector],
) -> list[datatypes.ComponentVariableType]:
    """GetMonitoringReport's componentVariable entries; InvalidCommand when one does not fit."""
    entries: list[datatypes.ComponentVariableType] = []
    for index, item in enumerate(selectors):
        where = f"componentVariables[{index}]"
        component = _component(
            where, item.component, item.component_instance, item.evse_id, item.connector_id
        )
        if item.variable is None and item.variable_instance is not None:
            raise InvalidCommand(f"{where}.variableInstance", "needs variable")
        variable = (
            datatypes.VariableType(name=item.variable, instance=item.variable_instance)
            if item.variable is not None
            else None
        )
        entries.append(datatypes.ComponentVariableType(component=component, variable=variable))
    return entries


@dataclass(frozen=True, slots=True)
class MonitoringReportOutcome:
    """What a GetMonitoringReport request did: the allocated request id (None for an unknown
    station: nothing was sent, the outcome is OFFLINE), how the call ended, the station's
    answer, and the report as stored afterwards."""

    outcome: Outcome
    request_id: int | None = None
    answer: call_result.GetMonitoringReport | None = None
    error_code: str | None = None
    error_description: str | None = None
    report: JudgedReport | None = None


class MonitoringReports:
    """GetMonitoringReport (N02) with request ids this CSMS allocates."""

    def __init__(
        self,
        store: MonitoringStore,
        sender: CommandSender,
        now: Callable[[], datetime],
        report_timeout: float = DEFAULT_REPORT_TIMEOUT_SECONDS,
    ) -> None:
        self._store = store
        self._sender = sender
        self._now = now
        self._report_timeout = report_timeout

    async def get_monitoring_report(
        self,
        station_id: str,
        selectors: Sequence[MonitorSelector] = (),
        criteria: Sequence[enums.MonitoringCriterionEnumType] = (),
        timeout: float | None = None,
    ) -> MonitoringReportOutcome:
        """N02: ask the station for its monitors (all of them, or those the criteria and
        component-variables select) under a new request id; InvalidCommand or the schema's
        OcppError before an id is allocated when the arguments cannot form a request."""
        entries = component_variables(selectors) or None
        wanted = list(criteria) or None

        def request(request_id: int) -> call.GetMonitoringReport:
            return call.GetMonitoringReport(
                request_id=request_id, component_variable=entries, monitoring_criteria=wanted
            )

        payload = codec.encode(request(0))
        schemas.validate("GetMonitoringReport", "Request", payload)
        criteria_texts = [item.value for item in wanted] if wanted else None
        asked: list[dict[str, Any]] | None = payload.get("componentVariable")
        request_id = await self._store.open_report(station_id, criteria_texts, asked, self._now())
        if request_id is None:
            return MonitoringReportOutcome(outcome=Outcome.OFFLINE)
        result = await send(
            self._sender, station_id, request(request_id), call_result.GetMonitoringReport, timeout
        )
        if not result.answered:
            await self._store.record_report_outcome(
                station_id, request_id, result.outcome.value, result.error_code
            )
        report = await self._store.report(station_id, request_id)
        return MonitoringReportOutcome(
            outcome=result.outcome,
            request_id=request_id,
            answer=result.response,
            error_code=result.error_code,
            error_description=result.error_description,
            report=judge(report, self._now(), self._report_timeout) if report else None,
        )


def _monitor_of(
    result: datatypes.SetMonitoringResultType, asked: datatypes.SetMonitoringDataType
) -> MonitorInput | None:
    """The monitor an Accepted result set (None when it set none)."""
    if result.status is not enums.SetMonitoringStatusEnumType.accepted or result.id is None:
        return None
    return MonitorInput(
        **component_variable(result.component, result.variable),
        monitor_id=result.id,
        type=result.type.value,
        value=float(asked.value),
        severity=result.severity,
        transaction=bool(asked.transaction),
        source="SetVariableMonitoring",
    )


def _same_monitor(
    result: datatypes.SetMonitoringResultType, asked: datatypes.SetMonitoringDataType
) -> bool:
    """Whether `result` answers `asked` (same component, variable, type and severity)."""
    return (
        component_variable(result.component, result.variable)
        == component_variable(asked.component, asked.variable)
        and result.type == asked.type
        and result.severity == asked.severity
    )


def set_monitors(
    asked: Sequence[datatypes.SetMonitoringDataType],
    results: Sequence[datatypes.SetMonitoringResultType],
) -> list[MonitorInput]:
    """N04.FR.01/02: the monitors the answer set, each with the value of the item it answers
    (the item at its position when that is the same monitor, else the first such item)."""
    monitors: list[MonitorInput] = []
    for index, result in enumerate(results):
        item = asked[index] if index < len(asked) else None
        if item is None or not _same_monitor(result, item):
            item = next((other for other in asked if _same_monitor(result, other)), None)
        monitor = _monitor_of(result, item) if item is not None else None
        if monitor is not None:
            monitors.append(monitor)
    return monitors


class CommandResults(OnStore[MonitoringStore]):
    """The result handlers of the monitoring commands, on the block's store."""

    async def set_variable_monitoring_result(
        self,
        ctx: HandlerContext,
        request: call.SetVariableMonitoring,
        response: call_result.SetVariableMonitoring,
    ) -> None:
        """N04: every Accepted monitor is stored by the id the station assigned."""
        results = response.set_monitoring_result
        monitors = set_monitors(request.set_monitoring_data, results)
        await self._store.upsert_monitors(ctx.station_id, monitors, ctx.now)
        ctx.emit(
            MonitorsSet(
                **ctx.origin,
                results=tuple(
                    MonitorSetStatus(
                        id=result.id,
                        status=result.status.value,
                        type=result.type.value,
                        severity=result.severity,
                        component=result.component.name,
                        variable=result.variable.name,
                    )
                    for result in results
                ),
            )
        )

    async def clear_variable_monitoring_result(
        self,
        ctx: HandlerContext,
        request: call.ClearVariableMonitoring,
        response: payloads.ClearVariableMonitoring,
    ) -> None:
        """N06: monitors the station no longer has (Accepted, NotFound) are forgotten."""
        results = response.clear_monitoring_result
        gone = [result.id for result in results if result.status.value in GONE_AFTER_CLEAR]
        if gone:
            await self._store.delete_monitors(ctx.station_id, gone)
        ctx.emit(
            MonitorsCleared(
                **ctx.origin,
                results=tuple(
                    MonitorClearStatus(id=result.id, status=result.status.value)
                    for result in results
                ),
            )
        )

    async def set_monitoring_base_result(
        self,
        ctx: HandlerContext,
        request: call.SetMonitoringBase,
        response: call_result.SetMonitoringBase,
    ) -> None:
        """N03: an Accepted base is stored; after an Accepted FactoryDefault or HardWiredOnly
        the custom monitors are gone (N03.FR.04/05): the stored monitors are forgotten until a
        monitoring report lists them again. All (N03.FR.03) leaves them."""
        answer = answer_fields(response)
        base = request.monitoring_base.value
        if answer["status"] == "Accepted":
            await self._store.set_monitoring_state(ctx.station_id, ctx.now, base=base)
            if base in BASES_DROPPING_CUSTOM:
                await self._store.delete_monitors(ctx.station_id, None)
        ctx.emit(MonitoringBaseSet(**ctx.origin, **answer, monitoring_base=base))

    async def set_monitoring_level_result(
        self,
        ctx: HandlerContext,
        request: call.SetMonitoringLevel,
        response: call_result.SetMonitoringLevel,
    ) -> None:
        """N05: an Accepted level is stored; the answer is announced."""
        answer = answer_fields(response)
        if answer["status"] == "Accepted":
            await self._store.set_monitoring_state(ctx.station_id, ctx.now, level=request.severity)
        ctx.emit(MonitoringLevelSet(**ctx.origin, **answer, severity=request.severity))

    async def get_monitoring_report_result(
        self,
        ctx: HandlerContext,
        request: call.GetMonitoringReport,
        response: call_result.GetMonitoringReport,
    ) -> None:
        """N02: the station's answer, recorded on the report."""
        answer = answer_fields(response)
        await self._store.record_report_answer(
            ctx.station_id, request.request_id, answer["status"], answer["reason_code"]
        )
