"""Whether an OCSP response can be trusted before the CSMS acts on it (C07): its signature
verifies with the key of an authorized responder (RFC 6960 §4.2.2.2: the issuer of the
certificate asked about, or a responder certificate that issuer issued directly, carrying
id-kp-OCSPSigning and valid now), and its answer is current (RFC 6960 §3.2: thisUpdate not
in the future, nextUpdate not past), give or take CLOCK_SKEW. Signatures are checked with
`cryptography`'s public keys."""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, SignatureAlgorithmOID

from modules.certificates.backends import CertStatus, OcspAnswer, OcspQuery
from modules.certificates.ocsp_client import STATUSES, single_response
from modules.certificates.records import HashData

CLOCK_SKEW = timedelta(minutes=5)
"""How far the responder's clock and ours may disagree. A response without nextUpdate
(newer status is always available, RFC 6960 §4.2.2.1) is current only this close to its
thisUpdate."""


def _family(prefix: str) -> frozenset[x509.ObjectIdentifier]:
    """The signature algorithms named `prefix`..., MD5 left out (broken)."""
    return frozenset(
        oid
        for name, oid in vars(SignatureAlgorithmOID).items()
        if name.startswith(prefix) and "MD5" not in name
    )


RSA_PKCS1 = _family("RSA_WITH_")
ECDSA = _family("ECDSA_WITH_")
DSA = _family("DSA_WITH_")


class UntrustedResponse(ValueError):
    """An OCSP response the CSMS must not act on; the message says why."""


def _names(response: ocsp.OCSPResponse, certificate: x509.Certificate) -> bool:
    """Whether the response's ResponderID (by name, or by SHA-1 of the key) is `certificate`."""
    if response.responder_name is not None:
        return response.responder_name == certificate.subject
    key_hash = x509.SubjectKeyIdentifier.from_public_key(certificate.public_key()).digest
    return response.responder_key_hash == key_hash


def _hash(response: ocsp.OCSPResponse) -> hashes.HashAlgorithm:
    try:
        algorithm = response.signature_hash_algorithm
    except UnsupportedAlgorithm as error:
        raise UntrustedResponse(f"unsupported signature algorithm: {error}") from error
    if algorithm is None:
        raise UntrustedResponse("the signature algorithm names no hash")
    return algorithm


def verify_signature(response: ocsp.OCSPResponse, signer: x509.Certificate) -> None:
    """UntrustedResponse unless the response's signature verifies with `signer`'s key, by
    the algorithm it names (RSASSA-PSS is not supported)."""
    key = signer.public_key()
    oid = response.signature_algorithm_oid
    data, signature = response.tbs_response_bytes, response.signature
    try:
        if isinstance(key, rsa.RSAPublicKey) and oid in RSA_PKCS1:
            key.verify(signature, data, padding.PKCS1v15(), _hash(response))
        elif isinstance(key, ec.EllipticCurvePublicKey) and oid in ECDSA:
            key.verify(signature, data, ec.ECDSA(_hash(response)))
        elif isinstance(key, dsa.DSAPublicKey) and oid in DSA:
            key.verify(signature, data, _hash(response))
        elif (
            isinstance(key, ed25519.Ed25519PublicKey) and oid == SignatureAlgorithmOID.ED25519
        ) or (isinstance(key, ed448.Ed448PublicKey) and oid == SignatureAlgorithmOID.ED448):
            key.verify(signature, data)
        else:
            raise UntrustedResponse(
                f"signature algorithm {oid.dotted_string} does not fit the responder's key"
            )
    except InvalidSignature as error:
        raise UntrustedResponse("the signature does not verify with the responder's key") from error


def check_delegate(responder: x509.Certificate, issuer: x509.Certificate, now: datetime) -> None:
    """RFC 6960 §4.2.2.2: UntrustedResponse unless `responder` was issued directly by
    `issuer`, carries id-kp-OCSPSigning and is valid at `now`."""
    try:
        responder.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature) as error:
        raise UntrustedResponse(
            f"the responder certificate {responder.subject.rfc4514_string()} was not issued"
            f" by {issuer.subject.rfc4514_string()}"
        ) from error
    try:
        usages = list(responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        usages = []
    if ExtendedKeyUsageOID.OCSP_SIGNING not in usages:
        raise UntrustedResponse("the responder certificate lacks the OCSPSigning usage")
    if not (responder.not_valid_before_utc - CLOCK_SKEW <= now <= responder.not_valid_after_utc):
        raise UntrustedResponse("the responder certificate is not valid now")


def signer_of(
    response: ocsp.OCSPResponse, issuer: x509.Certificate, now: datetime
) -> x509.Certificate:
    """The authorized responder the response names: the issuer itself, or a delegated
    responder certificate carried in the response; UntrustedResponse when it names neither."""
    if _names(response, issuer):
        return issuer
    for certificate in response.certificates:
        if _names(response, certificate):
            check_delegate(certificate, issuer, now)
            return certificate
    raise UntrustedResponse(
        "the response names neither the issuer nor a responder certificate it carries"
    )


def check_current(single: ocsp.OCSPSingleResponse, now: datetime) -> None:
    """UntrustedResponse when the answer is not current at `now` (within CLOCK_SKEW)."""
    this_update, next_update = single.this_update_utc, single.next_update_utc
    if this_update > now + CLOCK_SKEW:
        raise UntrustedResponse(f"thisUpdate {this_update.isoformat()} is in the future")
    if next_update is None and now - this_update > CLOCK_SKEW:
        raise UntrustedResponse(
            f"no nextUpdate and thisUpdate {this_update.isoformat()} is not recent"
        )
    if next_update is not None and next_update < now - CLOCK_SKEW:
        raise UntrustedResponse(f"stale: nextUpdate {next_update.isoformat()} has passed")


def trusted_status(
    body: bytes, asked: HashData, issuer: x509.Certificate, now: datetime
) -> CertStatus:
    """The status a DER OCSPResponse gives the asked certificate once it is verified against
    `issuer` and current at `now`; UntrustedResponse otherwise."""
    try:
        response = ocsp.load_der_ocsp_response(body)
    except ValueError as error:
        raise UntrustedResponse(f"not an OCSP response: {error}") from error
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise UntrustedResponse(f"the responder answered {response.response_status.name}")
    verify_signature(response, signer_of(response, issuer, now))
    single = single_response(response, asked)
    if single is None:
        raise UntrustedResponse("the response is not about the certificate asked")
    check_current(single, now)
    return STATUSES[single.certificate_status]


def verified(
    answer: OcspAnswer, query: OcspQuery, issuer: x509.Certificate, now: datetime
) -> OcspAnswer:
    """The backend's answer as its verified response gives it, or FAILED saying why the
    response cannot be trusted (a FAILED answer is kept as it is)."""
    if answer.status is CertStatus.FAILED:
        return answer
    if answer.response is None:
        return OcspAnswer(status=CertStatus.FAILED, problem="no OCSP response to verify")
    try:
        status = trusted_status(answer.response, query.hash_data, issuer, now)
    except UntrustedResponse as untrusted:
        return OcspAnswer(
            status=CertStatus.FAILED, problem=f"the OCSP response is not trusted: {untrusted}"
        )
    return OcspAnswer(status=status, response=answer.response)
