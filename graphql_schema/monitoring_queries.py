"""Station alert (NotifyEvent) and monitoring-report types and resolvers (mounted on Query in
queries.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import check_first, decode_id_cursor, encode_id_cursor
from graphql_schema.context import Context
from infra.db.models import MonitoringReportItem, StationEventData

CURSOR_KIND = "stationAlerts"
MAX_MONITORS = 10000


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
    def from_model(cls, row: StationEventData) -> StationAlert:
        """Build from the ORM row."""
        return cls(
            cursor=encode_id_cursor(CURSOR_KIND, row.id),
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            event_id=row.event_id,
            timestamp=row.timestamp,
            trigger=row.trigger,
            cause=row.cause,
            actual_value=row.actual_value,
            tech_code=row.tech_code,
            tech_info=row.tech_info,
            cleared=row.cleared,
            transaction_id=row.transaction_id,
            variable_monitoring_id=row.variable_monitoring_id,
            event_notification_type=row.event_notification_type,
            component=row.component_name,
            component_instance=row.component_instance,
            evse_id=row.evse_id,
            connector_id=row.connector_id,
            variable=row.variable_name,
            variable_instance=row.variable_instance,
            seq_no=row.seq_no,
            tbc=row.tbc,
            generated_at=row.generated_at,
            received_at=row.received_at,
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
    def from_model(cls, row: MonitoringReportItem) -> ReportedMonitor:
        """Build from the ORM row."""
        return cls(
            request_id=row.request_id,
            seq_no=row.seq_no,
            generated_at=row.generated_at,
            component=row.component_name,
            component_instance=row.component_instance,
            evse_id=row.evse_id,
            connector_id=row.connector_id,
            variable=row.variable_name,
            variable_instance=row.variable_instance,
            id=row.monitor_id,
            transaction=row.transaction,
            type=row.type,
            severity=row.severity,
            value=row.value,
        )


async def station_alerts(
    info: Info[Context, Any],
    station_id: strawberry.ID | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[StationAlert]:
    """NotifyEvent items of one station, or of the fleet when stationId is omitted, newest
    (last received) first."""
    query = StationEventData.all()
    if station_id is not None:
        query = query.filter(station_id=str(station_id))
    if after is not None:
        query = query.filter(id__lt=decode_id_cursor(CURSOR_KIND, after))
    rows = await query.order_by("-id").limit(check_first(first))
    return [StationAlert.from_model(row) for row in rows]


async def monitoring_report(
    info: Info[Context, Any], station_id: strawberry.ID, request_id: int | None = None
) -> list[ReportedMonitor]:
    """The monitors of one report (the last one received when requestId is omitted), in the
    order the station listed them (by seqNo, then as received)."""
    query = MonitoringReportItem.filter(station_id=str(station_id))
    if request_id is None:
        last = await query.order_by("-id").first()
        if last is None:
            return []
        request_id = last.request_id
    rows = await query.filter(request_id=request_id).order_by("seq_no", "id").limit(MAX_MONITORS)
    return [ReportedMonitor.from_model(row) for row in rows]
