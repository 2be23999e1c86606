"""The device model's CSMS->CS commands: GetVariables (B06) and SetVariables (B05) built from
an operator's arguments, the GetBaseReport (B07) / GetReport (B08) workflow (allocate a
request id, send, record the outcome), and the result handlers that write what the station
answered into the stored device model (each in the answer's transaction; events go out after
the commit)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from ocpp.v201 import call, call_result, datatypes, enums

from modules.device_model import conversions
from modules.device_model.batches import frame_size, limit_refs, limits_of
from modules.device_model.events import VariableSetStatus, VariablesRead, VariablesSet
from modules.device_model.identity import VariableRef
from modules.device_model.policy import heartbeat_interval_written, requires_reboot
from modules.device_model.records import (
    DeviceModelRows,
    ReportRequestAnswer,
    RequestedReport,
)
from modules.device_model.report_state import DEFAULT_REPORT_TIMEOUT_SECONDS, ReportView, judge
from modules.device_model.store import DeviceModelStore
from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand, send
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.secret_values import is_secret
from modules.kernel.services import OnStore

ReportAnswer = call_result.GetBaseReport | call_result.GetReport
A = TypeVar("A", call_result.GetBaseReport, call_result.GetReport)
Item = TypeVar("Item", "VariableRead", "VariableWrite")


@dataclass(frozen=True, slots=True)
class VariableRead:
    """One GetVariables item: the variable and the attribute to read (Actual when None)."""

    ref: VariableRef
    attribute_type: enums.AttributeEnumType | None = None


@dataclass(frozen=True, slots=True)
class VariableWrite:
    """One SetVariables item: the variable, the value, the attribute (Actual when None)."""

    ref: VariableRef
    value: str
    attribute_type: enums.AttributeEnumType | None = None


@dataclass(frozen=True, slots=True)
class ReportSelector:
    """One GetReport componentVariable: a component and, optionally, one of its variables."""

    component: str
    variable: str | None = None
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None


def _check_evse(where: str, evse_id: int | None, connector_id: int | None) -> None:
    if connector_id is not None and evse_id is None:
        raise InvalidCommand(where, "connectorId needs evseId")


def _checked(items: Sequence[Item]) -> Sequence[Item]:
    """The items; InvalidCommand naming the first whose ids do not fit."""
    for index, item in enumerate(items):
        _check_evse(f"items[{index}]", item.ref.evse_id, item.ref.connector_id)
    return items


def get_variables(items: Sequence[VariableRead]) -> call.GetVariables:
    """B06: the GetVariables request; InvalidCommand when an item's ids do not fit."""
    data = [
        datatypes.GetVariableDataType(
            component=item.ref.component_type(),
            variable=item.ref.variable_type(),
            attribute_type=item.attribute_type,
        )
        for item in _checked(items)
    ]
    return call.GetVariables(get_variable_data=data)


def set_variables(items: Sequence[VariableWrite]) -> call.SetVariables:
    """B05: the SetVariables request; InvalidCommand when an item's ids do not fit, or when
    it sets the Basic-auth password (rotateStationPassword does, so the CSMS learns it)."""
    for index, item in enumerate(items):
        if is_secret(item.ref.component, item.ref.variable):
            raise InvalidCommand(
                f"items[{index}]",
                f"{item.ref.component}.{item.ref.variable} is set with rotateStationPassword, "
                "which keeps the CSMS's copy of the password in step (A01)",
            )
    data = [
        datatypes.SetVariableDataType(
            attribute_value=item.value,
            component=item.ref.component_type(),
            variable=item.ref.variable_type(),
            attribute_type=item.attribute_type,
        )
        for item in _checked(items)
    ]
    return call.SetVariables(set_variable_data=data)


def component_variables(
    selectors: Sequence[ReportSelector],
) -> list[datatypes.ComponentVariableType]:
    """GetReport's componentVariable entries; InvalidCommand when a selector does not fit."""
    entries: list[datatypes.ComponentVariableType] = []
    for index, item in enumerate(selectors):
        where = f"componentVariables[{index}]"
        _check_evse(where, item.evse_id, item.connector_id)
        if item.variable is None and item.variable_instance is not None:
            raise InvalidCommand(where, "variableInstance needs variable")
        ref = VariableRef(
            item.component,
            item.variable or "",
            item.component_instance,
            item.evse_id,
            item.connector_id,
            item.variable_instance,
        )
        variable = ref.variable_type() if item.variable is not None else None
        entries.append(
            datatypes.ComponentVariableType(component=ref.component_type(), variable=variable)
        )
    return entries


def _report_details(request: call.GetReport) -> dict[str, object]:
    """What a GetReport asked for, as stored on its report: the request without its id."""
    details = codec.encode(request)
    details.pop("requestId", None)
    return details


@dataclass(frozen=True, slots=True)
class ReportRequestOutcome:
    """What a GetBaseReport/GetReport request did: the allocated request id (None for an
    unknown station, then nothing was sent and the outcome is OFFLINE), how the call ended,
    the station's answer, and the report as stored afterwards."""

    outcome: Outcome
    request_id: int | None = None
    answer: ReportAnswer | None = None
    error_code: str | None = None
    error_description: str | None = None
    report: ReportView | None = None


LARGEST_REQUEST_ID = 2**31 - 1
"""The widest requestId a GetReport can carry: its size is checked with this one."""


class ReportRequests:
    """GetBaseReport (B07) and GetReport (B08) with request ids this CSMS allocates."""

    def __init__(
        self,
        store: DeviceModelStore,
        sender: CommandSender,
        now: Callable[[], datetime],
        report_timeout: float = DEFAULT_REPORT_TIMEOUT_SECONDS,
    ) -> None:
        self._store = store
        self._sender = sender
        self._now = now
        self._report_timeout = report_timeout

    async def open_base_report(
        self, station_id: str, report_base: str, now: datetime
    ) -> int | None:
        """Allocate and record a GetBaseReport request id (the boot configurator sends the
        request itself); None for an unknown station."""
        wanted = RequestedReport("GetBaseReport", report_base)
        return await self._store.open_request(station_id, wanted, now)

    async def get_base_report(
        self,
        station_id: str,
        report_base: enums.ReportBaseEnumType,
        timeout: float | None = None,
    ) -> ReportRequestOutcome:
        """B07: ask the station for a base report under a new request id."""
        return await self._request(
            station_id,
            RequestedReport("GetBaseReport", report_base.value),
            lambda request_id: call.GetBaseReport(request_id=request_id, report_base=report_base),
            call_result.GetBaseReport,
            timeout,
        )

    async def get_report(
        self,
        station_id: str,
        selectors: Sequence[ReportSelector] = (),
        criteria: Sequence[enums.ComponentCriterionEnumType] = (),
        timeout: float | None = None,
    ) -> ReportRequestOutcome:
        """B08: ask the station for a custom report (component-variables and/or criteria)
        under a new request id; InvalidCommand when a selector does not fit."""
        entries = component_variables(selectors) or None
        wanted_criteria = list(criteria) or None

        def request(request_id: int) -> call.GetReport:
            return call.GetReport(
                request_id=request_id,
                component_variable=entries,
                component_criteria=wanted_criteria,
            )

        await self._check_limits(station_id, request(LARGEST_REQUEST_ID))
        details = _report_details(request(0))
        return await self._request(
            station_id,
            RequestedReport("GetReport", None, details),
            request,
            call_result.GetReport,
            timeout,
        )

    async def _check_limits(self, station_id: str, request: call.GetReport) -> None:
        """B08.FR.06: no more componentVariables than the station's
        DeviceDataCtrlr.ItemsPerMessage[GetReport], no more bytes than its
        BytesPerMessage[GetReport] (a limit it never reported limits nothing); InvalidCommand
        saying which otherwise. A report is one requestId, so a larger one is refused, not
        split."""
        keys = [ref.key for ref in limit_refs("GetReport")]
        limits = limits_of("GetReport", await self._store.actual_values(station_id, keys))
        count = len(request.component_variable or [])
        if limits.items is not None and count > limits.items:
            raise InvalidCommand(
                "componentVariables",
                f"{count} entries, but the station takes at most {limits.items} per GetReport "
                "(DeviceDataCtrlr.ItemsPerMessage[GetReport], B08.FR.06): ask in several reports",
            )
        size = frame_size("GetReport", codec.encode(request))
        if limits.bytes is not None and size > limits.bytes:
            raise InvalidCommand(
                "componentVariables",
                f"the request is {size} bytes, but the station takes at most {limits.bytes} "
                "(DeviceDataCtrlr.BytesPerMessage[GetReport]): ask in several reports",
            )

    async def _request(
        self,
        station_id: str,
        wanted: RequestedReport,
        request_for: Callable[[int], call.GetBaseReport | call.GetReport],
        answer_type: type[A],
        timeout: float | None,
    ) -> ReportRequestOutcome:
        """Check the request against the schema before an id is allocated (raises the
        schema's OcppError), allocate, send, and record an outcome without an answer (the
        result handler records an answer)."""
        schemas.validate(wanted.kind, "Request", codec.encode(request_for(0)))
        request_id = await self._store.open_request(station_id, wanted, self._now())
        if request_id is None:
            return ReportRequestOutcome(outcome=Outcome.OFFLINE)
        result = await send(self._sender, station_id, request_for(request_id), answer_type, timeout)
        if not result.answered:
            await self._store.record_outcome(
                station_id, request_id, result.outcome.value, result.error_code
            )
        report = await self._store.report(station_id, request_id)
        return ReportRequestOutcome(
            outcome=result.outcome,
            request_id=request_id,
            answer=result.response,
            error_code=result.error_code,
            error_description=result.error_description,
            report=judge(report, self._now(), self._report_timeout) if report else None,
        )


class CommandResults(OnStore[DeviceModelStore]):
    """The result handlers of the device model's commands, on its store."""

    async def get_base_report_result(
        self, ctx: HandlerContext, request: call.GetBaseReport, response: call_result.GetBaseReport
    ) -> None:
        """B07: the station's answer, recorded on the report."""
        wanted = RequestedReport("GetBaseReport", request.report_base.value)
        await self._record_answer(ctx, request.request_id, wanted, response)

    async def get_report_result(
        self, ctx: HandlerContext, request: call.GetReport, response: call_result.GetReport
    ) -> None:
        """B08: the station's answer, recorded on the report."""
        wanted = RequestedReport("GetReport", None, _report_details(request))
        await self._record_answer(ctx, request.request_id, wanted, response)

    async def _record_answer(
        self, ctx: HandlerContext, request_id: int, wanted: RequestedReport, response: ReportAnswer
    ) -> None:
        answer = answer_fields(response)
        await self._store.record_answer(
            ctx.station_id,
            ReportRequestAnswer(request_id, wanted, answer["status"], answer["reason_code"]),
            ctx.now,
        )

    async def get_variables_result(
        self, ctx: HandlerContext, request: call.GetVariables, response: call_result.GetVariables
    ) -> None:
        """B06: every Accepted value read is written into the device model."""
        rows = DeviceModelRows(*conversions.read_rows(response.get_variable_result))
        await self._store.write_rows(ctx.station_id, rows, ctx.now)
        ctx.emit(
            VariablesRead(
                **ctx.origin,
                requested=len(request.get_variable_data),
                accepted=len(rows.attributes),
            )
        )

    async def set_variables_result(
        self, ctx: HandlerContext, request: call.SetVariables, response: call_result.SetVariables
    ) -> None:
        """B05: Accepted and RebootRequired values are written into the device model; a
        RebootRequired flags the station until its next boot; a HeartbeatInterval taken
        becomes the interval its boots are answered with."""
        asked = conversions.requested_values(request.set_variable_data)
        results = response.set_variable_result
        rows = DeviceModelRows(*conversions.written_rows(asked, results))
        await self._store.write_rows(ctx.station_id, rows, ctx.now)
        heartbeat_interval = heartbeat_interval_written(rows.attributes)
        if heartbeat_interval is not None:
            await self._store.set_heartbeat_interval(ctx.station_id, heartbeat_interval)
        statuses = [result.attribute_status.value for result in results]
        reboot_required = requires_reboot(statuses)
        if reboot_required:
            await self._store.flag_reboot_required(ctx.station_id, ctx.now)
        ctx.emit(
            VariablesSet(
                **ctx.origin,
                results=tuple(
                    VariableSetStatus(
                        component=result.component.name,
                        variable=result.variable.name,
                        attribute_type=conversions.status_text(result.attribute_type)
                        or conversions.ACTUAL,
                        status=status,
                    )
                    for result, status in zip(results, statuses, strict=True)
                ),
                reboot_required=reboot_required,
            )
        )
