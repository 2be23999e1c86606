"""Verifying OCSP responses before the CSMS acts on them (C07.FR.05, RFC 6960 §3.2 and
§4.2.2.2): signed by the issuer or by a delegated responder it issued with the OCSPSigning
usage, about the certificate asked, and current. Responses are made here with
`cryptography`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from modules.certificates import CertStatus, OcspAnswer, OcspQuery
from modules.certificates.ocsp_verify import CLOCK_SKEW, verified
from modules.certificates.pki import hash_data
from tests.support import certificates
from tests.support.certificates import NOW, Key, ocsp_response

REVOKED = ocsp.OCSPCertStatus.REVOKED
DAY = timedelta(days=1)


@pytest.fixture
def issuer() -> certificates.Authority:
    """The MO sub-CA that issued the contract certificates asked about."""
    return certificates.authority("MO Sub-CA")


def check(body: bytes, issuer: certificates.Authority, asked: x509.Certificate) -> OcspAnswer:
    """What the C07 check makes of `body`, a backend's GOOD answer about `asked`, verified
    against `issuer` now."""
    query = OcspQuery(hash_data=hash_data(asked, issuer.certificate), responder_url=None)
    return verified(
        OcspAnswer(status=CertStatus.GOOD, response=body), query, issuer.certificate, NOW
    )


def answer(
    issuer: certificates.Authority,
    signer: tuple[x509.Certificate, Key] | None = None,
    carry_signer: bool = False,
    **response: Any,
) -> OcspAnswer:
    """A response about a new certificate of `issuer`, signed by `signer` (the issuer unless
    given, its certificate carried in the response when `carry_signer`), checked."""
    leaf, _ = issuer.issue("DEABC0000000001")
    signer = signer or (issuer.certificate, issuer.key)
    carried = [signer[0]] if carry_signer else []
    body = ocsp_response(issuer.certificate, leaf, signer, carried=carried, **response)
    return check(body, issuer, leaf)


def refused(answer: OcspAnswer, why: str) -> bool:
    """Whether the answer is FAILED, not trusted, for the reason `why`."""
    problem = answer.problem or ""
    return answer.status is CertStatus.FAILED and "not trusted" in problem and why in problem


def test_a_response_signed_by_the_issuer_is_trusted(issuer: certificates.Authority) -> None:
    assert answer(issuer).status is CertStatus.GOOD
    assert answer(issuer, status=REVOKED).status is CertStatus.REVOKED


def test_the_verified_status_wins_over_the_backend_s(issuer: certificates.Authority) -> None:
    """The status acted on is the one the verified response states, not the backend's."""
    revoked, _ = issuer.issue("DEABC0000000003")
    body = ocsp_response(issuer.certificate, revoked, (issuer.certificate, issuer.key), REVOKED)

    assert check(body, issuer, revoked) == OcspAnswer(status=CertStatus.REVOKED, response=body)


def rsa_authority() -> certificates.Authority:
    """A CA with an RSA 2048 key, named like the others."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return certificates.authority("MO Sub-CA", key=key)


def test_an_rsa_issuer_s_signature_is_verified() -> None:
    issuer, forger = rsa_authority(), rsa_authority()

    assert answer(issuer).status is CertStatus.GOOD
    assert answer(issuer, by_name=True).status is CertStatus.GOOD
    assert refused(answer(issuer, (forger.certificate, forger.key), by_name=True), "not verify")


def test_a_delegated_responder_with_the_ocsp_signing_usage_is_trusted(
    issuer: certificates.Authority,
) -> None:
    """RFC 6960 §4.2.2.2: a responder certificate issued directly by the issuer, carrying
    id-kp-OCSPSigning, carried in the response."""
    delegated = answer(issuer, issuer.ocsp_signer(), carry_signer=True)
    revoked = answer(issuer, issuer.ocsp_signer(), carry_signer=True, status=REVOKED)

    assert (delegated.status, revoked.status) == (CertStatus.GOOD, CertStatus.REVOKED)


def test_a_delegated_responder_without_the_ocsp_signing_usage_is_refused(
    issuer: certificates.Authority,
) -> None:
    plain = answer(issuer, issuer.ocsp_signer(usages=()), carry_signer=True)
    tls_only = answer(
        issuer, issuer.ocsp_signer(usages=(ExtendedKeyUsageOID.SERVER_AUTH,)), carry_signer=True
    )

    assert refused(plain, "lacks the OCSPSigning usage")
    assert refused(tls_only, "lacks the OCSPSigning usage")


def test_a_responder_issued_by_another_ca_expired_or_not_carried_is_refused(
    issuer: certificates.Authority,
) -> None:
    """The OCSPSigning usage alone is not enough: the issuer must have issued the responder
    certificate itself, it must be valid now, and the response must carry it."""
    stranger = certificates.authority("Another CA").ocsp_signer()
    expired = issuer.issue(
        "Old responder", not_after=NOW - DAY, usages=(ExtendedKeyUsageOID.OCSP_SIGNING,)
    )

    assert refused(answer(issuer, stranger, carry_signer=True), "was not issued by CN=MO Sub-CA")
    assert refused(answer(issuer, expired, carry_signer=True), "not valid now")
    assert refused(answer(issuer, issuer.ocsp_signer()), "names neither the issuer")


def test_a_response_signed_by_an_unrelated_key_is_refused(issuer: certificates.Authority) -> None:
    """A forger's key: naming the issuer by its name (the signature fails), or naming its
    own certificate (not issued by the issuer)."""
    forger = certificates.authority("MO Sub-CA")  # the same name, another key

    posing = answer(issuer, (forger.certificate, forger.key), by_name=True)
    itself = answer(issuer, (forger.certificate, forger.key), carry_signer=True)

    assert refused(posing, "does not verify")
    assert refused(itself, "was not issued by")


def test_a_tampered_response_is_refused(issuer: certificates.Authority) -> None:
    """One byte of the signed data changed (its producedAt, so it still parses)."""
    leaf, _ = issuer.issue("DEABC0000000004")
    body = ocsp_response(issuer.certificate, leaf, (issuer.certificate, issuer.key))
    produced = ocsp.load_der_ocsp_response(body).produced_at_utc
    stamp = produced.strftime("%Y%m%d%H%M%SZ").encode()
    later = (produced + timedelta(seconds=1)).strftime("%Y%m%d%H%M%SZ").encode()
    tampered = body.replace(stamp, later, 1)
    assert tampered != body

    assert check(body, issuer, leaf).status is CertStatus.GOOD
    assert refused(check(tampered, issuer, leaf), "does not verify")


def test_a_stale_or_future_response_is_refused(issuer: certificates.Authority) -> None:
    """RFC 6960 §3.2: nextUpdate past, thisUpdate ahead, or no nextUpdate and an old
    thisUpdate are refused; within CLOCK_SKEW the response is current."""

    def at(this: timedelta, next_: timedelta | None) -> OcspAnswer:
        return answer(
            issuer,
            this_update=NOW + this,
            next_update=None if next_ is None else NOW + next_,
        )

    assert refused(at(-2 * DAY, -DAY), "stale: nextUpdate")
    assert refused(at(2 * CLOCK_SKEW, DAY), "is in the future")
    assert refused(at(-2 * CLOCK_SKEW, None), "no nextUpdate")
    assert at(-2 * DAY, -CLOCK_SKEW / 2).status is CertStatus.GOOD
    assert at(CLOCK_SKEW / 2, DAY).status is CertStatus.GOOD
    assert at(-CLOCK_SKEW / 2, None).status is CertStatus.GOOD


def test_a_response_about_another_certificate_or_none_is_refused(
    issuer: certificates.Authority,
) -> None:
    asked, _ = issuer.issue("DEABC0000000005")
    other, _ = issuer.issue("DEABC0000000006")
    body = ocsp_response(issuer.certificate, other, (issuer.certificate, issuer.key))
    query = OcspQuery(hash_data=hash_data(asked, issuer.certificate), responder_url=None)
    failed = OcspAnswer(status=CertStatus.FAILED, problem="HTTP 500")

    without_body = verified(OcspAnswer(status=CertStatus.GOOD), query, issuer.certificate, NOW)

    assert refused(check(body, issuer, asked), "not about the certificate asked")
    assert without_body.status is CertStatus.FAILED
    assert verified(failed, query, issuer.certificate, NOW) == failed
