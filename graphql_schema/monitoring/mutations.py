"""The monitoring mutations: SetVariableMonitoring (N04), ClearVariableMonitoring (N06),
SetMonitoringBase (N03), SetMonitoringLevel (N05) and GetMonitoringReport (N02). When the
station answered, the block's result handler has already stored what the answer means by the
time the mutation returns."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.common.commands import (
    CallOutcomeEnum,
    StationCall,
    call_fields,
    status_reason_fields,
)
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.monitoring.types import (
    ClearMonitoringItemResult,
    ClearVariableMonitoringResult,
    GetMonitoringReportResult,
    MonitoringComponentVariableInput,
    MonitoringReportType,
    SetMonitoringBaseResult,
    SetMonitoringInput,
    SetMonitoringItemResult,
    SetMonitoringLevelResult,
    SetVariableMonitoringResult,
)
from modules import monitoring
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError


@strawberry.type
class MonitoringMutation:
    """Monitoring commands (block N)."""

    @mutation(
        "SetVariableMonitoring (N04): set monitors (UpperThreshold, LowerThreshold, Delta, "
        "Periodic, PeriodicClockAligned) with a severity (0-9) and the transaction flag; an "
        "item with `id` replaces that monitor. Accepted monitors are stored by the id the "
        "station gave them (see `monitors`). More items than the station's "
        "MonitoringCtrlr.ItemsPerMessage[SetVariableMonitoring] (or bytes than its "
        "BytesPerMessage[SetVariableMonitoring]) go as several requests, answers merged in order."
    )
    async def set_variable_monitoring(
        self, call: StationCall, items: list[SetMonitoringInput]
    ) -> SetVariableMonitoringResult:
        """N04: check the items, send (split by the station's limits), map the per-item
        results."""
        asked = call.block(monitoring.MonitorRequests)
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await asked.set_variable_monitoring(
                call.station_id, [item.to_setting() for item in items], call.timeout
            )
        return SetVariableMonitoringResult(
            **_outcome_fields(done),
            results=[SetMonitoringItemResult.of(item) for item in done.results],
        )

    @mutation(
        "ClearVariableMonitoring (N06): remove monitors by id; the ones the station no longer "
        "has (Accepted, NotFound) are forgotten. Split like setVariableMonitoring by the "
        "station's ItemsPerMessage/BytesPerMessage[ClearVariableMonitoring]."
    )
    async def clear_variable_monitoring(
        self, call: StationCall, ids: list[int]
    ) -> ClearVariableMonitoringResult:
        """N06: send the ids (split by the station's limits), map the per-id results."""
        asked = call.block(monitoring.MonitorRequests)
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await asked.clear_variable_monitoring(call.station_id, ids, call.timeout)
        return ClearVariableMonitoringResult(
            **_outcome_fields(done),
            results=[ClearMonitoringItemResult.of(item) for item in done.results],
        )

    @mutation(
        "SetMonitoringBase (N03): All, FactoryDefault or HardWiredOnly. After an Accepted "
        "FactoryDefault or HardWiredOnly the stored monitors are forgotten until a monitoring "
        "report lists them again."
    )
    async def set_monitoring_base(
        self, call: StationCall, monitoring_base: enums.MonitorBaseEnumType
    ) -> SetMonitoringBaseResult:
        """N03: send, map the status."""
        request = monitoring.set_monitoring_base(monitoring_base)
        result = await call.send(request, call_result.SetMonitoringBase)
        return SetMonitoringBaseResult(
            **call_fields(result), **status_reason_fields(result.response)
        )

    @mutation(
        "SetMonitoringLevel (N05): the station reports only events of monitors with a "
        "severity at most `severity` (0 Danger ... 9 Debug)."
    )
    async def set_monitoring_level(
        self, call: StationCall, severity: int
    ) -> SetMonitoringLevelResult:
        """N05: check the severity, send, map the status."""
        request = monitoring.set_monitoring_level(severity)
        result = await call.send(request, call_result.SetMonitoringLevel)
        return SetMonitoringLevelResult(
            **call_fields(result), **status_reason_fields(result.response)
        )

    @mutation(
        "GetMonitoringReport (N02) with a requestId the CSMS allocates: all monitors, or those "
        "the criteria and component-variables select. The NotifyMonitoringReport parts fill "
        "`monitoringReport` and `monitors`; `monitoringReports` says when the last arrived."
    )
    async def get_monitoring_report(
        self,
        call: StationCall,
        monitoring_criteria: list[enums.MonitoringCriterionEnumType] | None = None,
        component_variables: list[MonitoringComponentVariableInput] | None = None,
    ) -> GetMonitoringReportResult:
        """N02: allocate a requestId and ask for the report."""
        selectors = [item.to_selector() for item in component_variables or []]
        criteria = list(monitoring_criteria or [])
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await call.block(monitoring.MonitoringReports).get_monitoring_report(
                call.station_id, selectors, criteria, call.timeout
            )
        return GetMonitoringReportResult(
            outcome=CallOutcomeEnum(done.outcome.value),
            request_id=done.request_id,
            **status_reason_fields(done.answer),
            error_code=done.error_code,
            error_description=done.error_description,
            report=MonitoringReportType.of(done.report) if done.report else None,
        )


def _outcome_fields(done: monitoring.MonitorsOutcome[Any]) -> dict[str, Any]:
    """How the requests went: outcome, messages sent, the first CALLERROR."""
    return {
        "outcome": CallOutcomeEnum(done.outcome.value),
        "messages": done.messages,
        "error_code": done.error_code,
        "error_description": done.error_description,
    }
