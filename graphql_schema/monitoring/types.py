"""GraphQL types of the monitoring block."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphql_schema.common.records import FeedRow, from_record
from graphql_schema.device_model.types import ComponentVariableFields
from modules.monitoring import ReportedMonitorView

CURSOR_KIND = "stationAlerts"


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
