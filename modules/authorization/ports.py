"""What the authorization block needs from other blocks, as ports the composition root fills:
checking an ISO 15118 contract certificate presented with Authorize (C07, the certificates
block) and the driver's tariff text for an AuthorizeResponse (the tariffs block, I01)."""

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


class TariffText(Protocol):
    """A driver-facing tariff text and its language."""

    @property
    def content(self) -> str:
        """The text."""
        ...

    @property
    def language(self) -> str | None:
        """Its language (RFC 5646), if known."""
        ...


class TariffTexts(Protocol):
    """The tariff text of a driver at a station (I01.FR.01)."""

    async def text_for(
        self, station_id: str, id_token: str, group_id_token: str | None
    ) -> TariffText | None:
        """The text of the tariff a driver presenting `id_token` (of group `group_id_token`)
        gets at `station_id`, None when no tariff (or no text) applies."""
        ...
