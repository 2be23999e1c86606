"""The certificates store's in-memory twin, for tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import datetime

from modules.certificates.records import (
    HashData,
    InstalledCertificate,
    Issued,
    Signing,
    SigningStatus,
    SigningView,
    Source,
)
from modules.certificates.store import Reported
from modules.kernel.pages import newest_first


class MemoryCertificateStore:
    """CertificateStore in dicts; signing ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.signings_by_id: dict[int, SigningView] = {}
        self.certificates: dict[tuple[str, HashData], InstalledCertificate] = {}

    async def add_signing(self, signing: Signing) -> int:
        """Keep it under the next id."""
        signing_id = len(self.signings_by_id) + 1
        self.signings_by_id[signing_id] = SigningView(id=signing_id, **asdict(signing))
        return signing_id

    async def signing(self, signing_id: int) -> SigningView | None:
        """The signing of that id, or None."""
        return self.signings_by_id.get(signing_id)

    async def claim_signing(self, signing_id: int, now: datetime) -> bool:
        """PENDING -> SIGNING."""
        view = self.signings_by_id.get(signing_id)
        if view is None or view.status is not SigningStatus.PENDING:
            return False
        self.signings_by_id[signing_id] = replace(
            view, status=SigningStatus.SIGNING, updated_at=now
        )
        return True

    async def update_signing(
        self,
        signing_id: int,
        status: SigningStatus,
        now: datetime,
        problem: str | None = None,
        issued: Issued | None = None,
        error_code: str | None = None,
    ) -> None:
        """Replace the signing's status (and certificate)."""
        view = self.signings_by_id.get(signing_id)
        if view is None:
            return
        view = replace(view, status=status, updated_at=now, problem=problem, error_code=error_code)
        if issued is not None:
            view = replace(
                view,
                serial_number=issued.serial_number,
                certificate_chain=issued.certificate_chain,
                expires_at=issued.expires_at,
            )
        self.signings_by_id[signing_id] = view

    async def signings(
        self, station_id: str, limit: int, before_id: int | None
    ) -> list[SigningView]:
        """Newest first."""
        mine = [view for view in self.signings_by_id.values() if view.station_id == station_id]
        return newest_first(mine, lambda view: view.id, limit, before_id)

    async def put_installed(self, certificate: InstalledCertificate) -> None:
        """Keep it under its station and hash data."""
        self.certificates[(certificate.station_id, certificate.hash_data)] = certificate

    async def remove_installed(self, station_id: str, hash_data: HashData) -> bool:
        """Forget it; False when unknown."""
        return self.certificates.pop((station_id, hash_data), None) is not None

    async def replace_reported(
        self, station_id: str, types: Sequence[str], reported: Sequence[Reported], now: datetime
    ) -> None:
        """As the SQL store."""
        listed = {hash_data: kind for kind, hash_data in reported}
        for key, known in list(self.certificates.items()):
            if key[0] == station_id and known.certificate_type in types and key[1] not in listed:
                del self.certificates[key]
        for hash_data, kind in listed.items():
            old = self.certificates.get((station_id, hash_data))
            self.certificates[(station_id, hash_data)] = (
                replace(old, certificate_type=kind)
                if old is not None
                else InstalledCertificate(
                    station_id=station_id,
                    certificate_type=kind,
                    hash_data=hash_data,
                    subject=None,
                    expires_at=None,
                    source=Source.REPORTED,
                    updated_at=now,
                )
            )

    async def installed(self, station_id: str) -> list[InstalledCertificate]:
        """By type, then serial number."""
        mine = [c for (station, _), c in self.certificates.items() if station == station_id]
        return sorted(mine, key=lambda c: (c.certificate_type, c.hash_data.serial_number))

    async def expiring(self, before: datetime, limit: int) -> list[InstalledCertificate]:
        """Soonest first."""
        due = [
            c
            for c in self.certificates.values()
            if c.expires_at is not None and c.expires_at < before
        ]
        return sorted(due, key=lambda c: c.expires_at or before)[:limit]
