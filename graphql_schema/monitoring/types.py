"""GraphQL types of the monitoring block."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphql_schema.common.paging import encode_id_cursor
from modules.monitoring import ReportedMonitorView, StationAlertView

CURSOR_KIND = "stationAlerts"


@strawberry.type(description="One eventData item of a NotifyEvent a station sent (N07).")
class StationAlert:
    """A stored event notification."""

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
    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    seq_no: int = strawberry.field(description="seqNo of the NotifyEvent part it came in.")
    tbc: bool
    generated_at: datetime
    received_at: datetime

    @classmethod
    def of(cls, view: StationAlertView) -> StationAlert:
        """Build from the block's view."""
        return cls(
            cursor=encode_id_cursor(CURSOR_KIND, view.id),
            station_id=strawberry.ID(view.station_id),
            event_id=view.event_id,
            timestamp=view.timestamp,
            trigger=view.trigger,
            cause=view.cause,
            actual_value=view.actual_value,
            tech_code=view.tech_code,
            tech_info=view.tech_info,
            cleared=view.cleared,
            transaction_id=view.transaction_id,
            variable_monitoring_id=view.variable_monitoring_id,
            event_notification_type=view.event_notification_type,
            component=view.component,
            component_instance=view.component_instance,
            evse_id=view.evse_id,
            connector_id=view.connector_id,
            variable=view.variable,
            variable_instance=view.variable_instance,
            seq_no=view.seq_no,
            tbc=view.tbc,
            generated_at=view.generated_at,
            received_at=view.received_at,
        )


@strawberry.type(description="One variable monitor a NotifyMonitoringReport listed (N02).")
class ReportedMonitor:
    """A monitor of a component-variable, as reported."""

    request_id: int
    seq_no: int
    generated_at: datetime
    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    id: int = strawberry.field(description="The monitor's id on the station.")
    transaction: bool
    type: str = strawberry.field(description="UpperThreshold, LowerThreshold, Delta, ...")
    severity: int
    value: float

    @classmethod
    def of(cls, view: ReportedMonitorView) -> ReportedMonitor:
        """Build from the block's view."""
        return cls(
            request_id=view.request_id,
            seq_no=view.seq_no,
            generated_at=view.generated_at,
            component=view.component,
            component_instance=view.component_instance,
            evse_id=view.evse_id,
            connector_id=view.connector_id,
            variable=view.variable,
            variable_instance=view.variable_instance,
            id=view.monitor_id,
            transaction=view.transaction,
            type=view.type,
            severity=view.severity,
            value=view.value,
        )
