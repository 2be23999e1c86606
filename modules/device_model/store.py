"""The device model's storage: the operations handlers, commands and queries need, and the
SQL store (the only file of the block that touches the database, with `store_sql.py`).

Variables and attributes are written with two set-based upserts per NotifyReport part
(`store_sql.py`). Report request ids are allocated by the CSMS, unique per station: one more
than the highest id the station's reports use, the unique (station, request_id) constraint
settling a race between two allocations (the loser retries).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, Protocol

from tortoise.expressions import Q

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    COMPONENT_VARIABLE_RENAMES,
    DeviceAttribute,
    DeviceModelReport,
    DeviceModelReportPart,
    DeviceVariable,
    Station,
    StationDeviceState,
)
from modules.device_model import records, store_sql
from modules.device_model.completion import report_complete
from modules.device_model.policy import HEARTBEAT_INTERVAL
from modules.kernel.records import COMPONENT_VARIABLE_FIELDS, record_of


class DeviceModelStore(Protocol):
    """What the device-model block stores and reads."""

    async def write_rows(
        self, station_id: str, rows: records.DeviceModelRows, now: datetime
    ) -> None:
        """Upsert the variables and then their attributes (nothing when no variables)."""
        ...

    async def flag_reboot_required(self, station_id: str, now: datetime) -> None:
        """Record that the station answered RebootRequired at `now`."""
        ...

    async def set_heartbeat_interval(self, station_id: str, seconds: int) -> None:
        """The station took the HeartbeatInterval the CSMS set: its boots are answered with
        it."""
        ...

    async def adopt_heartbeat_interval(self, station_id: str, seconds: int, now: datetime) -> None:
        """A boot told the station to use `seconds` (B01.FR.04): its stored
        OCPPCommCtrlr.HeartbeatInterval Actual value says so (when the device model has it)."""
        ...

    async def open_request(
        self, station_id: str, wanted: records.RequestedReport, now: datetime
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
        self, station_id: str, answer: records.ReportRequestAnswer, now: datetime
    ) -> None:
        """The station answered GetBaseReport/GetReport: its status on the report, which is
        created (or completed with what was asked) for a request sent some other way."""
        ...

    async def receive_part(
        self, station_id: str, part: records.ReportPart, now: datetime
    ) -> records.PartOutcome:
        """Count one part into its report (once per seqNo) and decide whether it completed
        it; the caller stores the part's variables unless it is a duplicate."""
        ...

    async def variables(
        self, station_id: str, wanted: records.VariableFilter
    ) -> list[records.AttributeRecord]:
        """The station's attributes `wanted` selects, in its order."""
        ...

    async def actual_values(self, station_id: str, keys: Collection[str]) -> dict[str, str | None]:
        """The Actual values of the station's variables with these keys (absent: unknown)."""
        ...

    async def reports(self, station_id: str, limit: int) -> list[records.ReportRecord]:
        """The station's reports, newest request id first."""
        ...

    async def report(self, station_id: str, request_id: int) -> records.ReportRecord | None:
        """One report by request id."""
        ...

    async def device_state(self, station_id: str) -> records.DeviceState | None:
        """The station's reboot flag and last boot; None for an unknown station."""
        ...


def _record(row: DeviceModelReport) -> records.ReportRecord:
    request = row.request if isinstance(row.request, dict) else None
    return record_of(records.ReportRecord, row, request=request)


_SELECTED = {
    **{name: name for name in store_sql.ATTRIBUTE_COLUMNS},
    **{
        name: f"variable__{COMPONENT_VARIABLE_RENAMES.get(name, name)}"
        for name in ("key", *COMPONENT_VARIABLE_FIELDS, *store_sql.CHARACTERISTICS)
    },
}
"""AttributeRecord's fields -> the attribute's and its variable's columns the read selects."""


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
        self, station_id: str, rows: records.DeviceModelRows, now: datetime
    ) -> None:
        """Two set-based upserts: variables, then their attributes."""
        await store_sql.store(station_id, rows, now)

    async def flag_reboot_required(self, station_id: str, now: datetime) -> None:
        """Upsert the station's device state with the time of the answer."""
        await StationDeviceState.bulk_create(
            [StationDeviceState(station_id=station_id, reboot_required_at=now)],
            on_conflict=["station_id"],
            update_fields=["reboot_required_at"],
        )

    async def set_heartbeat_interval(self, station_id: str, seconds: int) -> None:
        """Upsert the station's device state with the interval."""
        await StationDeviceState.bulk_create(
            [StationDeviceState(station_id=station_id, heartbeat_interval=seconds)],
            on_conflict=["station_id"],
            update_fields=["heartbeat_interval"],
        )

    async def adopt_heartbeat_interval(self, station_id: str, seconds: int, now: datetime) -> None:
        """Find the variable, update its Actual attribute (two statements)."""
        ids = await DeviceVariable.filter(
            station_id=station_id, key=HEARTBEAT_INTERVAL.key
        ).values_list("id", flat=True)
        if ids:
            await DeviceAttribute.filter(variable_id__in=list(ids), type="Actual").update(
                value=str(seconds), updated_at=now
            )

    async def open_request(
        self, station_id: str, wanted: records.RequestedReport, now: datetime
    ) -> int | None:
        """One more than the station's highest request id; retried on the unique constraint."""

        return await allocate_station_id(
            station_id,
            DeviceModelReport,
            "request_id",
            wanted.columns(now),
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
        self, station_id: str, answer: records.ReportRequestAnswer, now: datetime
    ) -> None:
        """Status on the report row, created if absent, completed if its parts came first."""
        key = {"station_id": station_id, "request_id": answer.request_id}
        asked = answer.wanted.columns(now)
        await DeviceModelReport.bulk_create(
            [DeviceModelReport(**key, **asked)], ignore_conflicts=True
        )
        rows = DeviceModelReport.filter(**key)
        await rows.update(outcome="RESULT", status=answer.status, status_reason=answer.reason)
        await rows.filter(kind=None).update(**asked)

    async def receive_part(
        self, station_id: str, part: records.ReportPart, now: datetime
    ) -> records.PartOutcome:
        """Under the report row's lock: a new seqNo is stored and counted, then completion is
        judged on every seqNo received."""
        report = await _locked_report(station_id, part.request_id)
        if await DeviceModelReportPart.exists(report_id=report.id, seq_no=part.seq_no):
            return records.PartOutcome(duplicate=True, completed=False, report=_record(report))
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
        return records.PartOutcome(duplicate=False, completed=completed, report=_record(report))

    async def variables(
        self, station_id: str, wanted: records.VariableFilter
    ) -> list[records.AttributeRecord]:
        """One ordered query over attributes joined to their variables."""
        query = DeviceAttribute.filter(variable__station_id=station_id)
        if wanted.component is not None:
            query = query.filter(variable__component_name__iexact=wanted.component)
        if wanted.variable is not None:
            query = query.filter(variable__variable_name__iexact=wanted.variable)
        if wanted.after is not None:
            key, attribute_type = wanted.after
            # the `>=` alone lets PostgreSQL start the (station_id, key) index scan at the cursor
            query = query.filter(variable__key__gte=key).filter(
                Q(variable__key__gt=key) | Q(variable__key=key, type__gt=attribute_type)
            )
        rows = (
            await query.order_by("variable__key", "type")
            .limit(wanted.limit)
            .values(*_SELECTED.values())
        )
        return [
            records.AttributeRecord(**{f: row[c] for f, c in _SELECTED.items()}) for row in rows
        ]

    async def actual_values(self, station_id: str, keys: Collection[str]) -> dict[str, str | None]:
        """One query on the (station, key) index."""
        if not keys:
            return {}
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id, variable__key__in=list(keys), type="Actual"
        ).values_list("variable__key", "value")
        return {str(key): value for key, value in rows}

    async def reports(self, station_id: str, limit: int) -> list[records.ReportRecord]:
        """Newest request id first."""
        rows = (
            await DeviceModelReport.filter(station_id=station_id)
            .order_by("-request_id")
            .limit(limit)
        )
        return [_record(row) for row in rows]

    async def report(self, station_id: str, request_id: int) -> records.ReportRecord | None:
        """The report row, if any."""
        row = await DeviceModelReport.get_or_none(station_id=station_id, request_id=request_id)
        return _record(row) if row else None

    async def device_state(self, station_id: str) -> records.DeviceState | None:
        """The station row's last boot and its device-state row's reboot flag."""
        station = await Station.get_or_none(id=station_id)
        if station is None:
            return None
        state = await StationDeviceState.get_or_none(station_id=station.id)
        return records.DeviceState(
            station_id=station.id,
            reboot_required_at=state.reboot_required_at if state else None,
            last_boot_at=station.last_boot_at,
        )
