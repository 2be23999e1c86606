"""GraphQL enums, inputs and types of the customer-information block."""

from __future__ import annotations

from datetime import datetime

import strawberry
from ocpp.v201 import enums

from graphql_schema.authorization.types import IdTokenKindEnum
from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import FromRecord, from_record
from modules.customer_information import (
    CertificateHash,
    CustomerReference,
    InformationRecord,
    PartRecord,
    RemovalView,
    State,
    state_of,
)

REQUESTS_CURSOR = "customerInformationRequests"
REMOVALS_CURSOR = "customerDataRemovals"

CustomerInformationStatus = ocpp_enum(
    enums.CustomerInformationStatusEnumType,
    "CustomerInformationStatus",
    "The station's answer to CustomerInformation: Accepted, Rejected, or Invalid (not "
    "exactly one customer reference, N09.FR.09).",
)
HashAlgorithm = ocpp_enum(
    enums.HashAlgorithmEnumType, "HashAlgorithm", "HashAlgorithmEnumType: SHA256, SHA384, SHA512."
)
CustomerInformationState = strawberry.enum(
    State,
    name="CustomerInformationState",
    description="Where a customer-information request stands: REQUESTED (no answer yet), "
    "FAILED (OFFLINE, TIMEOUT, CALL_ERROR), REFUSED (Rejected, Invalid), ACCEPTED (no part "
    "yet), RECEIVING (some parts), COMPLETED (the tbc=false part and every part before it).",
)


@strawberry.input(description="The id token a customer-information request is about.")
class CustomerIdTokenInput:
    """An id token: value and type."""

    id_token: str
    type: IdTokenKindEnum


@strawberry.input(description="A customer certificate (CertificateHashDataType).")
class CertificateHashDataInput:
    """The certificate's hashes, with the algorithm used to install it (N09.FR.08)."""

    hash_algorithm: enums.HashAlgorithmEnumType
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str

    def to_hash(self) -> CertificateHash:
        """The block's certificate hash."""
        return CertificateHash(
            self.hash_algorithm.value,
            self.issuer_name_hash,
            self.issuer_key_hash,
            self.serial_number,
        )


def customer_of(
    id_token: CustomerIdTokenInput | None,
    customer_identifier: str | None,
    customer_certificate: CertificateHashDataInput | None,
) -> CustomerReference:
    """The block's customer reference of the mutation's arguments."""
    return CustomerReference(
        id_token=id_token.id_token if id_token else None,
        id_token_type=id_token.type.value if id_token else None,
        customer_identifier=customer_identifier,
        customer_certificate=customer_certificate.to_hash() if customer_certificate else None,
    )


@strawberry.type(name="CertificateHashData", description="A customer certificate's hashes.")
class CertificateHashDataType(FromRecord):
    """CertificateHashDataType."""

    hash_algorithm: str
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str


@strawberry.type(name="CustomerIdToken", description="An id token: value and type.")
class CustomerIdTokenType:
    """The id token a request is about."""

    id_token: str
    type: str


@strawberry.type(name="CustomerReference", description="Whom a request or removal is about.")
class CustomerReferenceType:
    """Exactly one of the three is set."""

    id_token: CustomerIdTokenType | None
    customer_identifier: str | None
    customer_certificate: CertificateHashDataType | None

    @classmethod
    def of(cls, customer: CustomerReference) -> CustomerReferenceType:
        """Build from the block's customer reference."""
        token = None
        if customer.id_token is not None and customer.id_token_type is not None:
            token = CustomerIdTokenType(id_token=customer.id_token, type=customer.id_token_type)
        certificate = customer.customer_certificate
        return cls(
            id_token=token,
            customer_identifier=customer.customer_identifier,
            customer_certificate=CertificateHashDataType.of(certificate) if certificate else None,
        )


@strawberry.type(description="One NotifyCustomerInformation part as received.")
class CustomerInformationPart(FromRecord):
    """A part; a repeated seqNo keeps the first one received."""

    seq_no: int
    tbc: bool
    data: str
    generated_at: datetime
    received_at: datetime

    @classmethod
    def of_all(cls, parts: tuple[PartRecord, ...]) -> list[CustomerInformationPart]:
        """Build each part, in seqNo order."""
        return [cls.of(part) for part in parts]


@strawberry.type(
    description="A customer-information request (N09/N10): what was asked, the station's "
    "answer, the parts received and their data joined in seqNo order."
)
class CustomerInformationRequest:
    """One request of a station by requestId."""

    cursor: str = strawberry.field(description="Pass as `after` to read older requests.")
    station_id: strawberry.ID
    request_id: int
    state: State
    report: bool | None = strawberry.field(description="Null when the CSMS did not ask it.")
    clear: bool | None
    customer: CustomerReferenceType | None
    clear_csms_data: bool = strawberry.field(
        description="The operator also asked the CSMS to remove its own data about the customer."
    )
    requested_at: datetime | None
    outcome: CallOutcomeEnum | None
    status: enums.CustomerInformationStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    answered_at: datetime | None
    final_seq_no: int | None = strawberry.field(description="seqNo of the part with tbc=false.")
    last_part_at: datetime | None
    completed: bool
    completed_at: datetime | None
    parts: list[CustomerInformationPart]
    data: str = strawberry.field(description="The parts' data joined in seqNo order.")

    @classmethod
    def of(cls, record: InformationRecord) -> CustomerInformationRequest:
        """Build from the block's record."""
        wanted = record.wanted
        info = None
        if record.reason_code is not None:
            info = StatusInfoType(
                reason_code=record.reason_code, additional_info=record.additional_info
            )
        return from_record(
            cls,
            record,
            cursor=encode_id_cursor(REQUESTS_CURSOR, record.row_id),
            state=state_of(record),
            report=wanted.report if wanted else None,
            clear=wanted.clear if wanted else None,
            customer=CustomerReferenceType.of(wanted.customer) if wanted else None,
            clear_csms_data=wanted.clear_csms_data if wanted else False,
            outcome=CallOutcomeEnum(record.outcome) if record.outcome else None,
            status_info=info,
            completed=record.completed_at is not None,
            parts=CustomerInformationPart.of_all(record.parts),
            data=record.data,
        )


@strawberry.type(
    description="Audit: what the CSMS removed about a customer on an operator's request, "
    "who asked and when."
)
class CustomerDataRemoval:
    """One removal."""

    cursor: str = strawberry.field(description="Pass as `after` to read older removals.")
    id: int
    station_id: strawberry.ID
    request_id: int = strawberry.field(description="The customer-information request it went with.")
    customer: CustomerReferenceType
    removed: list[str] = strawberry.field(
        description="What was removed, one line each; empty when the CSMS held nothing."
    )
    actor: str = strawberry.field(description="The API principal (the admin token).")
    client_address: str | None
    requested_by: str | None = strawberry.field(description="The operator's note, as given.")
    removed_at: datetime

    @classmethod
    def of(cls, view: RemovalView) -> CustomerDataRemoval:
        """Build from the block's audit record."""
        requester = view.requester
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(REMOVALS_CURSOR, view.id),
            customer=CustomerReferenceType.of(view.customer),
            removed=list(view.removed),
            actor=requester.actor,
            client_address=requester.client_address,
            requested_by=requester.requested_by,
        )


@strawberry.type(description="What a customerInformation call did.")
class CustomerInformationResult:
    """The allocated requestId, the call's outcome, the station's status, the request as
    stored, and the removal of CSMS-held data when asked."""

    outcome: CallOutcomeEnum
    request_id: int | None = strawberry.field(description="Null when the station is unknown.")
    status: enums.CustomerInformationStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    request: CustomerInformationRequest | None
    removal: CustomerDataRemoval | None = strawberry.field(
        description="With clearCsmsData: what the CSMS removed (done whatever the station "
        "answered)."
    )
