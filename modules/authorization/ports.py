"""What the authorization block needs from other blocks, filled by the composition root:
checking an ISO 15118 contract certificate presented with Authorize (C07)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from ocpp.v201 import datatypes


class ContractCertificateCheck(Protocol):
    """C07.FR.05: verifies a contract certificate (PEM chain) or its OCSP hash data; the
    composition root fills it with the certificates block's check."""

    async def check(
        self,
        certificate: str | None,
        hash_data: Sequence[datatypes.OCSPRequestDataType],
        now: datetime,
    ) -> str:
        """The AuthorizeCertificateStatus (Accepted, CertificateExpired, CertificateRevoked,
        CertChainError, ...)."""
        ...
