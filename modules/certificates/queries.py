"""The certificates reads GraphQL uses: a station's certificates and signings, and the
certificates of the fleet that expire soon."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from modules.certificates.records import InstalledCertificate, SigningView
from modules.certificates.store import CertificateStore


class CertificateQueries:
    """Reads of stored certificates and signings."""

    def __init__(
        self, store: CertificateStore, now: Callable[[], datetime], warning_days: int
    ) -> None:
        self._store = store
        self._now = now
        self.warning_days = warning_days

    async def installed(self, station_id: str) -> list[InstalledCertificate]:
        """The certificates the station holds, as the CSMS knows them."""
        return await self._store.installed(station_id)

    async def expiring(self, within_days: int | None, limit: int) -> list[InstalledCertificate]:
        """Up to `limit` certificates of any station expiring within `within_days` (the
        configured warning days by default), expired ones included, soonest first."""
        days = self.warning_days if within_days is None else within_days
        return await self._store.expiring(self._now() + timedelta(days=days), limit)

    async def signings(
        self, station_id: str, limit: int = 100, before_id: int | None = None
    ) -> list[SigningView]:
        """Up to `limit` signings of the station, newest first, older than `before_id`."""
        return await self._store.signings(station_id, limit, before_id)
