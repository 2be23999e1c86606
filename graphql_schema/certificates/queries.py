"""Certificate reads (A02/A03, M03-M05): a station's certificates and signings, the fleet's
certificates that expire soon."""

from __future__ import annotations

import strawberry

from graphql_schema.certificates.types import (
    SIGNINGS_CURSOR,
    CertificateSigningType,
    InstalledCertificateType,
)
from graphql_schema.common.errors import invalid
from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage, check_first
from modules.certificates import CertificateQueries

MAX_DAYS = 3650


@strawberry.type
class CertificatesQuery:
    """Certificate reads."""

    @query(
        "The certificates a station holds as the CSMS knows them (installed, reported by "
        "GetInstalledCertificateIds, or signed by the CSMS), by type and serial number."
    )
    async def installed_certificates(
        self, certificates: CertificateQueries, station_id: strawberry.ID
    ) -> list[InstalledCertificateType]:
        """The station's certificates."""
        records = await certificates.installed(str(station_id))
        return [InstalledCertificateType.of(record) for record in records]

    @query(
        "Certificates of every station that expire within `withinDays` days (default "
        "CSMS_CERT_EXPIRY_WARNING_DAYS), expired ones included, soonest first; `first` at most."
    )
    async def expiring_certificates(
        self, certificates: CertificateQueries, within_days: int | None = None, first: int = 100
    ) -> list[InstalledCertificateType]:
        """The fleet's certificates due for renewal."""
        if within_days is not None and not 0 <= within_days <= MAX_DAYS:
            raise invalid("withinDays", f"must be between 0 and {MAX_DAYS}")
        records = await certificates.expiring(within_days, check_first(first))
        return [InstalledCertificateType.of(record) for record in records]

    @feed(
        SIGNINGS_CURSOR,
        "A station's certificate signings (its CSRs and what became of them, and operators' "
        "certificateSigned), newest first; page with `first` and `after`.",
    )
    async def certificate_signings(
        self, certificates: CertificateQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[CertificateSigningType]:
        """The station's signings, newest first."""
        views = await certificates.signings(str(station_id), page.limit, page.after_id)
        return [CertificateSigningType.of(view) for view in views]
