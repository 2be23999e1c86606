"""Monitoring handlers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

from collections.abc import Sequence

from ocpp.v201 import call, call_result, datatypes

from modules.kernel.records import component_variable
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring.events import (
    AlertChanged,
    AlertItem,
    AlertReported,
    MonitoringReportCompleted,
)
from modules.monitoring.policy import AlertChange, alert_change, whole_set
from modules.monitoring.records import AlertInput, AlertStateView, MonitorInput, Part
from modules.monitoring.store import MonitoringStore


class MonitoringHandlers(OnStore[MonitoringStore]):
    """The monitoring block's answers to station calls, built with its store."""

    async def notify_event(
        self, ctx: HandlerContext, request: call.NotifyEvent
    ) -> call_result.NotifyEvent:
        """N07.FR.03, N08.FR.02: store every eventData item of the part (one INSERT) and
        answer; raise or clear the alerts its items set and emit ALERT_CHANGED for each, and
        one ALERT summarising the part's items. A part stored already (station, generatedAt
        and seqNo: a unique index) is answered alike and changes and emits nothing."""
        tbc = bool(request.tbc)
        part = Part(
            station_id=ctx.station_id,
            seq_no=request.seq_no,
            tbc=tbc,
            generated_at=parse_ocpp_datetime(request.generated_at),
            received_at=ctx.now,
        )
        if not await self._store.add_event_items(part, request.event_data):
            return call_result.NotifyEvent()
        changes = alert_inputs(request.event_data)
        for state in await self._store.apply_alerts(ctx.station_id, changes, ctx.now):
            ctx.emit(alert_changed(ctx, state))
        items = tuple(
            AlertItem(
                event_id=item.event_id,
                timestamp=item.timestamp,
                trigger=item.trigger.value,
                component=item.component.name,
                variable=item.variable.name,
                actual_value=item.actual_value,
                cleared=item.cleared,
            )
            for item in request.event_data
        )
        ctx.emit(
            AlertReported(
                **ctx.origin,
                generated_at=request.generated_at,
                seq_no=request.seq_no,
                tbc=tbc,
                count=len(items),
                events=items,
            )
        )
        return call_result.NotifyEvent()

    async def notify_monitoring_report(
        self, ctx: HandlerContext, request: call.NotifyMonitoringReport
    ) -> call_result.NotifyMonitoringReport:
        """N02: count the part into its report (a repeated seqNo only once), store its monitors
        as listed and as the station's monitors, whatever order the parts come in; emit
        MONITORING_REPORT_COMPLETED when it completes the report. A completed whole-set report
        (N02.FR.11) forgets the stored monitors it did not list."""
        monitors = request.monitor or []
        part = Part(
            station_id=ctx.station_id,
            seq_no=request.seq_no,
            tbc=bool(request.tbc),
            generated_at=parse_ocpp_datetime(request.generated_at),
            received_at=ctx.now,
        )
        count = sum(len(data.variable_monitoring) for data in monitors)
        outcome = await self._store.receive_report_part(
            ctx.station_id, request.request_id, part, count
        )
        if outcome.duplicate:
            return call_result.NotifyMonitoringReport()
        await self._store.add_monitors(part, request.request_id, monitors)
        listed = reported_monitors(monitors, request.request_id)
        await self._store.upsert_monitors(ctx.station_id, listed, ctx.now)
        if outcome.completed:
            report = outcome.report
            pruned = 0
            if whole_set(report) and report.requested_at is not None:
                pruned = await self._store.prune_monitors(ctx.station_id, report.requested_at)
            ctx.emit(
                MonitoringReportCompleted(
                    **ctx.origin,
                    request_id=report.request_id,
                    parts=report.parts,
                    monitors=report.monitors,
                    pruned=pruned,
                )
            )
        return call_result.NotifyMonitoringReport()


def alert_inputs(items: Sequence[datatypes.EventDataType]) -> list[AlertInput]:
    """The alert changes of a NotifyEvent's items (items that change none left out)."""
    changes: list[AlertInput] = []
    for item in items:
        change = alert_change(item.trigger.value, item.cleared)
        if change is None:
            continue
        changes.append(
            AlertInput(
                **component_variable(item.component, item.variable),
                active=change is AlertChange.RAISE,
                trigger=item.trigger.value,
                actual_value=item.actual_value,
                event_id=item.event_id,
                variable_monitoring_id=item.variable_monitoring_id,
                event_notification_type=item.event_notification_type.value,
                event_at=parse_ocpp_datetime(item.timestamp),
            )
        )
    return changes


def alert_changed(ctx: HandlerContext, state: AlertStateView) -> AlertChanged:
    """The ALERT_CHANGED event of a written alert state."""
    return AlertChanged(
        **ctx.origin,
        component=state.component,
        component_instance=state.component_instance,
        evse_id=state.evse_id,
        connector_id=state.connector_id,
        variable=state.variable,
        variable_instance=state.variable_instance,
        active=state.active,
        severity=state.severity,
        trigger=state.trigger,
        actual_value=state.actual_value,
        event_id=state.event_id,
        variable_monitoring_id=state.variable_monitoring_id,
        event_at=state.event_at,
    )


def reported_monitors(
    monitors: Sequence[datatypes.MonitoringDataType], request_id: int | None
) -> list[MonitorInput]:
    """The station's monitors a NotifyMonitoringReport part lists."""
    return [
        MonitorInput(
            **component_variable(data.component, data.variable),
            monitor_id=monitor.id,
            type=monitor.type.value,
            value=float(monitor.value),
            severity=monitor.severity,
            transaction=monitor.transaction,
            source="NotifyMonitoringReport",
            request_id=request_id,
        )
        for data in monitors
        for monitor in data.variable_monitoring
    ]
