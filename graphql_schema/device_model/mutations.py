"""The device-model mutations: GetBaseReport (B07), GetReport (B08), GetVariables (B06) and
SetVariables (B05). When the station answered, the block's result handler has already stored
what the answer means by the time the mutation returns."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.types import Info

from graphql_schema.common import commands
from graphql_schema.common.commands import CallOutcomeEnum, check_timeout
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.context import Context
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
from modules import device_model
from modules.device_model import ReportRequestOutcome, ReportRequests
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError


def _report_result(done: ReportRequestOutcome) -> ReportRequestResult:
    answer = done.answer
    return ReportRequestResult(
        outcome=CallOutcomeEnum(done.outcome.value),
        request_id=done.request_id,
        status=answer.status if answer else None,
        **commands.reason_fields(answer.status_info if answer else None),
        error_code=done.error_code,
        error_description=done.error_description,
        report=DeviceModelReportType.of(done.report) if done.report else None,
    )


async def get_base_report(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    report_base: enums.ReportBaseEnumType,
    timeout_seconds: float | None = None,
) -> ReportRequestResult:
    """B07: allocate a requestId and ask the station for a base report."""
    timeout = check_timeout(timeout_seconds)
    requests = info.context.services.block(ReportRequests)
    with refusals_as_input_errors(InvalidCommand, OcppError):
        done = await requests.get_base_report(str(station_id), report_base, timeout)
    return _report_result(done)


async def get_report(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    component_variables: list[ReportComponentVariableInput] | None = None,
    component_criteria: list[enums.ComponentCriterionEnumType] | None = None,
    timeout_seconds: float | None = None,
) -> ReportRequestResult:
    """B08: allocate a requestId and ask the station for a custom report."""
    selectors = [item.to_selector() for item in component_variables or []]
    criteria: list[enums.ComponentCriterionEnumType] = list(component_criteria or [])
    timeout = check_timeout(timeout_seconds)
    requests = info.context.services.block(ReportRequests)
    with refusals_as_input_errors(InvalidCommand, OcppError):
        done = await requests.get_report(str(station_id), selectors, criteria, timeout)
    return _report_result(done)


async def get_variables(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    items: list[GetVariableInput],
    timeout_seconds: float | None = None,
) -> GetVariablesResult:
    """B06: read attributes; Accepted values are written into the stored device model."""
    with refusals_as_input_errors():
        request = device_model.get_variables([item.to_read() for item in items])
    result = await commands.send(
        info, station_id, request, call_result.GetVariables, timeout_seconds
    )
    answer = result.response
    results = [VariableGetResult.of(item) for item in answer.get_variable_result] if answer else []
    return GetVariablesResult(**commands.call_fields(result), results=results)


async def set_variables(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    items: list[SetVariableInput],
    timeout_seconds: float | None = None,
) -> SetVariablesResult:
    """B05: write attributes; Accepted and RebootRequired values are written into the stored
    device model, and RebootRequired flags the station until it boots again."""
    with refusals_as_input_errors():
        request = device_model.set_variables([item.to_write() for item in items])
    result = await commands.send(
        info, station_id, request, call_result.SetVariables, timeout_seconds
    )
    answer = result.response
    results = [VariableSetResult.of(item) for item in answer.set_variable_result] if answer else []
    return SetVariablesResult(
        **commands.call_fields(result),
        results=results,
        reboot_required=any(
            item.attribute_status is enums.SetVariableStatusEnumType.reboot_required
            for item in results
        ),
    )


@strawberry.type
class DeviceModelMutation:
    """Device-model commands (block B)."""

    get_base_report: ReportRequestResult = strawberry.mutation(
        resolver=get_base_report,
        description=(
            "GetBaseReport (B07) with a requestId the CSMS allocates; the station's "
            "NotifyReport parts fill the device model (see `variables`, `deviceModelReports`)."
        ),
    )
    get_report: ReportRequestResult = strawberry.mutation(
        resolver=get_report,
        description="GetReport (B08) by component-variables and/or component criteria.",
    )
    get_variables: GetVariablesResult = strawberry.mutation(
        resolver=get_variables,
        description="GetVariables (B06); Accepted values are stored in the device model.",
    )
    set_variables: SetVariablesResult = strawberry.mutation(
        resolver=set_variables,
        description=(
            "SetVariables (B05); Accepted and RebootRequired values are stored in the device "
            "model, RebootRequired flags the station until it boots again."
        ),
    )
