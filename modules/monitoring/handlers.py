"""Monitoring handlers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from ocpp.v201 import call, call_result, datatypes

from infra.db.writes import insert_rows
from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring import events

_COMPONENT_COLUMNS = (
    "component_name",
    "component_instance",
    "evse_id",
    "connector_id",
    "variable_name",
    "variable_instance",
)
EVENT_COLUMNS = (
    "station_id",
    "generated_at",
    "seq_no",
    "tbc",
    "event_id",
    "timestamp",
    "trigger",
    "cause",
    "actual_value",
    "tech_code",
    "tech_info",
    "cleared",
    "transaction_id",
    "variable_monitoring_id",
    "event_notification_type",
    *_COMPONENT_COLUMNS,
    "received_at",
)
MONITOR_COLUMNS = (
    "station_id",
    "request_id",
    "seq_no",
    "tbc",
    "generated_at",
    *_COMPONENT_COLUMNS,
    "monitor_id",
    "transaction",
    "type",
    "severity",
    "value",
    "received_at",
)


def _text(value: Any) -> str:
    """An enum's OCPP value, or the string as it came."""
    return str(value.value) if isinstance(value, Enum) else str(value)


def _component_values(
    component: datatypes.ComponentType, variable: datatypes.VariableType
) -> list[Any]:
    evse = component.evse
    return [
        component.name,
        component.instance,
        evse.id if evse else None,
        evse.connector_id if evse else None,
        variable.name,
        variable.instance,
    ]


async def notify_event(ctx: HandlerContext, request: call.NotifyEvent) -> call_result.NotifyEvent:
    """N07: store every eventData item of the part (one INSERT); emit one ALERT."""
    generated_at = parse_ocpp_datetime(request.generated_at)
    tbc = bool(request.tbc)
    rows: list[list[Any]] = []
    summary: list[dict[str, Any]] = []
    for item in request.event_data:
        trigger = _text(item.trigger)
        rows.append(
            [
                ctx.station_id,
                generated_at,
                request.seq_no,
                tbc,
                item.event_id,
                parse_ocpp_datetime(item.timestamp),
                trigger,
                item.cause,
                item.actual_value,
                item.tech_code,
                item.tech_info,
                item.cleared,
                item.transaction_id,
                item.variable_monitoring_id,
                _text(item.event_notification_type),
                *_component_values(item.component, item.variable),
                ctx.now,
            ]
        )
        summary.append(
            {
                "eventId": item.event_id,
                "timestamp": item.timestamp,
                "trigger": trigger,
                "component": item.component.name,
                "variable": item.variable.name,
                "actualValue": item.actual_value,
                "cleared": item.cleared,
            }
        )
    await insert_rows("station_event_data", EVENT_COLUMNS, rows)
    ctx.emit(
        events.ALERT,
        {
            "generatedAt": request.generated_at,
            "seqNo": request.seq_no,
            "tbc": tbc,
            "count": len(summary),
            "events": summary,
        },
    )
    return call_result.NotifyEvent()


async def notify_monitoring_report(
    ctx: HandlerContext, request: call.NotifyMonitoringReport
) -> call_result.NotifyMonitoringReport:
    """N02: store the part's monitors (one INSERT), whatever order the parts come in."""
    generated_at = parse_ocpp_datetime(request.generated_at)
    tbc = bool(request.tbc)
    rows: list[list[Any]] = []
    for data in request.monitor or []:
        where = _component_values(data.component, data.variable)
        for monitor in data.variable_monitoring:
            rows.append(
                [
                    ctx.station_id,
                    request.request_id,
                    request.seq_no,
                    tbc,
                    generated_at,
                    *where,
                    monitor.id,
                    monitor.transaction,
                    _text(monitor.type),
                    monitor.severity,
                    float(monitor.value),
                    ctx.now,
                ]
            )
    await insert_rows("monitoring_report_item", MONITOR_COLUMNS, rows)
    return call_result.NotifyMonitoringReport()
