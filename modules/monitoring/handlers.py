"""Monitoring handlers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import parse_ocpp_datetime
from modules.monitoring.events import AlertItem, AlertReported
from modules.monitoring.store import MonitoringStore, Part


class MonitoringHandlers(OnStore[MonitoringStore]):
    """The monitoring block's answers to station calls, built with its store."""

    async def notify_event(
        self, ctx: HandlerContext, request: call.NotifyEvent
    ) -> call_result.NotifyEvent:
        """N07.FR.03: store every eventData item of the part (one INSERT) and answer; emit one
        ALERT summarising the part's items."""
        tbc = bool(request.tbc)
        part = Part(
            station_id=ctx.station_id,
            seq_no=request.seq_no,
            tbc=tbc,
            generated_at=parse_ocpp_datetime(request.generated_at),
            received_at=ctx.now,
        )
        await self._store.add_event_items(part, request.event_data)
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
        """N02: store the part's monitors (one INSERT), whatever order the parts come in."""
        part = Part(
            station_id=ctx.station_id,
            seq_no=request.seq_no,
            tbc=bool(request.tbc),
            generated_at=parse_ocpp_datetime(request.generated_at),
            received_at=ctx.now,
        )
        await self._store.add_monitors(part, request.request_id, request.monitor or [])
        return call_result.NotifyMonitoringReport()
