"""Plain records of the certificates block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Source(StrEnum):
    """How the CSMS knows of an installed certificate."""

    INSTALLED = "INSTALLED"  # the station accepted our InstallCertificate (M05)
    REPORTED = "REPORTED"  # the station listed it in GetInstalledCertificateIds (M03)
    SIGNED = "SIGNED"  # the station accepted a CertificateSigned of ours (A02/A03)


class SigningStatus(StrEnum):
    """Where one certificate signing (A02/A03) stands."""

    REJECTED = "REJECTED"  # the CSR was refused: SignCertificate answered Rejected
    PENDING = "PENDING"  # the CSR was accepted and waits for its signature
    SIGNING = "SIGNING"  # a node is signing it
    FAILED = "FAILED"  # the signer could not sign it
    SIGNED = "SIGNED"  # a certificate was issued and is being sent with CertificateSigned
    ACCEPTED = "ACCEPTED"  # the station accepted the CertificateSigned
    REFUSED = "REFUSED"  # the station answered the CertificateSigned Rejected
    UNDELIVERED = "UNDELIVERED"  # the CertificateSigned got no answer (OFFLINE, TIMEOUT, error)


@dataclass(frozen=True, slots=True, kw_only=True)
class HashData:
    """OCPP CertificateHashDataType: what identifies a certificate to a station (hex,
    lowercase; the serial without leading zeros)."""

    hash_algorithm: str
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalledCertificate:
    """A certificate a station holds, as the CSMS knows it. `certificate_type` is a
    GetCertificateIdUse (installed roots, the V2G chain) or a CertificateSigningUse (the
    station's own certificates the CSMS signed); `subject` and `expires_at` are known when the
    CSMS saw the certificate itself (not for one only reported by its hash data)."""

    station_id: str
    certificate_type: str
    hash_data: HashData
    subject: str | None
    expires_at: datetime | None
    source: Source
    updated_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Signing:
    """One certificate signing: a station's CSR (A02/A03) and what became of it, or a
    certificate chain an operator sent with CertificateSigned (no CSR then)."""

    station_id: str
    certificate_type: str
    csr: str | None
    status: SigningStatus
    problem: str | None
    requested_at: datetime
    updated_at: datetime
    serial_number: str | None = None
    certificate_chain: str | None = None
    expires_at: datetime | None = None
    error_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SigningView(Signing):
    """A stored signing; `id` orders the feed (stored later, higher)."""

    id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Issued:
    """A certificate the signer issued: the chain sent to the station (leaf first, PEM), the
    leaf's serial, expiry and subject, and its hash data (None when the chain lacks the
    issuer's certificate)."""

    certificate_chain: str
    serial_number: str
    expires_at: datetime
    subject: str
    hash_data: HashData | None
