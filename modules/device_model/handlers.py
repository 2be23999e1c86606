"""NotifyReport from stations (B07/B08): each part stored as it arrives, in the call's
transaction; REPORT_COMPLETED goes out after the commit."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.device_model import conversions
from modules.device_model.events import ReportCompleted
from modules.device_model.records import DeviceModelRows, ReportPart
from modules.device_model.store import DeviceModelStore
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import parse_ocpp_datetime


class DeviceModelHandlers(OnStore[DeviceModelStore]):
    """The device model's CS->CSMS handlers, on its store."""

    async def notify_report(
        self, ctx: HandlerContext, request: call.NotifyReport
    ) -> call_result.NotifyReport:
        """B07/B08: store the part's variables as it arrives (a repeated seqNo only once);
        emit REPORT_COMPLETED when the part completes its report."""
        report_data = request.report_data or []
        part = ReportPart(
            request_id=request.request_id,
            seq_no=request.seq_no,
            tbc=bool(request.tbc),
            items=len(report_data),
            generated_at=parse_ocpp_datetime(request.generated_at),
        )
        outcome = await self._store.receive_part(ctx.station_id, part, ctx.now)
        if outcome.duplicate:
            return call_result.NotifyReport()
        rows = DeviceModelRows(*conversions.report_rows(report_data))
        await self._store.write_rows(ctx.station_id, rows, ctx.now)
        if outcome.completed:
            report = outcome.report
            ctx.emit(
                ReportCompleted(
                    **ctx.origin,
                    request_id=request.request_id,
                    parts=report.parts,
                    variables=report.variables,
                    kind=report.kind,
                    report_base=report.report_base,
                )
            )
        return call_result.NotifyReport()
