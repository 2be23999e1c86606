"""The in-memory twin of the device-model store (dicts and lists), for unit tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

from modules.device_model.completion import report_complete
from modules.device_model.conversions import ACTUAL
from modules.device_model.identity import VariableRef
from modules.device_model.policy import HEARTBEAT_INTERVAL
from modules.device_model.records import (
    AttributeRecord,
    AttributeRow,
    Characteristics,
    DeviceModelRows,
    DeviceState,
    PartOutcome,
    ReportPart,
    ReportRecord,
    ReportRequestAnswer,
    RequestedReport,
    VariableFilter,
)


@dataclass(slots=True)
class _Variable:
    ref: VariableRef
    characteristics: Characteristics | None
    updated_at: datetime
    attributes: dict[str, AttributeRow] = field(default_factory=dict)
    attribute_times: dict[str, datetime] = field(default_factory=dict)


def _merge_attribute(old: AttributeRow | None, new: AttributeRow) -> AttributeRow:
    """A write without mutability/persistence keeps what the last report said."""
    if old is None:
        return new
    return dataclasses.replace(
        new,
        mutability=new.mutability if new.mutability is not None else old.mutability,
        persistent=new.persistent if new.persistent is not None else old.persistent,
        constant=new.constant if new.constant is not None else old.constant,
    )


_NO_CHARACTERISTICS = dict.fromkeys(field.name for field in fields(Characteristics))
"""The characteristics fields of a variable stored without any."""


def _named(name: str, wanted: str | None) -> bool:
    """Whether `name` is the `wanted` name ignoring case (any name when None)."""
    return wanted is None or name.lower() == wanted.lower()


class MemoryDeviceModelStore:
    """The device model in dicts; stations are added with `add_station`."""

    def __init__(self) -> None:
        self.last_boots: dict[str, datetime | None] = {}
        self.reboot_required: dict[str, datetime] = {}
        self.heartbeat_intervals: dict[str, int] = {}
        self.reports_by_id: dict[tuple[str, int], ReportRecord] = {}
        self.parts: dict[tuple[str, int], dict[int, ReportPart]] = {}
        self._variables: dict[tuple[str, str], _Variable] = {}

    def add_station(self, station_id: str, last_boot_at: datetime | None = None) -> None:
        """Make the station known (what the provisioning block's station row is)."""
        self.last_boots[station_id] = last_boot_at

    async def write_rows(self, station_id: str, rows: DeviceModelRows, now: datetime) -> None:
        """Upsert variables (characteristics kept when none given), then attributes."""
        if not rows.variables:
            return
        for row in rows.variables:
            known = self._variables.get((station_id, row.ref.key))
            if known is None:
                self._variables[(station_id, row.ref.key)] = _Variable(
                    row.ref, row.characteristics, now
                )
                continue
            known.ref, known.updated_at = row.ref, now
            if row.characteristics is not None:
                known.characteristics = row.characteristics
        for attribute in rows.attributes:
            target = self._variables[(station_id, attribute.key)]
            merged = _merge_attribute(target.attributes.get(attribute.type), attribute)
            target.attributes[attribute.type] = merged
            target.attribute_times[attribute.type] = now

    async def flag_reboot_required(self, station_id: str, now: datetime) -> None:
        """The answer's time."""
        self.reboot_required[station_id] = now

    async def set_heartbeat_interval(self, station_id: str, seconds: int) -> None:
        """Kept in `heartbeat_intervals`."""
        self.heartbeat_intervals[station_id] = seconds

    async def adopt_heartbeat_interval(self, station_id: str, seconds: int, now: datetime) -> None:
        """The stored Actual attribute, when there is one."""
        stored = self._variables.get((station_id, HEARTBEAT_INTERVAL.key))
        if stored is not None and ACTUAL in stored.attributes:
            actual = stored.attributes[ACTUAL]
            stored.attributes[ACTUAL] = dataclasses.replace(actual, value=str(seconds))
            stored.attribute_times[ACTUAL] = now

    async def open_request(
        self, station_id: str, wanted: RequestedReport, now: datetime
    ) -> int | None:
        """One more than the station's highest request id."""
        if station_id not in self.last_boots:
            return None
        used = [request_id for station, request_id in self.reports_by_id if station == station_id]
        request_id = max(used) + 1 if used else 1
        self.reports_by_id[(station_id, request_id)] = ReportRecord(
            request_id=request_id, **wanted.columns(now)
        )
        return request_id

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the report, if there is one."""
        key = (station_id, request_id)
        if key in self.reports_by_id:
            self.reports_by_id[key] = dataclasses.replace(
                self.reports_by_id[key], outcome=outcome, error_code=error_code
            )

    async def record_answer(
        self, station_id: str, answer: ReportRequestAnswer, now: datetime
    ) -> None:
        """Status on the report, created if absent, completed if its parts came first."""
        key = (station_id, answer.request_id)
        report = self.reports_by_id.get(key)
        if report is None or report.kind is None:
            report = dataclasses.replace(
                report or ReportRecord(request_id=answer.request_id),
                **answer.wanted.columns(now),
            )
        self.reports_by_id[key] = dataclasses.replace(
            report, outcome="RESULT", status=answer.status, status_reason=answer.reason
        )

    async def receive_part(self, station_id: str, part: ReportPart, now: datetime) -> PartOutcome:
        """A new seqNo is counted, then completion is judged on every seqNo received."""
        key = (station_id, part.request_id)
        report = self.reports_by_id.setdefault(key, ReportRecord(request_id=part.request_id))
        received = self.parts.setdefault(key, {})
        if part.seq_no in received:
            return PartOutcome(duplicate=True, completed=False, report=report)
        received[part.seq_no] = part
        final = report.final_seq_no
        if not part.tbc and final is None:
            final = part.seq_no
        completed_at = report.completed_at
        completed = False
        if completed_at is None and final is not None:
            first = 0 if report.kind is not None else None
            if report_complete(list(received), final, first):
                completed_at, completed = now, True
        report = dataclasses.replace(
            report,
            parts=report.parts + 1,
            variables=report.variables + part.items,
            last_part_at=now,
            final_seq_no=final,
            completed_at=completed_at,
        )
        self.reports_by_id[key] = report
        return PartOutcome(duplicate=False, completed=completed, report=report)

    async def variables(self, station_id: str, wanted: VariableFilter) -> list[AttributeRecord]:
        """Every attribute of the station's variables, filtered and ordered as the SQL does."""
        records: list[AttributeRecord] = []
        for (station, key), stored in self._variables.items():
            ref, chars = stored.ref, stored.characteristics
            if station != station_id or not _named(ref.component, wanted.component):
                continue
            if not _named(ref.variable, wanted.variable):
                continue
            characteristics = asdict(chars) if chars else _NO_CHARACTERISTICS
            for kind, attribute in stored.attributes.items():
                if wanted.after is None or (key, kind) > wanted.after:
                    records.append(
                        AttributeRecord(
                            **asdict(ref),
                            **asdict(attribute),
                            **characteristics,
                            updated_at=stored.attribute_times[kind],
                        )
                    )
        records.sort(key=lambda record: (record.key, record.type))
        return records[: wanted.limit]

    async def actual_values(self, station_id: str, keys: Collection[str]) -> dict[str, str | None]:
        """Lookups by key."""
        found: dict[str, str | None] = {}
        for key in keys:
            stored = self._variables.get((station_id, key))
            if stored is not None and "Actual" in stored.attributes:
                found[key] = stored.attributes["Actual"].value
        return found

    async def reports(self, station_id: str, limit: int) -> list[ReportRecord]:
        """Newest request id first."""
        mine = [
            report for (station, _), report in self.reports_by_id.items() if station == station_id
        ]
        return sorted(mine, key=lambda report: report.request_id, reverse=True)[:limit]

    async def report(self, station_id: str, request_id: int) -> ReportRecord | None:
        """The report, if any."""
        return self.reports_by_id.get((station_id, request_id))

    async def device_state(self, station_id: str) -> DeviceState | None:
        """The reboot flag and last boot of a known station."""
        if station_id not in self.last_boots:
            return None
        return DeviceState(
            station_id=station_id,
            reboot_required_at=self.reboot_required.get(station_id),
            last_boot_at=self.last_boots[station_id],
        )
