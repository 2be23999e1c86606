"""The certificates block's storage: the certificates each station holds and the
certificate signings (the only file of the block that touches the database)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from infra.db.models import CertificateSigningRecord, InstalledCertificateRecord
from infra.db.pages import newest_first
from modules.certificates.records import (
    HashData,
    InstalledCertificate,
    Issued,
    Signing,
    SigningStatus,
    SigningView,
    Source,
)
from modules.kernel.records import record_of

Reported = tuple[str, HashData]
"""A certificate a station listed: its GetCertificateIdUse and hash data."""


class CertificateStore(Protocol):
    """What the certificates handlers, commands and queries need stored and read."""

    async def add_signing(self, signing: Signing) -> int:
        """Store one signing; returns its id."""
        ...

    async def signing(self, signing_id: int) -> SigningView | None:
        """The signing of that id, or None."""
        ...

    async def claim_signing(self, signing_id: int, now: datetime) -> bool:
        """Move a PENDING signing to SIGNING; False when it was not PENDING (taken)."""
        ...

    async def update_signing(
        self,
        signing_id: int,
        status: SigningStatus,
        now: datetime,
        problem: str | None = None,
        issued: Issued | None = None,
        error_code: str | None = None,
    ) -> None:
        """Record where the signing stands (and the certificate issued, when given)."""
        ...

    async def signings(
        self, station_id: str, limit: int, before_id: int | None
    ) -> list[SigningView]:
        """Up to `limit` signings of the station, newest first, with id < before_id."""
        ...

    async def put_installed(self, certificate: InstalledCertificate) -> None:
        """Store the certificate, replacing the station's one of the same hash data."""
        ...

    async def remove_installed(self, station_id: str, hash_data: HashData) -> bool:
        """Forget the station's certificate of that hash data; False when unknown."""
        ...

    async def replace_reported(
        self, station_id: str, types: Sequence[str], reported: Sequence[Reported], now: datetime
    ) -> None:
        """M03: the station holds exactly `reported` of `types`: others of those types are
        forgotten, new ones stored as REPORTED, known ones keep what the CSMS saw."""
        ...

    async def installed(self, station_id: str) -> list[InstalledCertificate]:
        """The station's certificates by type, then serial number."""
        ...

    async def expiring(self, before: datetime, limit: int) -> list[InstalledCertificate]:
        """Up to `limit` certificates of any station expiring before `before`, soonest
        first."""
        ...


def _hash_columns(hash_data: HashData) -> dict[str, str]:
    return {
        "hash_algorithm": hash_data.hash_algorithm,
        "issuer_name_hash": hash_data.issuer_name_hash,
        "issuer_key_hash": hash_data.issuer_key_hash,
        "serial_number": hash_data.serial_number,
    }


def _installed(row: InstalledCertificateRecord) -> InstalledCertificate:
    return record_of(
        InstalledCertificate,
        row,
        hash_data=record_of(HashData, row),
        source=Source(row.source),
    )


def _signing(row: CertificateSigningRecord) -> SigningView:
    return record_of(SigningView, row, status=SigningStatus(row.status))


class SqlCertificateStore:
    """CertificateStore on the ORM (SQLite or PostgreSQL)."""

    async def add_signing(self, signing: Signing) -> int:
        """One INSERT into certificate_signing."""
        columns: dict[str, Any] = {
            name: getattr(signing, name) for name in Signing.__dataclass_fields__
        }
        columns["status"] = signing.status.value
        row = await CertificateSigningRecord.create(**columns)
        return int(row.id)

    async def signing(self, signing_id: int) -> SigningView | None:
        """One SELECT by id."""
        row = await CertificateSigningRecord.get_or_none(id=signing_id)
        return _signing(row) if row is not None else None

    async def claim_signing(self, signing_id: int, now: datetime) -> bool:
        """One conditional UPDATE (PENDING -> SIGNING)."""
        changed = await CertificateSigningRecord.filter(
            id=signing_id, status=SigningStatus.PENDING.value
        ).update(status=SigningStatus.SIGNING.value, updated_at=now)
        return bool(changed)

    async def update_signing(
        self,
        signing_id: int,
        status: SigningStatus,
        now: datetime,
        problem: str | None = None,
        issued: Issued | None = None,
        error_code: str | None = None,
    ) -> None:
        """One UPDATE."""
        columns: dict[str, Any] = {
            "status": status.value,
            "updated_at": now,
            "problem": problem,
            "error_code": error_code,
        }
        if issued is not None:
            columns["serial_number"] = issued.serial_number
            columns["certificate_chain"] = issued.certificate_chain
            columns["expires_at"] = issued.expires_at
        await CertificateSigningRecord.filter(id=signing_id).update(**columns)

    async def signings(
        self, station_id: str, limit: int, before_id: int | None
    ) -> list[SigningView]:
        """One SELECT, newest id first."""
        query = CertificateSigningRecord.filter(station_id=station_id)
        return [_signing(row) for row in await newest_first(query, limit, before_id)]

    async def put_installed(self, certificate: InstalledCertificate) -> None:
        """Update the row of that hash data, or insert one."""
        keys: dict[str, Any] = {
            "station_id": certificate.station_id,
            **_hash_columns(certificate.hash_data),
        }
        values: dict[str, Any] = {
            "certificate_type": certificate.certificate_type,
            "subject": certificate.subject,
            "expires_at": certificate.expires_at,
            "source": certificate.source.value,
            "updated_at": certificate.updated_at,
        }
        changed = await InstalledCertificateRecord.filter(**keys).update(**values)
        if not changed:
            await InstalledCertificateRecord.create(**keys, **values)

    async def remove_installed(self, station_id: str, hash_data: HashData) -> bool:
        """One DELETE."""
        removed = await InstalledCertificateRecord.filter(
            station_id=station_id, **_hash_columns(hash_data)
        ).delete()
        return bool(removed)

    async def replace_reported(
        self, station_id: str, types: Sequence[str], reported: Sequence[Reported], now: datetime
    ) -> None:
        """Read the station's rows of `types`, delete the unlisted, insert or retype the
        listed."""
        rows = await InstalledCertificateRecord.filter(
            station_id=station_id, certificate_type__in=list(types)
        )
        listed = {hash_data: kind for kind, hash_data in reported}
        for row in rows:
            if record_of(HashData, row) not in listed:
                await row.delete()
        for hash_data, kind in listed.items():
            keys: dict[str, Any] = {"station_id": station_id, **_hash_columns(hash_data)}
            changed = await InstalledCertificateRecord.filter(**keys).update(certificate_type=kind)
            if not changed:
                await InstalledCertificateRecord.create(
                    **keys,
                    certificate_type=kind,
                    source=Source.REPORTED.value,
                    updated_at=now,
                )

    async def installed(self, station_id: str) -> list[InstalledCertificate]:
        """One SELECT."""
        rows = await InstalledCertificateRecord.filter(station_id=station_id).order_by(
            "certificate_type", "serial_number", "id"
        )
        return [_installed(row) for row in rows]

    async def expiring(self, before: datetime, limit: int) -> list[InstalledCertificate]:
        """One SELECT on the expiry index."""
        rows = (
            await InstalledCertificateRecord.filter(expires_at__lt=before)
            .order_by("expires_at", "id")
            .limit(limit)
        )
        return [_installed(row) for row in rows]
