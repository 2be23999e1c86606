"""The certificate issuer and the CSMS's CA (A02/A03): a PENDING signing is claimed once,
signed by the CA (in dev generated once in the data folder and kept), stored and sent with
CertificateSigned; the station's answer is recorded; a signer that fails is recorded FAILED."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography import x509

from modules.certificates import (
    CertificateDeliveries,
    CertificateIssuer,
    CsmsCertificateAuthority,
    Signing,
    SigningStatus,
    Source,
)
from modules.certificates.authority import DEV_CA_CERT, DEV_CA_KEY, NOT_CONFIGURED
from modules.certificates.memory_store import MemoryCertificateStore
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from tests.support import certificates
from tests.support.certificates import NOW
from tests.unit.senders import RecordingSender

STATION = "CS-ISSUE"


class Answering(RecordingSender):
    """Answers every CALL with one outcome."""

    def __init__(self, outcome: CallOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """The scripted outcome."""
        return self.outcome


class NoBus:
    """The issuer is driven directly here: no bus is followed."""


def issuer(
    store: MemoryCertificateStore, signer: CsmsCertificateAuthority, sender: RecordingSender
) -> CertificateIssuer:
    """An issuer on the memory store with a fixed clock."""
    deliveries = CertificateDeliveries(store, sender, lambda: NOW)
    return CertificateIssuer(NoBus(), store, signer, deliveries, lambda: NOW)  # type: ignore[arg-type]


async def pending(
    store: MemoryCertificateStore, csr: str, kind: str = "ChargingStationCertificate"
) -> int:
    """A stored PENDING signing of `csr`."""
    return await store.add_signing(
        Signing(
            station_id=STATION,
            certificate_type=kind,
            csr=csr,
            status=SigningStatus.PENDING,
            problem=None,
            requested_at=NOW,
            updated_at=NOW,
        )
    )


async def test_a_pending_csr_is_signed_once_sent_and_recorded(tmp_path: Path) -> None:
    store = MemoryCertificateStore()
    sender = Answering(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))
    ca = CsmsCertificateAuthority(None, None, str(tmp_path), 90)
    signing_id = await pending(store, certificates.csr(STATION))

    first = await issuer(store, ca, sender).issue(signing_id)
    again = await issuer(store, ca, sender).issue(signing_id)

    assert (first, again) == (SigningStatus.ACCEPTED, None)
    ((station, action, payload),) = sender.sent
    assert (station, action, payload["certificateType"]) == (
        STATION,
        "CertificateSigned",
        "ChargingStationCertificate",
    )
    leaf = x509.load_pem_x509_certificate(payload["certificateChain"].encode())
    root = x509.load_pem_x509_certificate((tmp_path / DEV_CA_CERT).read_bytes())
    leaf.verify_directly_issued_by(root)
    assert leaf.not_valid_after_utc == NOW.replace(microsecond=0) + timedelta(days=90)
    view = await store.signing(signing_id)
    assert view is not None and view.certificate_chain == payload["certificateChain"]
    (installed,) = await store.installed(STATION)
    assert (installed.source, installed.expires_at) == (Source.SIGNED, leaf.not_valid_after_utc)
    assert (tmp_path / DEV_CA_KEY).stat().st_mode & 0o077 == 0


async def test_the_dev_ca_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = await CsmsCertificateAuthority(None, None, str(tmp_path), 30).ca(NOW)
    second = await CsmsCertificateAuthority(None, None, str(tmp_path), 30).ca(NOW)

    assert first.certificate == second.certificate


async def test_outside_dev_without_files_nothing_can_be_signed() -> None:
    assert CsmsCertificateAuthority(None, None, None, 30).problem() == NOT_CONFIGURED


async def test_a_configured_ca_signs_and_an_unanswered_delivery_is_recorded(
    tmp_path: Path,
) -> None:
    store = MemoryCertificateStore()
    sender = Answering(CallOutcome(Outcome.TIMEOUT))
    root = certificates.authority("Files CA")
    ca = CsmsCertificateAuthority(*root.write(tmp_path), None, 365)
    signing_id = await pending(store, certificates.csr("SECC-1"), "V2GCertificate")

    status = await issuer(store, ca, sender).issue(signing_id)

    assert status is SigningStatus.UNDELIVERED
    view = await store.signing(signing_id)
    assert view is not None and view.problem == "CertificateSigned: TIMEOUT"
    leaf = x509.load_pem_x509_certificate((view.certificate_chain or "").encode())
    leaf.verify_directly_issued_by(root.certificate)
    assert await store.installed(STATION) == []


async def test_a_signer_that_cannot_read_its_ca_is_recorded_failed(tmp_path: Path) -> None:
    store = MemoryCertificateStore()
    sender = Answering(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))
    ca = CsmsCertificateAuthority(
        str(tmp_path / "missing.pem"), str(tmp_path / "missing.key"), None, 365
    )
    signing_id = await pending(store, certificates.csr(STATION))

    status = await issuer(store, ca, sender).issue(signing_id)

    assert status is SigningStatus.FAILED and sender.sent == []
    view = await store.signing(signing_id)
    assert view is not None and "the CA cannot be read" in (view.problem or "")
