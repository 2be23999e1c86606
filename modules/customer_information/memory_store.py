"""The customer-information store's in-memory twin, for tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime

from modules.customer_information.policy import complete
from modules.customer_information.records import (
    InformationAnswer,
    InformationPart,
    InformationRecord,
    PartOutcome,
    PartRecord,
    Removal,
    RemovalView,
    RequestedInformation,
    removal_view,
)
from modules.kernel.pages import matches, newest_first


class MemoryCustomerInformationStore:
    """CustomerInformationStore in dicts and lists; `stations` are the known stations."""

    def __init__(self, stations: Iterable[str] = ()) -> None:
        self.stations = set(stations)
        self.records: dict[tuple[str, int], InformationRecord] = {}
        self.audit: list[RemovalView] = []

    def _next_row(self) -> int:
        return len(self.records) + 1

    async def open_request(
        self, station_id: str, wanted: RequestedInformation, now: datetime
    ) -> int | None:
        """One more than the station's highest requestId."""
        if station_id not in self.stations:
            return None
        used = [request_id for station, request_id in self.records if station == station_id]
        request_id = max(used) + 1 if used else 1
        self.records[(station_id, request_id)] = InformationRecord(
            row_id=self._next_row(),
            station_id=station_id,
            request_id=request_id,
            wanted=wanted,
            requested_at=now,
        )
        return request_id

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the request, if there is one."""
        key = (station_id, request_id)
        if key in self.records:
            self.records[key] = dataclasses.replace(
                self.records[key], outcome=outcome, error_code=error_code
            )

    async def record_answer(
        self, station_id: str, answer: InformationAnswer, now: datetime
    ) -> None:
        """The answer on the request, created if absent, completed if its parts came first."""
        key = (station_id, answer.request_id)
        record = self.records.get(key) or InformationRecord(
            row_id=self._next_row(), station_id=station_id, request_id=answer.request_id
        )
        if record.wanted is None:
            record = dataclasses.replace(record, wanted=answer.wanted, requested_at=now)
        self.records[key] = dataclasses.replace(
            record,
            outcome="RESULT",
            status=answer.status,
            reason_code=answer.reason_code,
            additional_info=answer.additional_info,
            answered_at=now,
        )

    async def receive_part(
        self, station_id: str, part: InformationPart, now: datetime
    ) -> PartOutcome:
        """A new seqNo is stored, then completion is judged on every seqNo received."""
        key = (station_id, part.request_id)
        record = self.records.get(key) or InformationRecord(
            row_id=self._next_row(), station_id=station_id, request_id=part.request_id
        )
        self.records[key] = record
        if any(stored.seq_no == part.seq_no for stored in record.parts):
            return PartOutcome(duplicate=True, completed=False, record=record)
        received = PartRecord(
            seq_no=part.seq_no,
            tbc=part.tbc,
            data=part.data,
            generated_at=part.generated_at,
            received_at=now,
        )
        parts = tuple(sorted((*record.parts, received), key=lambda stored: stored.seq_no))
        final = record.final_seq_no
        if not part.tbc and final is None:
            final = part.seq_no
        completed_at, completed = record.completed_at, False
        if completed_at is None:
            first = 0 if record.wanted is not None else None
            if complete([stored.seq_no for stored in parts], final, first):
                completed_at, completed = now, True
        record = dataclasses.replace(
            record, parts=parts, final_seq_no=final, last_part_at=now, completed_at=completed_at
        )
        self.records[key] = record
        return PartOutcome(duplicate=False, completed=completed, record=record)

    async def request(self, station_id: str, request_id: int) -> InformationRecord | None:
        """The request, if any."""
        return self.records.get((station_id, request_id))

    async def requests(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[InformationRecord]:
        """Newest first."""
        mine = [record for record in self.records.values() if record.station_id == station_id]
        return newest_first(mine, lambda record: record.row_id, limit, before_row)

    async def add_removal(self, removal: Removal) -> int:
        """Append with the next id."""
        view = removal_view(removal, len(self.audit) + 1)
        self.audit.append(view)
        return view.id

    async def removals(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[RemovalView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [row for row in self.audit if matches(row, station_id=station_id)]
        return newest_first(mine, lambda row: row.id, limit, before_id)
