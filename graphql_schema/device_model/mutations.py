"""The device-model mutations: GetBaseReport (B07), GetReport (B08), GetVariables (B06) and
SetVariables (B05). When the station answered, the block's result handler has already stored
what the answer means by the time the mutation returns."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from ocpp.v201 import enums

from graphql_schema.common.commands import CallOutcomeEnum, StationCall, status_reason_fields
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.device_model.types import (
    DeviceModelReportType,
    GetVariableInput,
    GetVariablesResult,
    ReportComponentVariableInput,
    ReportRequestResult,
    SetVariableInput,
    SetVariablesResult,
    VariableGetResult,
    VariableSetResult,
)
from modules.device_model import (
    ReportRequestOutcome,
    ReportRequests,
    VariableRequests,
    VariablesOutcome,
)
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError


async def _report(
    call: StationCall, ask: Callable[[ReportRequests], Awaitable[ReportRequestOutcome]]
) -> ReportRequestResult:
    """Ask for a report through the block's workflow (which allocates the requestId) and map
    how it went; a request the block or the kernel refuses is an input error."""
    with refusals_as_input_errors(InvalidCommand, OcppError):
        done = await ask(call.block(ReportRequests))
    return ReportRequestResult(
        outcome=CallOutcomeEnum(done.outcome.value),
        request_id=done.request_id,
        **status_reason_fields(done.answer),
        error_code=done.error_code,
        error_description=done.error_description,
        report=DeviceModelReportType.of(done.report) if done.report else None,
    )


@strawberry.type
class DeviceModelMutation:
    """Device-model commands (block B)."""

    @mutation(
        "GetBaseReport (B07) with a requestId the CSMS allocates; the station's "
        "NotifyReport parts fill the device model (see `variables`, `deviceModelReports`)."
    )
    async def get_base_report(
        self, call: StationCall, report_base: enums.ReportBaseEnumType
    ) -> ReportRequestResult:
        """B07: allocate a requestId and ask the station for a base report."""
        return await _report(
            call, lambda asked: asked.get_base_report(call.station_id, report_base, call.timeout)
        )

    @mutation(
        "GetReport (B08) by component-variables and/or component criteria; no more entries "
        "than the station's DeviceDataCtrlr.ItemsPerMessage[GetReport] (B08.FR.06)."
    )
    async def get_report(
        self,
        call: StationCall,
        component_variables: list[ReportComponentVariableInput] | None = None,
        component_criteria: list[enums.ComponentCriterionEnumType] | None = None,
    ) -> ReportRequestResult:
        """B08: allocate a requestId and ask the station for a custom report."""
        selectors = [item.to_selector() for item in component_variables or []]
        criteria: list[enums.ComponentCriterionEnumType] = list(component_criteria or [])
        return await _report(
            call, lambda asked: asked.get_report(call.station_id, selectors, criteria, call.timeout)
        )

    @mutation(
        "GetVariables (B06); Accepted values are stored in the device model. More items than "
        "the station's DeviceDataCtrlr.ItemsPerMessage[GetVariables] (or bytes than its "
        "BytesPerMessage[GetVariables]) go as several requests, answers merged in order."
    )
    async def get_variables(
        self, call: StationCall, items: list[GetVariableInput]
    ) -> GetVariablesResult:
        """B06: read attributes; Accepted values are written into the stored device model."""
        asked = call.block(VariableRequests)
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await asked.get_variables(
                call.station_id, [item.to_read() for item in items], call.timeout
            )
        return GetVariablesResult(
            **_outcome_fields(done),
            results=[VariableGetResult.of(item) for item in done.results],
        )

    @mutation(
        "SetVariables (B05); Accepted and RebootRequired values are stored in the device "
        "model, RebootRequired flags the station until it boots again. Split like "
        "getVariables by the station's ItemsPerMessage/BytesPerMessage[SetVariables]."
    )
    async def set_variables(
        self, call: StationCall, items: list[SetVariableInput]
    ) -> SetVariablesResult:
        """B05: write attributes; Accepted and RebootRequired values are written into the
        stored device model, and RebootRequired flags the station until it boots again."""
        asked = call.block(VariableRequests)
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await asked.set_variables(
                call.station_id, [item.to_write() for item in items], call.timeout
            )
        results = [VariableSetResult.of(item) for item in done.results]
        rebooting = enums.SetVariableStatusEnumType.reboot_required
        return SetVariablesResult(
            **_outcome_fields(done),
            results=results,
            reboot_required=any(item.attribute_status is rebooting for item in results),
        )


def _outcome_fields(done: VariablesOutcome[Any]) -> dict[str, Any]:
    """How the requests went: outcome, messages sent, the first CALLERROR."""
    return {
        "outcome": CallOutcomeEnum(done.outcome.value),
        "messages": done.messages,
        "error_code": done.error_code,
        "error_description": done.error_description,
    }
