"""The customer-information block's storage: requests per (station, requestId), their parts,
and the audit of removals (the only file of the block that touches the database).

requestIds are allocated by the CSMS, unique per station: one more than the highest the
station's requests use, the unique (station, request_id) constraint settling a race (the
loser retries). The row is written before the request is sent, so a part can never arrive
for a request the CSMS has not recorded. A part is counted under its request row's lock
(PostgreSQL; SQLite runs one write transaction at a time).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from typing import Any, Protocol

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    CustomerDataRemoval,
    CustomerInformationPart,
    CustomerInformationRequest,
)
from infra.db.pages import newest_first, where_given
from modules.customer_information.policy import complete
from modules.customer_information.records import (
    CertificateHash,
    CustomerReference,
    InformationAnswer,
    InformationPart,
    InformationRecord,
    PartOutcome,
    PartRecord,
    Removal,
    RemovalView,
    RequestedInformation,
    Requester,
)


class CustomerInformationStore(Protocol):
    """What the customer-information handlers, commands and queries need stored and read."""

    async def open_request(
        self, station_id: str, wanted: RequestedInformation, now: datetime
    ) -> int | None:
        """Allocate a requestId and record the request; None for an unknown station."""
        ...

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """The request did not end with a station answer (TIMEOUT, CALL_ERROR)."""
        ...

    async def record_answer(
        self, station_id: str, answer: InformationAnswer, now: datetime
    ) -> None:
        """The station's answer on the request, which is created (or completed with what was
        asked) for a request sent some other way."""
        ...

    async def receive_part(
        self, station_id: str, part: InformationPart, now: datetime
    ) -> PartOutcome:
        """Store a part unless its seqNo arrived already, and judge completion on every seqNo
        received (a request the CSMS has no record of is created)."""
        ...

    async def request(self, station_id: str, request_id: int) -> InformationRecord | None:
        """One request with its parts, or None."""
        ...

    async def requests(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[InformationRecord]:
        """Up to `limit` requests of the station with their parts, newest first, with
        row_id < before_row when given."""
        ...

    async def add_removal(self, removal: Removal) -> int:
        """Store one audit record of a removal; returns its id."""
        ...

    async def removals(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[RemovalView]:
        """Up to `limit` removals, newest first, of one station (all when None), with
        id < before_id when given."""
        ...


def _customer_columns(customer: CustomerReference) -> dict[str, Any]:
    certificate = customer.customer_certificate
    return {
        "id_token": customer.id_token,
        "id_token_type": customer.id_token_type,
        "customer_identifier": customer.customer_identifier,
        "customer_certificate": asdict(certificate) if certificate else None,
    }


def _customer(row: CustomerInformationRequest | CustomerDataRemoval) -> CustomerReference:
    certificate = row.customer_certificate
    return CustomerReference(
        id_token=row.id_token,
        id_token_type=row.id_token_type,
        customer_identifier=row.customer_identifier,
        customer_certificate=CertificateHash(**certificate) if certificate else None,
    )


def _request_columns(wanted: RequestedInformation, now: datetime) -> dict[str, Any]:
    return {
        "report": wanted.report,
        "clear": wanted.clear,
        **_customer_columns(wanted.customer),
        "clear_csms_data": wanted.clear_csms_data,
        "requested_at": now,
    }


def _part(row: CustomerInformationPart) -> PartRecord:
    return PartRecord(
        seq_no=row.seq_no,
        tbc=row.tbc,
        data=row.data,
        generated_at=row.generated_at,
        received_at=row.received_at,
    )


def _record(row: CustomerInformationRequest, parts: Iterable[PartRecord]) -> InformationRecord:
    wanted = None
    if row.report is not None and row.clear is not None:
        wanted = RequestedInformation(
            report=row.report,
            clear=row.clear,
            customer=_customer(row),
            clear_csms_data=row.clear_csms_data,
        )
    return InformationRecord(
        row_id=row.id,
        station_id=row.station_id,  # type: ignore[attr-defined]
        request_id=row.request_id,
        wanted=wanted,
        requested_at=row.requested_at,
        outcome=row.outcome,
        status=row.status,
        reason_code=row.reason_code,
        additional_info=row.additional_info,
        error_code=row.error_code,
        answered_at=row.answered_at,
        final_seq_no=row.final_seq_no,
        last_part_at=row.last_part_at,
        completed_at=row.completed_at,
        parts=tuple(sorted(parts, key=lambda part: part.seq_no)),
    )


async def _parts_of(rows: list[CustomerInformationRequest]) -> dict[int, list[PartRecord]]:
    """Each request row's parts, in one query."""
    parts: dict[int, list[PartRecord]] = defaultdict(list)
    if rows:
        found = await CustomerInformationPart.filter(request_id__in=[row.id for row in rows])
        for part in found:
            parts[part.request_id].append(_part(part))  # type: ignore[attr-defined]
    return parts


async def _locked_request(station_id: str, request_id: int) -> CustomerInformationRequest:
    """The request row, created if unknown, locked until the transaction ends."""
    query = CustomerInformationRequest.filter(station_id=station_id, request_id=request_id)
    row = await query.select_for_update().first()
    if row is None:
        await CustomerInformationRequest.bulk_create(
            [CustomerInformationRequest(station_id=station_id, request_id=request_id)],
            ignore_conflicts=True,
        )
        row = await query.select_for_update().get()
    return row


def _removal_view(row: CustomerDataRemoval) -> RemovalView:
    return RemovalView(
        id=row.id,
        station_id=row.station_id,
        request_id=row.request_id,
        customer=_customer(row),
        removed=tuple(row.removed),
        requester=Requester(
            actor=row.actor, client_address=row.client_address, requested_by=row.requested_by
        ),
        removed_at=row.removed_at,
    )


class SqlCustomerInformationStore:
    """CustomerInformationStore on the ORM (SQLite or PostgreSQL)."""

    async def open_request(
        self, station_id: str, wanted: RequestedInformation, now: datetime
    ) -> int | None:
        """One more than the station's highest requestId; retried on the unique constraint."""
        return await allocate_station_id(
            station_id,
            CustomerInformationRequest,
            "request_id",
            _request_columns(wanted, now),
            lock_station=False,
            what="a customer-information requestId",
        )

    async def record_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the request row."""
        await CustomerInformationRequest.filter(
            station_id=station_id, request_id=request_id
        ).update(outcome=outcome, error_code=error_code)

    async def record_answer(
        self, station_id: str, answer: InformationAnswer, now: datetime
    ) -> None:
        """The answer on the request row, created if absent, completed if its parts came
        first."""
        key = {"station_id": station_id, "request_id": answer.request_id}
        asked = _request_columns(answer.wanted, now)
        await CustomerInformationRequest.bulk_create(
            [CustomerInformationRequest(**key, **asked)], ignore_conflicts=True
        )
        rows = CustomerInformationRequest.filter(**key)
        await rows.update(
            outcome="RESULT",
            status=answer.status,
            reason_code=answer.reason_code,
            additional_info=answer.additional_info,
            answered_at=now,
        )
        await rows.filter(report=None).update(**asked)

    async def receive_part(
        self, station_id: str, part: InformationPart, now: datetime
    ) -> PartOutcome:
        """Under the request row's lock: a new seqNo is stored, then completion is judged on
        every seqNo received."""
        row = await _locked_request(station_id, part.request_id)
        stored = await CustomerInformationPart.filter(request_id=row.id)
        parts = [_part(found) for found in stored]
        if any(found.seq_no == part.seq_no for found in parts):
            return PartOutcome(duplicate=True, completed=False, record=_record(row, parts))
        await CustomerInformationPart.create(
            request_id=row.id,
            seq_no=part.seq_no,
            tbc=part.tbc,
            data=part.data,
            generated_at=part.generated_at,
            received_at=now,
        )
        parts.append(
            PartRecord(
                seq_no=part.seq_no,
                tbc=part.tbc,
                data=part.data,
                generated_at=part.generated_at,
                received_at=now,
            )
        )
        row.last_part_at = now
        if not part.tbc and row.final_seq_no is None:
            row.final_seq_no = part.seq_no
        completed = False
        if row.completed_at is None:
            first = 0 if row.report is not None else None
            if complete([found.seq_no for found in parts], row.final_seq_no, first):
                row.completed_at = now
                completed = True
        await row.save(update_fields=["last_part_at", "final_seq_no", "completed_at"])
        return PartOutcome(duplicate=False, completed=completed, record=_record(row, parts))

    async def request(self, station_id: str, request_id: int) -> InformationRecord | None:
        """The request row and its parts (two queries)."""
        row = await CustomerInformationRequest.get_or_none(
            station_id=station_id, request_id=request_id
        )
        if row is None:
            return None
        return _record(row, (await _parts_of([row]))[row.id])

    async def requests(
        self, station_id: str, limit: int, before_row: int | None
    ) -> list[InformationRecord]:
        """One query for the page, one for its parts."""
        query = CustomerInformationRequest.filter(station_id=station_id)
        rows = list(await newest_first(query, limit, before_row))
        parts = await _parts_of(rows)
        return [_record(row, parts[row.id]) for row in rows]

    async def add_removal(self, removal: Removal) -> int:
        """One INSERT into customer_data_removal."""
        row = await CustomerDataRemoval.create(
            station_id=removal.station_id,
            request_id=removal.request_id,
            **_customer_columns(removal.customer),
            removed=list(removal.removed),
            **asdict(removal.requester),
            removed_at=removal.removed_at,
        )
        return int(row.id)

    async def removals(
        self, station_id: str | None, limit: int, before_id: int | None
    ) -> list[RemovalView]:
        """One SELECT, newest id first."""
        query = where_given(CustomerDataRemoval.all(), station_id=station_id)
        return [_removal_view(row) for row in await newest_first(query, limit, before_id)]
