"""Plain records of the customer-information block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CertificateHash:
    """A customer certificate as CertificateHashDataType names it."""

    hash_algorithm: str
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerReference:
    """The customer a request is about: exactly one of an id token (value and type), a
    customer identifier or a customer certificate (N09.FR.04, N10.FR.08)."""

    id_token: str | None = None
    id_token_type: str | None = None
    customer_identifier: str | None = None
    customer_certificate: CertificateHash | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestedInformation:
    """What a CustomerInformationRequest asks: report and/or clear, about whom, and whether
    the operator also asked the CSMS to remove its own data about the customer."""

    report: bool
    clear: bool
    customer: CustomerReference
    clear_csms_data: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationAnswer:
    """A station's answer to request `request_id`, which asked for `wanted`."""

    request_id: int
    wanted: RequestedInformation
    status: str
    reason_code: str | None
    additional_info: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationPart:
    """One NotifyCustomerInformation part as received."""

    request_id: int
    seq_no: int
    tbc: bool
    data: str
    generated_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class PartRecord:
    """One stored part (a repeated seqNo is stored once: the first received)."""

    seq_no: int
    tbc: bool
    data: str
    generated_at: datetime
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationRecord:
    """A customer-information request of a station by request id: what was asked (None when
    the CSMS has no record of asking: its parts came first), how the call ended, the station's
    answer, and the parts received, in seqNo order. `row_id` orders requests, newest first."""

    row_id: int
    station_id: str
    request_id: int
    wanted: RequestedInformation | None = None
    requested_at: datetime | None = None
    outcome: str | None = None
    status: str | None = None
    reason_code: str | None = None
    additional_info: str | None = None
    error_code: str | None = None
    answered_at: datetime | None = None
    final_seq_no: int | None = None
    last_part_at: datetime | None = None
    completed_at: datetime | None = None
    parts: tuple[PartRecord, ...] = ()

    @property
    def data(self) -> str:
        """The parts' data joined in seqNo order (of the parts received so far)."""
        return "".join(part.data for part in self.parts)


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """What one part did to its request: a duplicate is not stored; `completed` is true for
    the part that completed it (once)."""

    duplicate: bool
    completed: bool
    record: InformationRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class Requester:
    """Who asked for a removal: the API principal, the client's address, and the operator's
    own note (a name, a ticket), as given."""

    actor: str
    client_address: str | None = None
    requested_by: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """An audit record of a removal of what the CSMS held about a customer: who asked, when,
    for which station's request, about whom, and what was removed (one line each; empty when
    the CSMS held nothing)."""

    station_id: str
    request_id: int
    customer: CustomerReference
    removed: tuple[str, ...]
    requester: Requester
    removed_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovalView(Removal):
    """One stored removal; `id` orders the audit feed (later, higher)."""

    id: int


def removal_view(removal: Removal, removal_id: int) -> RemovalView:
    """The stored view of `removal`, whose id is `removal_id`."""
    return RemovalView(
        id=removal_id,
        station_id=removal.station_id,
        request_id=removal.request_id,
        customer=removal.customer,
        removed=removal.removed,
        requester=removal.requester,
        removed_at=removal.removed_at,
    )
