"""The pluggable backends of the certificates block: who signs CSRs (A02/A03), who answers
ISO 15118 contract-certificate requests (M01/M02), who answers OCSP queries (M06, C07). The
composition root picks them; the built-in ones are in `authority.py`, `contracts.py` and
`ocsp_client.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from modules.certificates.records import HashData, Issued


class SigningFailed(RuntimeError):
    """The signer could not issue a certificate; the message says why."""


class Signer(Protocol):
    """Signs stations' CSRs: the CSMS's own CA or an external certificate authority."""

    def problem(self) -> str | None:
        """Why nothing can be signed now (not configured), or None when ready."""
        ...

    async def sign(
        self, station_id: str, certificate_type: str, csr_pem: str, now: datetime
    ) -> Issued:
        """The certificate issued for the (checked) CSR; SigningFailed otherwise."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ContractAnswer:
    """Get15118EVCertificate's answer: Accepted with the EXI response, or Failed and why."""

    accepted: bool
    exi_response: str
    reason: str | None = None


class ContractCertificates(Protocol):
    """Answers a station's Get15118EVCertificate (M01 install, M02 update): the contract
    certificate service (a mobility operator's or a PKI's)."""

    async def answer(
        self, station_id: str, schema_version: str, action: str, exi_request: str
    ) -> ContractAnswer:
        """The EXI response to forward to the EV, or Failed and why."""
        ...


class CertStatus(StrEnum):
    """What an OCSP responder said about a certificate (FAILED: no answer to use)."""

    GOOD = "GOOD"
    REVOKED = "REVOKED"
    UNKNOWN = "UNKNOWN"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True, kw_only=True)
class OcspQuery:
    """One certificate to ask about: its hash data and the responder the station named."""

    hash_data: HashData
    responder_url: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OcspAnswer:
    """The responder's verdict and its DER OCSPResponse (None when it failed), or why it
    failed."""

    status: CertStatus
    response: bytes | None = None
    problem: str | None = None


class OcspResponder(Protocol):
    """Asks an OCSP responder about one certificate (M06, C07.FR.05). The response is relayed
    as it is for GetCertificateStatus; the C07 check verifies it before using its status."""

    async def query(self, query: OcspQuery) -> OcspAnswer:
        """The responder's answer; FAILED with a problem when there is none."""
        ...


@dataclass(frozen=True, slots=True)
class CertificateBackends:
    """The three backends the block works with."""

    signer: Signer
    contracts: ContractCertificates
    ocsp: OcspResponder
