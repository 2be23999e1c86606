"""The certificates block's station calls on the memory store with scripted backends:
SignCertificate (A02.FR.11/12), GetCertificateStatus (M06), Get15118EVCertificate (M01)."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from pathlib import Path

from ocpp.v201 import call, datatypes, enums

from modules.certificates import (
    CertificateBackends,
    CertificateSigningRequested,
    CertStatus,
    ContractAnswer,
    FileContractCertificates,
    HashData,
    HttpOcspResponder,
    Issued,
    OcspAnswer,
    OcspQuery,
    SigningStatus,
)
from modules.certificates.handlers import CertificateHandlers
from modules.certificates.memory_store import MemoryCertificateStore
from modules.kernel.routing import HandlerContext
from tests.support import certificates
from tests.support.clock import NOW, STATION


class ScriptedSigner:
    """A signer that is ready, or not (`problem`); it is never asked to sign here."""

    def __init__(self, problem: str | None = None) -> None:
        self._problem = problem

    def problem(self) -> str | None:
        """The scripted readiness."""
        return self._problem

    async def sign(
        self, station_id: str, certificate_type: str, csr_pem: str, now: datetime
    ) -> Issued:
        """Not used by the handlers."""
        raise AssertionError("the handler does not sign")


class ScriptedOcsp:
    """Answers every query the same; remembers the queries."""

    def __init__(self, answer: OcspAnswer) -> None:
        self.answer = answer
        self.queries: list[OcspQuery] = []

    async def query(self, query: OcspQuery) -> OcspAnswer:
        """The scripted answer."""
        self.queries.append(query)
        return self.answer


def handlers(
    store: MemoryCertificateStore,
    problem: str | None = None,
    ocsp: ScriptedOcsp | None = None,
) -> CertificateHandlers:
    """Handlers on `store` with a scripted signer and OCSP client, no contract service."""
    backends = CertificateBackends(
        signer=ScriptedSigner(problem),
        contracts=FileContractCertificates(None),
        ocsp=ocsp or ScriptedOcsp(OcspAnswer(status=CertStatus.FAILED, problem="none")),
    )
    return CertificateHandlers(store, backends)


def context() -> HandlerContext:
    """A call from the test station at NOW."""
    return HandlerContext(station_id=STATION, message_id="m1", now=NOW)


async def test_an_accepted_csr_is_stored_pending_and_announced_a02_fr_11() -> None:
    store = MemoryCertificateStore()
    ctx = context()
    pem = certificates.csr(STATION)

    answer = await handlers(store).sign_certificate(ctx, call.SignCertificate(csr=pem))

    assert answer.status is enums.GenericStatusEnumType.accepted
    (signing,) = await store.signings(STATION, 10, None)
    assert (signing.status, signing.csr, signing.certificate_type) == (
        SigningStatus.PENDING,
        pem,
        "ChargingStationCertificate",
    )
    assert ctx.events == [
        CertificateSigningRequested(
            station_id=STATION,
            occurred_at=NOW,
            signing_id=signing.id,
            certificate_type="ChargingStationCertificate",
        )
    ]


async def test_without_a_signer_the_csr_is_rejected_and_stored_a02_fr_12() -> None:
    store = MemoryCertificateStore()
    ctx = context()

    answer = await handlers(store, problem="no certificate authority").sign_certificate(
        ctx, call.SignCertificate(csr=certificates.csr(STATION))
    )

    assert answer.status is enums.GenericStatusEnumType.rejected
    assert answer.status_info == datatypes.StatusInfoType(
        reason_code="NotConfigured", additional_info="no certificate authority"
    )
    (signing,) = await store.signings(STATION, 10, None)
    assert (signing.status, signing.problem) == (SigningStatus.REJECTED, "no certificate authority")
    assert ctx.events == []


def ocsp_request() -> call.GetCertificateStatus:
    """A GetCertificateStatus naming a responder, its hashes in upper case."""
    return call.GetCertificateStatus(
        ocsp_request_data=datatypes.OCSPRequestDataType(
            hash_algorithm=enums.HashAlgorithmEnumType.sha256,
            issuer_name_hash="AB" * 32,
            issuer_key_hash="CD" * 32,
            serial_number="0A1B",
            responder_url="http://ocsp.example/",
        )
    )


async def test_get_certificate_status_forwards_the_responder_s_answer_m06() -> None:
    ocsp = ScriptedOcsp(OcspAnswer(status=CertStatus.REVOKED, response=b"\x30\x03\x0a\x01\x00"))

    answer = await handlers(MemoryCertificateStore(), ocsp=ocsp).get_certificate_status(
        context(), ocsp_request()
    )

    assert answer.status is enums.GetCertificateStatusEnumType.accepted
    assert answer.ocsp_result == base64.b64encode(b"\x30\x03\x0a\x01\x00").decode()
    (query,) = ocsp.queries
    assert query.responder_url == "http://ocsp.example/"
    assert (query.hash_data.issuer_name_hash, query.hash_data.serial_number) == ("ab" * 32, "0a1b")


async def test_get_certificate_status_fails_without_an_answer_or_with_one_too_long_m06_fr_04() -> (
    None
):
    failed = ScriptedOcsp(OcspAnswer(status=CertStatus.FAILED, problem="HTTP 500"))
    too_long = ScriptedOcsp(OcspAnswer(status=CertStatus.GOOD, response=b"\x00" * 5000))

    answers = [
        await handlers(MemoryCertificateStore(), ocsp=ocsp).get_certificate_status(
            context(), ocsp_request()
        )
        for ocsp in (failed, too_long)
    ]

    assert [a.status for a in answers] == [enums.GetCertificateStatusEnumType.failed] * 2
    assert [a.ocsp_result for a in answers] == [None, None]
    assert answers[0].status_info == datatypes.StatusInfoType(
        reason_code="OcspFailed", additional_info="HTTP 500"
    )
    assert answers[1].status_info is not None
    assert "5500" in (answers[1].status_info.additional_info or "")


async def test_get_15118_ev_certificate_fails_clearly_when_nothing_is_configured_m01() -> None:
    answer = await handlers(MemoryCertificateStore()).get_15118_ev_certificate(
        context(),
        call.Get15118EVCertificate(
            iso15118_schema_version="urn:iso:15118:2:2013:MsgDef",
            action=enums.CertificateActionEnumType.install,
            exi_request="AAEC",
        ),
    )

    assert answer.status is enums.Iso15118EVCertificateStatusEnumType.failed
    assert answer.exi_response == ""
    assert answer.status_info is not None
    assert "no contract-certificate service" in (answer.status_info.additional_info or "")
    assert ContractAnswer(accepted=False, exi_response="").reason is None


async def test_the_ocsp_client_asks_only_http_responders_m06() -> None:
    """A responderURL that is not http(s) is not followed: Failed, saying so."""
    client = HttpOcspResponder(None, 1.0)
    data = HashData(
        hash_algorithm="SHA256", issuer_name_hash="ab", issuer_key_hash="cd", serial_number="1"
    )

    answers = [
        await client.query(OcspQuery(hash_data=data, responder_url=url))
        for url in ("file:///etc/passwd", None)
    ]

    assert [a.status for a in answers] == [CertStatus.FAILED] * 2
    assert "not an http(s) URL" in (answers[0].problem or "")
    assert "CSMS_OCSP_URL is unset" in (answers[1].problem or "")


async def test_prepared_contract_answers_are_read_by_request_and_bounded_m01(
    tmp_path: Path,
) -> None:
    """The built-in service answers the file named by the request's SHA-256; a file over the
    exiResponse limit (5600) is Failed, never read whole."""
    contracts = FileContractCertificates(str(tmp_path))
    for request, text in (("AAEC", "gICA"), ("AAED", "A" * 100_000)):
        (tmp_path / f"{hashlib.sha256(request.encode()).hexdigest()}.exi").write_text(text)

    good = await contracts.answer(STATION, "urn:iso:15118:2:2013:MsgDef", "Install", "AAEC")
    large = await contracts.answer(STATION, "urn:iso:15118:2:2013:MsgDef", "Install", "AAED")

    assert good == ContractAnswer(accepted=True, exi_response="gICA")
    assert (large.accepted, large.exi_response) == (False, "")
    assert "over 5600 characters" in (large.reason or "")
