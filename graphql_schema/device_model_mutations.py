"""Device-model command resolvers (mounted on Mutation in mutations.py).

Each sends its command through the call sender, which validates the payload against the
official schema; when the station answered, the device-model module's result handler has
already stored what the answer means by the time `send` returns.
"""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, datatypes
from strawberry.types import Info

from app.clock import utc_now
from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.context import Context
from graphql_schema.device_model_enums import (
    AttributeTypeEnum,
    ComponentCriterionEnum,
    GetVariableStatusEnum,
    ReportBaseEnum,
    ReportStatusEnum,
    SetVariableStatusEnum,
)
from graphql_schema.device_model_inputs import (
    DeviceModelInputError,
    GetVariableInput,
    ReportComponentVariableInput,
    SetVariableInput,
    component_variables_payload,
    get_variables_payload,
    set_variables_payload,
)
from graphql_schema.device_model_types import (
    DeviceModelReportType,
    GetVariablesResult,
    ReportRequestResult,
    SetVariablesResult,
    VariableGetResult,
    VariableSetResult,
)
from infra.db.models import DeviceModelReport
from modules.device_model import reports
from modules.device_model.reports import RequestedReport
from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError

MAX_TIMEOUT_SECONDS = 300.0


def _check_timeout(timeout_seconds: float | None) -> None:
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise DeviceModelInputError(f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}")


def _validate(action: str, payload: dict[str, Any]) -> None:
    try:
        schemas.validate(action, "Request", payload)
    except OcppError as error:
        raise DeviceModelInputError(f"{error.code}: {error.description}") from None


async def _send(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    action: str,
    payload: dict[str, Any],
    timeout_seconds: float | None,
) -> CallOutcome:
    _validate(action, payload)
    return await info.context.services.sender.send(
        str(station_id), action, payload, timeout_seconds
    )


def _attribute(value: Any) -> AttributeTypeEnum:
    return AttributeTypeEnum(getattr(value, "value", value) or "Actual")


def _status_info(info: datatypes.StatusInfoType | None) -> tuple[str | None, str | None]:
    return (info.reason_code, info.additional_info) if info else (None, None)


async def _request_report(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    wanted: RequestedReport,
    payload: dict[str, Any],
    timeout_seconds: float | None,
) -> ReportRequestResult:
    action = wanted.kind
    answer_type: type[call_result.GetBaseReport | call_result.GetReport] = (
        call_result.GetBaseReport if action == "GetBaseReport" else call_result.GetReport
    )
    _check_timeout(timeout_seconds)
    _validate(action, {"requestId": 0, **payload})
    request_id = await reports.open_request(str(station_id), wanted, utc_now())
    if request_id is None:
        return ReportRequestResult(
            outcome=CallOutcomeEnum.OFFLINE,
            request_id=None,
            status=None,
            reason_code=None,
            additional_info=None,
            error_code=None,
            error_description=None,
            report=None,
        )
    outcome = await _send(
        info, station_id, action, {"requestId": request_id, **payload}, timeout_seconds
    )
    status: ReportStatusEnum | None = None
    reason: tuple[str | None, str | None] = (None, None)
    if outcome.outcome is Outcome.RESULT:
        answer = codec.decode(answer_type, outcome.response or {})
        status = ReportStatusEnum(getattr(answer.status, "value", answer.status))
        reason = _status_info(answer.status_info)
    else:
        await reports.record_outcome(
            str(station_id), request_id, outcome.outcome.value, outcome.error_code
        )
    row = await DeviceModelReport.get_or_none(station_id=str(station_id), request_id=request_id)
    return ReportRequestResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        request_id=request_id,
        status=status,
        reason_code=reason[0],
        additional_info=reason[1],
        error_code=outcome.error_code,
        error_description=outcome.error_description,
        report=DeviceModelReportType.from_model(row) if row else None,
    )


async def get_base_report(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    report_base: ReportBaseEnum,
    timeout_seconds: float | None = None,
) -> ReportRequestResult:
    """B07: allocate a requestId and ask the station for a base report."""
    return await _request_report(
        info,
        station_id,
        RequestedReport("GetBaseReport", report_base.value),
        {"reportBase": report_base.value},
        timeout_seconds,
    )


async def get_report(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    component_variables: list[ReportComponentVariableInput] | None = None,
    component_criteria: list[ComponentCriterionEnum] | None = None,
    timeout_seconds: float | None = None,
) -> ReportRequestResult:
    """B08: allocate a requestId and ask the station for a custom report."""
    details: dict[str, Any] = {}
    if component_variables:
        details["componentVariable"] = component_variables_payload(component_variables)
    if component_criteria:
        details["componentCriteria"] = [criterion.value for criterion in component_criteria]
    return await _request_report(
        info,
        station_id,
        RequestedReport("GetReport", None, details),
        details,
        timeout_seconds,
    )


async def get_variables(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    items: list[GetVariableInput],
    timeout_seconds: float | None = None,
) -> GetVariablesResult:
    """B06: read attributes; Accepted values are written into the stored device model."""
    _check_timeout(timeout_seconds)
    payload = get_variables_payload(items)
    outcome = await _send(info, station_id, "GetVariables", payload, timeout_seconds)
    results: list[VariableGetResult] = []
    if outcome.outcome is Outcome.RESULT:
        answer = codec.decode(call_result.GetVariables, outcome.response or {})
        for result in answer.get_variable_result:
            component, variable, evse = result.component, result.variable, result.component.evse
            reason_code, additional_info = _status_info(result.attribute_status_info)
            results.append(
                VariableGetResult(
                    component=component.name,
                    component_instance=component.instance,
                    evse_id=evse.id if evse else None,
                    connector_id=evse.connector_id if evse else None,
                    variable=variable.name,
                    variable_instance=variable.instance,
                    attribute_type=_attribute(result.attribute_type),
                    attribute_status=GetVariableStatusEnum(
                        getattr(result.attribute_status, "value", result.attribute_status)
                    ),
                    attribute_value=result.attribute_value,
                    reason_code=reason_code,
                    additional_info=additional_info,
                )
            )
    return GetVariablesResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        results=results,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


async def set_variables(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    items: list[SetVariableInput],
    timeout_seconds: float | None = None,
) -> SetVariablesResult:
    """B05: write attributes; Accepted and RebootRequired values are written into the stored
    device model, and RebootRequired flags the station until it boots again."""
    _check_timeout(timeout_seconds)
    payload = set_variables_payload(items)
    outcome = await _send(info, station_id, "SetVariables", payload, timeout_seconds)
    results: list[VariableSetResult] = []
    if outcome.outcome is Outcome.RESULT:
        answer = codec.decode(call_result.SetVariables, outcome.response or {})
        for result in answer.set_variable_result:
            component, variable, evse = result.component, result.variable, result.component.evse
            reason_code, additional_info = _status_info(result.attribute_status_info)
            results.append(
                VariableSetResult(
                    component=component.name,
                    component_instance=component.instance,
                    evse_id=evse.id if evse else None,
                    connector_id=evse.connector_id if evse else None,
                    variable=variable.name,
                    variable_instance=variable.instance,
                    attribute_type=_attribute(result.attribute_type),
                    attribute_status=SetVariableStatusEnum(
                        getattr(result.attribute_status, "value", result.attribute_status)
                    ),
                    reason_code=reason_code,
                    additional_info=additional_info,
                )
            )
    return SetVariablesResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        results=results,
        reboot_required=any(
            r.attribute_status is SetVariableStatusEnum.RebootRequired for r in results
        ),
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )
