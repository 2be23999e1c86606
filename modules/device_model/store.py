"""The device model's storage: the operations handlers, commands and queries need, and the
SQL store (the only file of the block that touches the database, with `store_sql.py`).

Variables and attributes are written with two set-based upserts per NotifyReport part
(`store_sql.py`). Report request ids are allocated by the CSMS, unique per station: one more
than the highest id the station's reports use, the unique (station, request_id) constraint
settling a race between two allocations (the loser retries).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from tortoise.expressions import Q

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    DeviceAttribute,
    DeviceModelReport,
    DeviceModelReportPart,
    Station,
    StationDeviceState,
)
from modules.device_model import store_sql
from modules.device_model.completion import report_complete
from modules.device_model.records import (
    AttributeRecord,
    AttributeRow,
    DeviceState,
    PartOutcome,
    ReportPart,
    ReportRecord,
    RequestedReport,
    VariableRow,
)
from modules.kernel.records import record_of


class DeviceModelStore(Protocol):
    """What the device-model block stores and reads."""

    async def write_rows(
        self,
        station_id: str,
        variables: Sequence[VariableRow],
        attributes: Sequence[AttributeRow],
        now: datetime,
    ) -> None:
        """Upsert the variables and then their attributes (nothing when no variables)."""
        ...

    async def flag_reboot_required(self, station_id: str, now: datetime) -> None:
        """Record that the station answered RebootRequired at `now`."""
        ...

    async def open_request(
        self, station_id: str, wanted: RequestedReport, now: datetime
    ) -> int | None:
        """Allocate a report request id and record the request; None for an unknown station."""
        ...

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """The report request did not end with a station answer (OFFLINE, TIMEOUT,
        CALL_ERROR)."""
        ...

    async def record_answer(
        self,
        station_id: str,
        request_id: int,
        wanted: RequestedReport,
        status: str,
        reason: str | None,
        now: datetime,
    ) -> None:
        """The station answered GetBaseReport/GetReport: its status on the report, which is
        created (or completed with what was asked) for a request sent some other way."""
        ...

    async def receive_part(self, station_id: str, part: ReportPart, now: datetime) -> PartOutcome:
        """Count one part into its report (once per seqNo) and decide whether it completed
        it; the caller stores the part's variables unless it is a duplicate."""
        ...

    async def variables(
        self,
        station_id: str,
        component: str | None,
        variable: str | None,
        after: tuple[str, str] | None,
        limit: int,
    ) -> list[AttributeRecord]:
        """Attributes ordered by (variable key, attribute type), after that pair when given;
        `component` and `variable` match names ignoring case."""
        ...

    async def reports(self, station_id: str, limit: int) -> list[ReportRecord]:
        """The station's reports, newest request id first."""
        ...

    async def report(self, station_id: str, request_id: int) -> ReportRecord | None:
        """One report by request id."""
        ...

    async def device_state(self, station_id: str) -> DeviceState | None:
        """The station's reboot flag and last boot; None for an unknown station."""
        ...


def _record(row: DeviceModelReport) -> ReportRecord:
    request = row.request if isinstance(row.request, dict) else None
    return record_of(ReportRecord, row, request=request)


_VARIABLE_VALUES = (
    "type",
    "value",
    "mutability",
    "persistent",
    "constant",
    "updated_at",
    "variable__key",
    "variable__component_name",
    "variable__component_instance",
    "variable__evse_id",
    "variable__connector_id",
    "variable__variable_name",
    "variable__variable_instance",
    "variable__data_type",
    "variable__unit",
    "variable__min_limit",
    "variable__max_limit",
    "variable__values_list",
    "variable__supports_monitoring",
)


def _attribute(row: dict[str, Any]) -> AttributeRecord:
    return AttributeRecord(
        key=row["variable__key"],
        component=row["variable__component_name"],
        component_instance=row["variable__component_instance"],
        evse_id=row["variable__evse_id"],
        connector_id=row["variable__connector_id"],
        variable=row["variable__variable_name"],
        variable_instance=row["variable__variable_instance"],
        type=row["type"],
        value=row["value"],
        mutability=row["mutability"],
        persistent=row["persistent"],
        constant=row["constant"],
        data_type=row["variable__data_type"],
        unit=row["variable__unit"],
        min_limit=row["variable__min_limit"],
        max_limit=row["variable__max_limit"],
        values_list=row["variable__values_list"],
        supports_monitoring=row["variable__supports_monitoring"],
        updated_at=row["updated_at"],
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


class SqlDeviceModelStore:
    """The device model in the database (Tortoise ORM and hand-written upserts)."""

    async def write_rows(
        self,
        station_id: str,
        variables: Sequence[VariableRow],
        attributes: Sequence[AttributeRow],
        now: datetime,
    ) -> None:
        """Two set-based upserts: variables, then their attributes."""
        await store_sql.store(station_id, variables, attributes, now)

    async def flag_reboot_required(self, station_id: str, now: datetime) -> None:
        """Upsert the station's device state with the time of the answer."""
        await StationDeviceState.bulk_create(
            [StationDeviceState(station_id=station_id, reboot_required_at=now)],
            on_conflict=["station_id"],
            update_fields=["reboot_required_at"],
        )

    async def open_request(
        self, station_id: str, wanted: RequestedReport, now: datetime
    ) -> int | None:
        """One more than the station's highest request id; retried on the unique constraint."""

        wanted_values = {
            "kind": wanted.kind,
            "report_base": wanted.report_base,
            "request": wanted.details,
            "requested_at": now,
        }
        return await allocate_station_id(
            station_id,
            DeviceModelReport,
            "request_id",
            wanted_values,
            lock_station=False,
            what="a report request id",
        )

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the report row."""
        await DeviceModelReport.filter(station_id=station_id, request_id=request_id).update(
            outcome=outcome, error_code=error_code
        )

    async def record_answer(
        self,
        station_id: str,
        request_id: int,
        wanted: RequestedReport,
        status: str,
        reason: str | None,
        now: datetime,
    ) -> None:
        """Status on the report row, created if absent, completed if its parts came first."""
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
            kind=wanted.kind,
            report_base=wanted.report_base,
            request=wanted.details,
            requested_at=now,
        )

    async def receive_part(self, station_id: str, part: ReportPart, now: datetime) -> PartOutcome:
        """Under the report row's lock: a new seqNo is stored and counted, then completion is
        judged on every seqNo received."""
        report = await _locked_report(station_id, part.request_id)
        if await DeviceModelReportPart.exists(report_id=report.id, seq_no=part.seq_no):
            return PartOutcome(duplicate=True, completed=False, report=_record(report))
        await DeviceModelReportPart.create(
            report_id=report.id,
            seq_no=part.seq_no,
            tbc=part.tbc,
            items=part.items,
            generated_at=part.generated_at,
            received_at=now,
        )
        report.parts += 1
        report.variables += part.items
        report.last_part_at = now
        if not part.tbc and report.final_seq_no is None:
            report.final_seq_no = part.seq_no
        completed = False
        if report.completed_at is None and report.final_seq_no is not None:
            seq_nos: list[Any] = await DeviceModelReportPart.filter(
                report_id=report.id
            ).values_list("seq_no", flat=True)
            first = 0 if report.kind is not None else None
            if report_complete([int(n) for n in seq_nos], report.final_seq_no, first):
                report.completed_at = now
                completed = True
        await report.save(
            update_fields=["parts", "variables", "last_part_at", "final_seq_no", "completed_at"]
        )
        return PartOutcome(duplicate=False, completed=completed, report=_record(report))

    async def variables(
        self,
        station_id: str,
        component: str | None,
        variable: str | None,
        after: tuple[str, str] | None,
        limit: int,
    ) -> list[AttributeRecord]:
        """One ordered query over attributes joined to their variables."""
        query = DeviceAttribute.filter(variable__station_id=station_id)
        if component is not None:
            query = query.filter(variable__component_name__iexact=component)
        if variable is not None:
            query = query.filter(variable__variable_name__iexact=variable)
        if after is not None:
            key, attribute_type = after
            # the `>=` alone lets PostgreSQL start the (station_id, key) index scan at the cursor
            query = query.filter(variable__key__gte=key).filter(
                Q(variable__key__gt=key) | Q(variable__key=key, type__gt=attribute_type)
            )
        rows = await query.order_by("variable__key", "type").limit(limit).values(*_VARIABLE_VALUES)
        return [_attribute(row) for row in rows]

    async def reports(self, station_id: str, limit: int) -> list[ReportRecord]:
        """Newest request id first."""
        rows = (
            await DeviceModelReport.filter(station_id=station_id)
            .order_by("-request_id")
            .limit(limit)
        )
        return [_record(row) for row in rows]

    async def report(self, station_id: str, request_id: int) -> ReportRecord | None:
        """The report row, if any."""
        row = await DeviceModelReport.get_or_none(station_id=station_id, request_id=request_id)
        return _record(row) if row else None

    async def device_state(self, station_id: str) -> DeviceState | None:
        """The station row's last boot and its device-state row's reboot flag."""
        station = await Station.get_or_none(id=station_id)
        if station is None:
            return None
        state = await StationDeviceState.get_or_none(station_id=station.id)
        return DeviceState(
            station_id=station.id,
            reboot_required_at=state.reboot_required_at if state else None,
            last_boot_at=station.last_boot_at,
        )
