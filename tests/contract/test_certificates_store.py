"""The certificates store's contract, run against the memory twin and the SQL store on
SQLite and PostgreSQL: signings read back as stored and claimed once; installed certificates
kept per station and hash data, replaced by a station's report of some types, listed by
expiry across the fleet."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from modules.certificates import (
    CertificateStore,
    HashData,
    InstalledCertificate,
    Issued,
    Signing,
    SigningStatus,
    Source,
    SqlCertificateStore,
)
from modules.certificates.memory_store import MemoryCertificateStore
from tests.support.clock import NOW
from tests.support.stores import store_fixture

store = store_fixture(MemoryCertificateStore, SqlCertificateStore, stations=("CS1", "CS2"))
"""An empty store; on a database, stations CS1 and CS2 exist."""

CSR = Signing(
    station_id="CS1",
    certificate_type="ChargingStationCertificate",
    csr="-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
    status=SigningStatus.PENDING,
    problem=None,
    requested_at=NOW,
    updated_at=NOW,
)
HASH = HashData(
    hash_algorithm="SHA256",
    issuer_name_hash="aa" * 32,
    issuer_key_hash="bb" * 32,
    serial_number="1f",
)
ROOT = InstalledCertificate(
    station_id="CS1",
    certificate_type="CSMSRootCertificate",
    hash_data=HASH,
    subject="CN=Root",
    expires_at=NOW + timedelta(days=10),
    source=Source.INSTALLED,
    updated_at=NOW,
)


async def test_a_signing_reads_back_and_is_claimed_once(store: CertificateStore) -> None:
    signing_id = await store.add_signing(CSR)

    first = await store.claim_signing(signing_id, NOW + timedelta(seconds=1))
    second = await store.claim_signing(signing_id, NOW + timedelta(seconds=2))

    assert (first, second) == (True, False)
    view = await store.signing(signing_id)
    assert view is not None and view.id == signing_id
    assert (view.status, view.csr, view.updated_at) == (
        SigningStatus.SIGNING,
        CSR.csr,
        NOW + timedelta(seconds=1),
    )
    assert await store.signing(signing_id + 100) is None


async def test_an_issued_certificate_and_the_outcome_are_recorded(store: CertificateStore) -> None:
    signing_id = await store.add_signing(CSR)
    issued = Issued(
        certificate_chain="PEM",
        serial_number="abc",
        expires_at=NOW + timedelta(days=365),
        subject="CN=CS1",
        hash_data=HASH,
    )

    await store.update_signing(signing_id, SigningStatus.SIGNED, NOW, issued=issued)
    await store.update_signing(
        signing_id, SigningStatus.UNDELIVERED, NOW, problem="CertificateSigned: TIMEOUT"
    )

    (view,) = await store.signings("CS1", 10, None)
    assert (view.status, view.problem, view.error_code) == (
        SigningStatus.UNDELIVERED,
        "CertificateSigned: TIMEOUT",
        None,
    )
    assert (view.certificate_chain, view.serial_number, view.expires_at) == (
        "PEM",
        "abc",
        NOW + timedelta(days=365),
    )


async def test_signings_are_per_station_newest_first_and_paged(store: CertificateStore) -> None:
    ids = [
        await store.add_signing(replace(CSR, station_id=station))
        for station in ("CS1", "CS2", "CS1", "CS1")
    ]

    rows = await store.signings("CS1", 10, None)
    older = await store.signings("CS1", 1, rows[0].id)

    assert [row.id for row in rows] == [ids[3], ids[2], ids[0]]
    assert [row.id for row in older] == [ids[2]]


async def test_installed_certificates_are_kept_per_station_and_hash_data(
    store: CertificateStore,
) -> None:
    await store.put_installed(ROOT)
    await store.put_installed(replace(ROOT, station_id="CS2"))
    await store.put_installed(replace(ROOT, subject="CN=Root again", source=Source.SIGNED))

    assert await store.installed("CS1") == [
        replace(ROOT, subject="CN=Root again", source=Source.SIGNED)
    ]
    assert await store.remove_installed("CS1", HASH) is True
    assert await store.remove_installed("CS1", HASH) is False
    assert await store.installed("CS1") == []
    assert len(await store.installed("CS2")) == 1


async def test_a_report_replaces_only_the_types_asked(store: CertificateStore) -> None:
    """M03: a listed certificate keeps what was known of it, an unknown one is REPORTED,
    one of an asked type not listed is forgotten, other types stay."""
    gone = replace(HASH, serial_number="2e")
    other_type = replace(HASH, serial_number="3d")
    new = replace(HASH, serial_number="4c")
    await store.put_installed(ROOT)
    await store.put_installed(replace(ROOT, hash_data=gone))
    await store.put_installed(
        replace(ROOT, hash_data=other_type, certificate_type="ChargingStationCertificate")
    )

    await store.replace_reported(
        "CS1",
        ["CSMSRootCertificate", "MORootCertificate"],
        [("CSMSRootCertificate", HASH), ("MORootCertificate", new)],
        NOW + timedelta(hours=1),
    )

    rows = await store.installed("CS1")
    assert [(row.certificate_type, row.hash_data.serial_number) for row in rows] == [
        ("CSMSRootCertificate", "1f"),
        ("ChargingStationCertificate", "3d"),
        ("MORootCertificate", "4c"),
    ]
    assert rows[0] == ROOT
    assert (rows[2].source, rows[2].subject, rows[2].expires_at) == (Source.REPORTED, None, None)


async def test_expiring_certificates_are_listed_soonest_first_across_stations(
    store: CertificateStore,
) -> None:
    for station, days, serial in (("CS1", 10, "1"), ("CS2", 2, "2"), ("CS1", 100, "3")):
        await store.put_installed(
            replace(
                ROOT,
                station_id=station,
                hash_data=replace(HASH, serial_number=serial),
                expires_at=NOW + timedelta(days=days),
            )
        )
    await store.put_installed(
        replace(ROOT, hash_data=replace(HASH, serial_number="4"), expires_at=None)
    )

    due = await store.expiring(NOW + timedelta(days=30), 10)
    first = await store.expiring(NOW + timedelta(days=30), 1)

    assert [(c.station_id, c.hash_data.serial_number) for c in due] == [("CS2", "2"), ("CS1", "1")]
    assert [c.hash_data.serial_number for c in first] == ["2"]
