"""GraphQL types of the certificates block."""

from __future__ import annotations

from datetime import datetime

import strawberry
from ocpp.v201 import datatypes, enums

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import from_record
from graphql_schema.customer_information.types import CertificateHashDataType as CertificateHashData
from modules.certificates import HashData, InstalledCertificate, SigningStatus, SigningView, Source

SIGNINGS_CURSOR = "certificateSignings"

InstallCertificateUse = ocpp_enum(
    enums.InstallCertificateUseEnumType,
    "InstallCertificateUse",
    "The kind of root certificate InstallCertificate installs (M05).",
)
GetCertificateIdUse = ocpp_enum(
    enums.GetCertificateIdUseEnumType,
    "GetCertificateIdUse",
    "The kinds of certificate GetInstalledCertificateIds lists (M03).",
)
CertificateSigningUse = ocpp_enum(
    enums.CertificateSigningUseEnumType,
    "CertificateSigningUse",
    "A station's own certificate: ChargingStationCertificate (A02) or V2GCertificate (A03).",
)
InstallCertificateStatus = ocpp_enum(
    enums.InstallCertificateStatusEnumType,
    "InstallCertificateStatus",
    "The station's answer to InstallCertificate: Accepted, Rejected, Failed.",
)
DeleteCertificateStatus = ocpp_enum(
    enums.DeleteCertificateStatusEnumType,
    "DeleteCertificateStatus",
    "The station's answer to DeleteCertificate: Accepted, Failed, NotFound.",
)
GetInstalledCertificateStatus = ocpp_enum(
    enums.GetInstalledCertificateStatusEnumType,
    "GetInstalledCertificateStatus",
    "The station's answer to GetInstalledCertificateIds: Accepted, NotFound.",
)
CertificateSignedStatus = ocpp_enum(
    enums.CertificateSignedStatusEnumType,
    "CertificateSignedStatus",
    "The station's answer to CertificateSigned: Accepted, Rejected.",
)
CertificateSource = strawberry.enum(
    Source,
    name="CertificateSource",
    description="How the CSMS knows of a station's certificate: INSTALLED (InstallCertificate "
    "accepted), REPORTED (listed by GetInstalledCertificateIds), SIGNED (a CertificateSigned "
    "accepted).",
)
CertificateSigningStatus = strawberry.enum(
    SigningStatus,
    name="CertificateSigningStatus",
    description="Where a signing stands: REJECTED (the CSR was refused), PENDING, SIGNING, "
    "FAILED (the signer could not sign), SIGNED (issued, being sent), ACCEPTED or REFUSED (the "
    "station's answer to CertificateSigned), UNDELIVERED (OFFLINE, TIMEOUT, CALL_ERROR).",
)


def hash_data_of(data: HashData | datatypes.CertificateHashDataType) -> CertificateHashData:
    """The GraphQL hash data of the block's or of a station's."""
    algorithm = data.hash_algorithm
    return CertificateHashData(
        hash_algorithm=algorithm if isinstance(algorithm, str) else algorithm.value,
        issuer_name_hash=data.issuer_name_hash,
        issuer_key_hash=data.issuer_key_hash,
        serial_number=data.serial_number,
    )


@strawberry.type(description="A certificate a station holds, as the CSMS knows it.")
class InstalledCertificateType:
    """Type, hash data, subject and expiry (when the CSMS saw the certificate itself)."""

    station_id: strawberry.ID
    certificate_type: str = strawberry.field(
        description="A GetCertificateIdUse, or ChargingStationCertificate / V2GCertificate."
    )
    hash_data: CertificateHashData
    subject: str | None
    expires_at: datetime | None
    source: Source
    updated_at: datetime

    @classmethod
    def of(cls, record: InstalledCertificate) -> InstalledCertificateType:
        """From the block's record."""
        return from_record(cls, record, hash_data=hash_data_of(record.hash_data))


@strawberry.type(name="CertificateSigning", description="A CSR and the certificate issued.")
class CertificateSigningType:
    """One certificate signing (A02/A03), or an operator's CertificateSigned (no CSR)."""

    cursor: str = strawberry.field(description="Pass as `after` to read older signings.")
    id: int
    station_id: strawberry.ID
    certificate_type: str
    csr: str | None
    status: SigningStatus
    problem: str | None = strawberry.field(description="Why it was refused, failed or is stuck.")
    serial_number: str | None
    certificate_chain: str | None = strawberry.field(description="PEM, the leaf first.")
    expires_at: datetime | None
    error_code: str | None
    requested_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view: SigningView) -> CertificateSigningType:
        """From the block's stored signing."""
        return from_record(cls, view, cursor=encode_id_cursor(SIGNINGS_CURSOR, view.id))


@strawberry.type(description="How an installCertificate call ended.")
class InstallCertificateResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: enums.InstallCertificateStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a deleteCertificate call ended.")
class DeleteCertificateResult:
    """Outcome; with RESULT the station's status."""

    outcome: CallOutcomeEnum
    status: enums.DeleteCertificateStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(description="A certificate a station listed in GetInstalledCertificateIds.")
class ReportedCertificate:
    """Its type, hash data, and the hash data of its chain's certificates below it."""

    certificate_type: enums.GetCertificateIdUseEnumType
    hash_data: CertificateHashData
    child_hash_data: list[CertificateHashData]

    @classmethod
    def of(cls, chain: datatypes.CertificateHashDataChainType) -> ReportedCertificate:
        """From the station's answer."""
        return cls(
            certificate_type=chain.certificate_type,
            hash_data=hash_data_of(chain.certificate_hash_data),
            child_hash_data=[
                hash_data_of(child) for child in chain.child_certificate_hash_data or []
            ],
        )


@strawberry.type(description="How a getInstalledCertificateIds call ended.")
class GetInstalledCertificateIdsResult:
    """Outcome; with RESULT the station's status and the certificates it listed."""

    outcome: CallOutcomeEnum
    status: enums.GetInstalledCertificateStatusEnumType | None
    status_info: StatusInfoType | None
    certificates: list[ReportedCertificate]
    error_code: str | None
    error_description: str | None


@strawberry.type(description="How a certificateSigned call ended.")
class CertificateSignedResult:
    """Outcome; with RESULT the station's status; the signing it was stored as."""

    signing_id: int | None = strawberry.field(
        description="The stored signing (`certificateSignings`); null when OFFLINE (nothing sent)."
    )
    outcome: CallOutcomeEnum
    status: enums.CertificateSignedStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
