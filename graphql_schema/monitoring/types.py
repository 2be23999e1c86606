"""GraphQL types of the monitoring block: enums spelled as OCPP spells them, the alert feed,
reported and stored monitors, monitoring reports, alert states (and their live events), the
inputs of the commands and their results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from ocpp.v201 import datatypes, enums
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum, reason_fields
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.records import FeedRow, FromRecord, from_record
from graphql_schema.context import Context
from graphql_schema.device_model.types import (
    ComponentInput,
    ComponentVariableFields,
    ReportStateEnum,
)
from modules.kernel.events import Event
from modules.kernel.records import component_variable
from modules.monitoring import (
    AlertChanged,
    JudgedReport,
    MonitoringQueries,
    MonitorSelector,
    MonitorSetting,
    MonitorView,
    ReportedMonitorView,
)

CURSOR_KIND = "stationAlerts"
MONITOR_LOADER = "monitors"
ALERTS_CURSOR_KIND = "alerts"

MonitorType = ocpp_enum(
    enums.MonitorEnumType,
    "MonitorType",
    "A monitor's type (MonitorEnumType): UpperThreshold, LowerThreshold, Delta, Periodic, "
    "PeriodicClockAligned.",
)
MonitoringBase = ocpp_enum(
    enums.MonitorBaseEnumType,
    "MonitoringBase",
    "The monitoring a SetMonitoringBase activates (MonitorBaseEnumType): All, FactoryDefault, "
    "HardWiredOnly.",
)
MonitoringCriterion = ocpp_enum(
    enums.MonitoringCriterionEnumType,
    "MonitoringCriterion",
    "Which monitors a monitoring report lists (MonitoringCriterionEnumType).",
)
SetMonitoringStatus = ocpp_enum(
    enums.SetMonitoringStatusEnumType,
    "SetMonitoringStatus",
    "The station's answer for one SetVariableMonitoring item (SetMonitoringStatusEnumType).",
)
ClearMonitoringStatus = ocpp_enum(
    enums.ClearMonitoringStatusEnumType,
    "ClearMonitoringStatus",
    "The station's answer for one monitor id to clear (ClearMonitoringStatusEnumType).",
)
ocpp_enum(
    enums.GenericDeviceModelStatusEnumType,
    "ReportStatusEnum",
    "A station's answer to GetBaseReport/GetReport (OCPP GenericDeviceModelStatusEnumType).",
)
ocpp_enum(
    enums.GenericStatusEnumType, "GenericStatus", "GenericStatusEnumType: Accepted or Rejected."
)


async def monitor_of(
    info: Info[Context, Any], station_id: str, monitor_id: int | None
) -> Monitor | None:
    """The stored monitor `monitor_id` of the station, through the request's loader (one
    query for all the rows of a response)."""
    if monitor_id is None:
        return None
    loader: DataLoader[Any, Any] | None = info.context.loaders.get(MONITOR_LOADER)
    if loader is None:
        queries = info.context.services.block(MonitoringQueries)
        loader = DataLoader(load_fn=queries.monitors_by_key)
        info.context.loaders[MONITOR_LOADER] = loader
    view = await loader.load((station_id, monitor_id))
    return Monitor.of(view) if view is not None else None


@strawberry.type(description="One eventData item of a NotifyEvent a station sent (N07).")
class StationAlert(ComponentVariableFields, FeedRow):
    """A stored event notification."""

    cursor_kind = CURSOR_KIND

    cursor: str = strawberry.field(description="Pass as `after` to read older alerts.")
    station_id: strawberry.ID
    event_id: int
    timestamp: datetime
    trigger: str = strawberry.field(description="Alerting, Delta or Periodic.")
    cause: int | None
    actual_value: str
    tech_code: str | None
    tech_info: str | None
    cleared: bool | None
    transaction_id: str | None
    variable_monitoring_id: int | None
    event_notification_type: str
    seq_no: int = strawberry.field(description="seqNo of the NotifyEvent part it came in.")
    tbc: bool
    generated_at: datetime
    received_at: datetime

    @strawberry.field(
        description="The stored monitor that raised it (variableMonitoringId), null when the "
        "CSMS does not know it."
    )
    async def monitor(self, info: Info[Context, Any]) -> Monitor | None:
        """The monitor, batched across rows."""
        return await monitor_of(info, str(self.station_id), self.variable_monitoring_id)


@strawberry.type(description="One variable monitor a NotifyMonitoringReport listed (N02).")
class ReportedMonitor(ComponentVariableFields):
    """A monitor of a component-variable, as reported."""

    request_id: int
    seq_no: int
    generated_at: datetime
    id: int = strawberry.field(description="The monitor's id on the station.")
    transaction: bool
    type: str = strawberry.field(description="UpperThreshold, LowerThreshold, Delta, ...")
    severity: int
    value: float

    @classmethod
    def of(cls, view: ReportedMonitorView) -> ReportedMonitor:
        """Build from the block's view."""
        return from_record(cls, view, id=view.monitor_id)


@strawberry.type(description="A variable monitor a station has, as the CSMS last learned it.")
class Monitor(ComponentVariableFields):
    """A monitor of a component-variable (N02/N04)."""

    id: int = strawberry.field(description="The monitor's id on the station.")
    variable_key: str = strawberry.field(
        description="The device model's key of the component-variable (see `variables`)."
    )
    type: enums.MonitorEnumType
    value: float
    severity: int = strawberry.field(description="0 (Danger) to 9 (Debug).")
    transaction: bool
    source: str = strawberry.field(description="SetVariableMonitoring or NotifyMonitoringReport.")
    request_id: int | None = strawberry.field(
        description="The monitoring report that last listed it."
    )
    updated_at: datetime

    @classmethod
    def of(cls, view: MonitorView) -> Monitor:
        """Build from the block's view."""
        return from_record(cls, view, id=view.monitor_id)


@strawberry.type(description="The monitoring base and level a station last accepted.")
class MonitoringState(FromRecord):
    """SetMonitoringBase (N03) and SetMonitoringLevel (N05) answered Accepted, and when."""

    station_id: strawberry.ID
    monitoring_base: str | None = strawberry.field(
        description="All, FactoryDefault or HardWiredOnly; null when none was accepted."
    )
    base_set_at: datetime | None
    monitoring_level: int | None = strawberry.field(
        description="Events of monitors up to this severity are reported; null when none "
        "was accepted."
    )
    level_set_at: datetime | None


@strawberry.type(description="A GetMonitoringReport request and the parts received for it.")
class MonitoringReportType:
    """One monitoring report of a station, by request id."""

    request_id: int
    criteria: list[str] | None = strawberry.field(description="monitoringCriteria as sent.")
    component_variables: JSON | None = strawberry.field(description="componentVariable as sent.")
    requested_at: datetime | None = strawberry.field(
        description="Null for a report this CSMS did not request."
    )
    outcome: CallOutcomeEnum | None
    status: enums.GenericDeviceModelStatusEnumType | None
    status_reason: str | None
    error_code: str | None
    parts: int = strawberry.field(description="NotifyMonitoringReport parts (distinct seqNo).")
    monitors: int = strawberry.field(description="Monitors the parts listed.")
    final_seq_no: int | None
    last_part_at: datetime | None
    completed_at: datetime | None
    state: ReportStateEnum
    failure_reason: str | None

    @classmethod
    def of(cls, judged: JudgedReport) -> MonitoringReportType:
        """Build from the block's judged report."""
        return from_record(
            cls,
            judged.record,
            state=ReportStateEnum(judged.state),
            failure_reason=judged.failure_reason,
        )


@strawberry.type(description="The alert state of one component-variable of a station.")
class AlertState(ComponentVariableFields, FeedRow):
    """Raised or cleared by the newest Alerting (or cleared) eventData item (N07/N08)."""

    cursor_kind = ALERTS_CURSOR_KIND

    cursor: str = strawberry.field(description="Pass as `after` to read older alert states.")
    station_id: strawberry.ID
    variable_key: str
    active: bool = strawberry.field(description="Raised (true) or cleared (false).")
    severity: int | None = strawberry.field(
        description="The raising monitor's severity, 0 (Danger) to 9 (Debug); null when the "
        "monitor is not known to the CSMS."
    )
    trigger: str
    actual_value: str
    event_id: int
    variable_monitoring_id: int | None
    monitor_type: str | None
    event_notification_type: str
    event_at: datetime = strawberry.field(description="The eventData timestamp.")
    raised_at: datetime | None
    cleared_at: datetime | None
    updated_at: datetime

    @strawberry.field(
        description="The stored monitor of the last item (variableMonitoringId), null when "
        "the CSMS does not know it."
    )
    async def monitor(self, info: Info[Context, Any]) -> Monitor | None:
        """The monitor, batched across rows."""
        return await monitor_of(info, str(self.station_id), self.variable_monitoring_id)


@strawberry.type(description="An alert state raised or cleared, as it happens.")
class AlertChange(ComponentVariableFields):
    """One ALERT_CHANGED event."""

    station_id: strawberry.ID
    occurred_at: datetime
    missed: int = strawberry.field(
        description="Events of this subscription dropped just before this one (slow reader)."
    )
    active: bool
    severity: int | None
    trigger: str
    actual_value: str
    event_id: int
    variable_monitoring_id: int | None
    event_at: datetime

    @classmethod
    def of(cls, event: Event, missed: int = 0) -> AlertChange:
        """Build from an ALERT_CHANGED event."""
        if not isinstance(event, AlertChanged):
            raise TypeError(f"not an ALERT_CHANGED event: {event.type}")
        return from_record(cls, event, missed=missed)


@strawberry.input(description="One monitor to set (SetMonitoringData).")
class SetMonitoringInput(ComponentInput):
    """One SetVariableMonitoring item; `id` replaces that monitor of the station."""

    variable: str
    type: enums.MonitorEnumType
    value: float
    severity: int = strawberry.field(description="0 (Danger) to 9 (Debug).")
    transaction: bool = False
    id: int | None = None

    def to_setting(self) -> MonitorSetting:
        """The block's SetMonitoringData."""
        return from_record(MonitorSetting, self)


@strawberry.input(description="A component, and optionally a variable, to report monitors of.")
class MonitoringComponentVariableInput(ComponentInput):
    """One GetMonitoringReport componentVariable."""

    def to_selector(self) -> MonitorSelector:
        """The block's GetMonitoringReport selector."""
        return from_record(MonitorSelector, self)


@strawberry.type(description="The station's answer for one monitor to set.")
class SetMonitoringItemResult(ComponentVariableFields):
    """One SetMonitoringResult."""

    id: int | None = strawberry.field(description="The id the station gave the monitor.")
    status: enums.SetMonitoringStatusEnumType
    type: enums.MonitorEnumType
    severity: int
    reason_code: str | None
    additional_info: str | None

    @classmethod
    def of(cls, result: datatypes.SetMonitoringResultType) -> SetMonitoringItemResult:
        """Build from one decoded setMonitoringResult."""
        return cls(
            **component_variable(result.component, result.variable),
            id=result.id,
            status=result.status,
            type=result.type,
            severity=result.severity,
            **reason_fields(result.status_info),
        )


@strawberry.type(description="How a SetVariableMonitoring went; Accepted monitors are stored.")
class SetVariableMonitoringResult:
    """The call's outcome and the station's answer per item, in request order."""

    outcome: CallOutcomeEnum
    messages: int = strawberry.field(description="Requests sent (split by the station's limits).")
    results: list[SetMonitoringItemResult]
    error_code: str | None
    error_description: str | None


@strawberry.type(description="The station's answer for one monitor id to clear.")
class ClearMonitoringItemResult:
    """One ClearMonitoringResult."""

    id: int
    status: enums.ClearMonitoringStatusEnumType
    reason_code: str | None
    additional_info: str | None

    @classmethod
    def of(cls, result: datatypes.ClearMonitoringResultType) -> ClearMonitoringItemResult:
        """Build from one decoded clearMonitoringResult."""
        return cls(id=result.id, status=result.status, **reason_fields(result.status_info))


@strawberry.type(description="How a ClearVariableMonitoring went; cleared monitors are forgotten.")
class ClearVariableMonitoringResult:
    """The call's outcome and the station's answer per id."""

    outcome: CallOutcomeEnum
    messages: int = strawberry.field(description="Requests sent (split by the station's limits).")
    results: list[ClearMonitoringItemResult]
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a SetMonitoringBase went.")
class SetMonitoringBaseResult:
    """The call's outcome and the station's status."""

    outcome: CallOutcomeEnum
    status: enums.GenericDeviceModelStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a SetMonitoringLevel went.")
class SetMonitoringLevelResult:
    """The call's outcome and the station's status."""

    outcome: CallOutcomeEnum
    status: enums.GenericStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a GetMonitoringReport went, and its report so far.")
class GetMonitoringReportResult:
    """The allocated requestId, the call's outcome and the station's status."""

    outcome: CallOutcomeEnum
    request_id: int | None = strawberry.field(description="Null when the station is unknown.")
    status: enums.GenericDeviceModelStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None
    report: MonitoringReportType | None
