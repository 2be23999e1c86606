"""Report tracking per (station, requestId): the request, the station's answer, the parts.

Request ids are allocated by the CSMS, unique per station: one more than the highest id the
station's reports use, the unique (station, request_id) constraint settling a race between
two allocations (the loser retries).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from infra.db.models import DeviceModelReport, DeviceModelReportPart, Station
from modules.device_model.completion import report_complete

ALLOCATION_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class RequestedReport:
    """What the CSMS asks for: the command, its report base or its criteria."""

    kind: str
    report_base: str | None = None
    details: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """What one NotifyReport part did to its report."""

    duplicate: bool
    completed: bool
    report: DeviceModelReport


async def open_request(station_id: str, wanted: RequestedReport, now: datetime) -> int | None:
    """Allocate a request id and record the request; None when the station is unknown."""
    for _ in range(ALLOCATION_ATTEMPTS):
        try:
            async with in_transaction():
                if not await Station.exists(id=station_id):
                    return None
                last = (
                    await DeviceModelReport.filter(station_id=station_id)
                    .order_by("-request_id")
                    .first()
                    .values_list("request_id", flat=True)
                )
                request_id = int(last) + 1 if isinstance(last, int) else 1
                await DeviceModelReport.create(
                    station_id=station_id,
                    request_id=request_id,
                    kind=wanted.kind,
                    report_base=wanted.report_base,
                    request=wanted.details,
                    requested_at=now,
                )
                return request_id
        except IntegrityError:
            continue
    raise RuntimeError(f"could not allocate a report request id for {station_id}")


async def record_outcome(
    station_id: str, request_id: int, outcome: str, error_code: str | None
) -> None:
    """The call did not end with a station answer (OFFLINE, TIMEOUT, CALL_ERROR)."""
    await DeviceModelReport.filter(station_id=station_id, request_id=request_id).update(
        outcome=outcome, error_code=error_code
    )


async def record_answer(
    station_id: str,
    request_id: int,
    wanted: RequestedReport,
    status: str,
    reason: str | None,
    now: datetime,
) -> None:
    """The station answered GetBaseReport/GetReport: record its status on the report row,
    creating the row for a request sent some other way (sendCall)."""
    await DeviceModelReport.bulk_create(
        [
            DeviceModelReport(
                station_id=station_id,
                request_id=request_id,
                kind=wanted.kind,
                report_base=wanted.report_base,
                request=wanted.details,
                requested_at=now,
            )
        ],
        ignore_conflicts=True,
    )
    rows = DeviceModelReport.filter(station_id=station_id, request_id=request_id)
    await rows.update(outcome="RESULT", status=status, status_reason=reason)
    await rows.filter(kind=None).update(
        kind=wanted.kind, report_base=wanted.report_base, request=wanted.details, requested_at=now
    )


async def _locked_report(station_id: str, request_id: int) -> DeviceModelReport:
    """The report row, created if unknown, locked until the transaction ends (PostgreSQL;
    SQLite serialises transactions anyway)."""
    query = DeviceModelReport.filter(station_id=station_id, request_id=request_id)
    report = await query.select_for_update().first()
    if report is None:
        await DeviceModelReport.bulk_create(
            [DeviceModelReport(station_id=station_id, request_id=request_id)],
            ignore_conflicts=True,
        )
        report = await query.select_for_update().get()
    return report


async def receive_part(
    station_id: str,
    request_id: int,
    seq_no: int,
    tbc: bool,
    items: int,
    generated_at: datetime,
    now: datetime,
) -> PartOutcome:
    """Count one part into its report (once per seqNo) and decide whether it completed it.

    The caller stores the part's variables unless it is a duplicate.
    """
    report = await _locked_report(station_id, request_id)
    if await DeviceModelReportPart.exists(report_id=report.id, seq_no=seq_no):
        return PartOutcome(duplicate=True, completed=False, report=report)
    await DeviceModelReportPart.create(
        report_id=report.id,
        seq_no=seq_no,
        tbc=tbc,
        items=items,
        generated_at=generated_at,
        received_at=now,
    )
    report.parts += 1
    report.variables += items
    report.last_part_at = now
    if not tbc and report.final_seq_no is None:
        report.final_seq_no = seq_no
    completed = False
    if report.completed_at is None and report.final_seq_no is not None:
        seq_nos: list[Any] = await DeviceModelReportPart.filter(report_id=report.id).values_list(
            "seq_no", flat=True
        )
        first = 0 if report.kind is not None else None
        if report_complete([int(n) for n in seq_nos], report.final_seq_no, first):
            report.completed_at = now
            completed = True
    await report.save(
        update_fields=["parts", "variables", "last_part_at", "final_seq_no", "completed_at"]
    )
    return PartOutcome(duplicate=False, completed=completed, report=report)
