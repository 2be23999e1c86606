"""Device-model handlers: NotifyReport from stations, and the results of the commands this
module offers (each runs in one transaction; events go out after the commit)."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from infra.db.models import StationDeviceState
from modules.device_model import conversions, events, reports, store
from modules.device_model.reports import RequestedReport
from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import parse_ocpp_datetime


async def notify_report(
    ctx: HandlerContext, request: call.NotifyReport
) -> call_result.NotifyReport:
    """B07/B08: store the part's variables as it arrives (a repeated seqNo only once); emit
    REPORT_COMPLETED when the part completes its report."""
    report_data = request.report_data or []
    part = await reports.receive_part(
        ctx.station_id,
        request.request_id,
        request.seq_no,
        bool(request.tbc),
        len(report_data),
        parse_ocpp_datetime(request.generated_at),
        ctx.now,
    )
    if part.duplicate:
        return call_result.NotifyReport()
    variables, attributes = conversions.report_rows(report_data)
    await store.store(ctx.station_id, variables, attributes, ctx.now)
    if part.completed:
        ctx.emit(
            events.REPORT_COMPLETED,
            {
                "requestId": request.request_id,
                "parts": part.report.parts,
                "variables": part.report.variables,
                "kind": part.report.kind,
                "reportBase": part.report.report_base,
            },
        )
    return call_result.NotifyReport()


async def get_base_report_result(
    ctx: HandlerContext, request: call.GetBaseReport, response: call_result.GetBaseReport
) -> None:
    """B07: the station's answer, recorded on the report row."""
    wanted = RequestedReport("GetBaseReport", conversions.status_text(request.report_base))
    await reports.record_answer(
        ctx.station_id,
        request.request_id,
        wanted,
        conversions.status_text(response.status) or "",
        response.status_info.reason_code if response.status_info else None,
        ctx.now,
    )


async def get_report_result(
    ctx: HandlerContext, request: call.GetReport, response: call_result.GetReport
) -> None:
    """B08: the station's answer, recorded on the report row."""
    details = codec.encode(request)
    details.pop("requestId", None)
    await reports.record_answer(
        ctx.station_id,
        request.request_id,
        RequestedReport("GetReport", None, details),
        conversions.status_text(response.status) or "",
        response.status_info.reason_code if response.status_info else None,
        ctx.now,
    )


async def get_variables_result(
    ctx: HandlerContext, request: call.GetVariables, response: call_result.GetVariables
) -> None:
    """B06: every Accepted value read is written into the device model."""
    variables, attributes = conversions.read_rows(response.get_variable_result)
    await store.store(ctx.station_id, variables, attributes, ctx.now)
    ctx.emit(
        events.VARIABLES_READ,
        {"requested": len(request.get_variable_data), "accepted": len(attributes)},
    )


async def set_variables_result(
    ctx: HandlerContext, request: call.SetVariables, response: call_result.SetVariables
) -> None:
    """B05: Accepted and RebootRequired values are written into the device model; a
    RebootRequired flags the station until its next boot."""
    asked = conversions.requested_values(request.set_variable_data)
    results = response.set_variable_result
    variables, attributes = conversions.written_rows(asked, results)
    await store.store(ctx.station_id, variables, attributes, ctx.now)
    statuses = [conversions.status_text(result.attribute_status) for result in results]
    reboot_required = "RebootRequired" in statuses
    if reboot_required:
        await StationDeviceState.bulk_create(
            [StationDeviceState(station_id=ctx.station_id, reboot_required_at=ctx.now)],
            on_conflict=["station_id"],
            update_fields=["reboot_required_at"],
        )
    ctx.emit(
        events.VARIABLES_SET,
        {
            "results": [
                {
                    "component": result.component.name,
                    "variable": result.variable.name,
                    "attributeType": conversions.status_text(result.attribute_type) or "Actual",
                    "status": status,
                }
                for result, status in zip(results, statuses, strict=True)
            ],
            "rebootRequired": reboot_required,
        },
    )
