"""The certificates block's pure rules: which CSRs can be signed (A02.FR.03, A02.FR.12), the
OCPP hash data of a certificate (SHA-256 of the issuer's DER name and public key bits, the
serial in hex), and what certificate arguments must be."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp

from modules.certificates import CertStatus, HashData, OcspAnswer, OcspQuery
from modules.certificates.ocsp_client import verdict
from modules.certificates.pki import chain_hash_data, hash_data
from modules.certificates.policy import CsrProblem, check_csr, check_hash_data, root_hash_data
from modules.kernel.commands import InvalidCommand
from tests.support import certificates


def test_a_station_csr_with_its_own_name_and_a_strong_key_passes() -> None:
    for key in (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP384R1()),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
    ):
        csr = check_csr(certificates.csr("CS1", key), "CS1", "ChargingStationCertificate")
        assert csr.public_key() == key.public_key()


@pytest.mark.parametrize(
    ("pem", "problem"),
    [
        (certificates.csr("CS2"), "commonName 'CS2' is not the station id"),
        (certificates.csr("CS1", certificates.weak_rsa_key()), "RSA key of 1024 bits"),
        (
            certificates.csr("CS1", ec.generate_private_key(ec.SECP192R1())),
            "EC key of 192 bits",
        ),
        ("not a csr", "not a PEM certificate signing request"),
    ],
)
def test_a_csr_that_cannot_be_signed_says_why_a02_fr_12(pem: str, problem: str) -> None:
    with pytest.raises(CsrProblem, match=problem):
        check_csr(pem, "CS1", "ChargingStationCertificate")


def test_a_v2g_csr_names_the_secc_not_the_station_a03() -> None:
    csr = check_csr(certificates.csr("SECC-DE-1"), "CS1", "V2GCertificate")

    assert csr.subject.rfc4514_string() == "CN=SECC-DE-1,O=Test CPO"


def test_hash_data_are_the_sha256_of_the_issuer_name_and_key_and_the_hex_serial() -> None:
    ca = certificates.authority("Issuer")
    leaf, _ = ca.issue("Leaf")
    issuer_key = ca.certificate.public_key()
    assert isinstance(issuer_key, ec.EllipticCurvePublicKey)
    key_bits = issuer_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )

    data = hash_data(leaf, ca.certificate)

    assert data == HashData(
        hash_algorithm="SHA256",
        issuer_name_hash=hashlib.sha256(ca.certificate.subject.public_bytes()).hexdigest(),
        issuer_key_hash=hashlib.sha256(key_bits).hexdigest(),
        serial_number=format(leaf.serial_number, "x"),
    )
    pem = certificates.pem(leaf) + certificates.pem(ca.certificate)
    assert chain_hash_data(pem) == data
    assert chain_hash_data(certificates.pem(leaf)) is None  # no issuer to hash


def test_an_install_certificate_pem_needs_a_known_issuer_m05() -> None:
    ca = certificates.authority("Root")
    leaf, _ = ca.issue("Sub")

    data, subject, _ = root_hash_data(certificates.pem(ca.certificate))
    chained, _, _ = root_hash_data(certificates.pem(leaf) + certificates.pem(ca.certificate))

    assert (data, subject) == (hash_data(ca.certificate, ca.certificate), "CN=Root")
    assert chained == hash_data(leaf, ca.certificate)
    for pem in ("junk", certificates.pem(leaf)):
        with pytest.raises(InvalidCommand) as refused:
            root_hash_data(pem)
        assert refused.value.field == "certificate"


def test_hash_data_to_delete_are_hexadecimal_and_lowercased_m04() -> None:
    upper = HashData(
        hash_algorithm="SHA256", issuer_name_hash="AB", issuer_key_hash="Cd", serial_number="0F"
    )

    assert check_hash_data(upper) == HashData(
        hash_algorithm="SHA256", issuer_name_hash="ab", issuer_key_hash="cd", serial_number="0f"
    )
    with pytest.raises(InvalidCommand) as refused:
        check_hash_data(replace(upper, hash_algorithm="MD5"))
    assert refused.value.field == "hashAlgorithm"


def test_an_ocsp_response_about_another_certificate_is_not_used() -> None:
    """M06/C07: the built-in OCSP client uses an answer only for the certificate it asked."""
    ca = certificates.authority("OCSP CA")
    asked, _ = ca.issue("Asked")
    other, _ = ca.issue("Other")
    builder = ocsp.OCSPResponseBuilder().add_response(
        other,
        ca.certificate,
        hashes.SHA256(),
        ocsp.OCSPCertStatus.GOOD,
        certificates.NOW,
        None,
        None,
        None,
    )
    body = (
        builder.responder_id(ocsp.OCSPResponderEncoding.HASH, ca.certificate)
        .sign(ca.key, hashes.SHA256())
        .public_bytes(serialization.Encoding.DER)
    )

    about_other = verdict(
        body, OcspQuery(hash_data=hash_data(asked, ca.certificate), responder_url=None)
    )
    about_it = verdict(
        body, OcspQuery(hash_data=hash_data(other, ca.certificate), responder_url=None)
    )

    assert about_other == OcspAnswer(
        status=CertStatus.FAILED, problem="the OCSP response is not about the certificate asked"
    )
    assert (about_it.status, about_it.response) == (CertStatus.GOOD, body)
    assert (
        verdict(
            b"junk", OcspQuery(hash_data=hash_data(other, ca.certificate), responder_url=None)
        ).status
        is CertStatus.FAILED
    )
