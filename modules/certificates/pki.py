"""X.509 helpers on `cryptography`: PEM parsing, OCPP hash data (the OCSP CertID fields,
SHA-256), and issuing a certificate for a CSR with a CA's key. No I/O."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from modules.certificates.records import HashData, Issued

HASH_ALGORITHM = "SHA256"
HASH_ALGORITHMS: dict[str, hashes.HashAlgorithm] = {
    "SHA256": hashes.SHA256(),
    "SHA384": hashes.SHA384(),
    "SHA512": hashes.SHA512(),
}
"""OCPP's HashAlgorithmEnumType, as `cryptography` hashes."""

CaKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class CertificateProblem(ValueError):
    """A certificate or chain that cannot be used, with what is wrong."""


def load_chain(pem: str) -> list[x509.Certificate]:
    """The certificates of a PEM text, in order; CertificateProblem when there are none or
    one cannot be parsed."""
    try:
        chain = x509.load_pem_x509_certificates(pem.encode())
    except ValueError as error:
        raise CertificateProblem(f"not a PEM certificate: {error}") from error
    if not chain:
        raise CertificateProblem("no certificate in the PEM text")
    return chain


def serial_hex(serial: int) -> str:
    """OCPP's serialNumber: hexadecimal, lowercase, no prefix, no leading zeros."""
    return format(serial, "x")


def hash_data(certificate: x509.Certificate, issuer: x509.Certificate) -> HashData:
    """The OCPP CertificateHashDataType of `certificate` issued by `issuer` (SHA-256 of the
    issuer's DER name and of its public key's bits, as in an OCSP CertID)."""
    builder = ocsp.OCSPRequestBuilder().add_certificate(certificate, issuer, hashes.SHA256())
    request = builder.build()
    return HashData(
        hash_algorithm=HASH_ALGORITHM,
        issuer_name_hash=request.issuer_name_hash.hex(),
        issuer_key_hash=request.issuer_key_hash.hex(),
        serial_number=serial_hex(request.serial_number),
    )


def issuer_hashes(issuer: x509.Certificate, algorithm: str) -> tuple[str, str]:
    """The issuerNameHash and issuerKeyHash (hex) that certificates `issuer` issued carry in
    their hash data, with OCPP's `algorithm` (KeyError for one OCPP does not name)."""
    builder = ocsp.OCSPRequestBuilder().add_certificate(issuer, issuer, HASH_ALGORITHMS[algorithm])
    request = builder.build()
    return request.issuer_name_hash.hex(), request.issuer_key_hash.hex()


def is_self_issued(certificate: x509.Certificate) -> bool:
    """Whether the certificate names itself as issuer (a root)."""
    return certificate.issuer == certificate.subject


def issuer_in(chain: list[x509.Certificate], index: int) -> x509.Certificate | None:
    """The issuer of `chain[index]`: itself when self-issued, the next certificate of the
    chain when it names it, else None."""
    certificate = chain[index]
    if is_self_issued(certificate):
        return certificate
    if index + 1 < len(chain) and chain[index + 1].subject == certificate.issuer:
        return chain[index + 1]
    return None


def chain_hash_data(pem: str) -> HashData | None:
    """The hash data of the first certificate of a PEM chain, None without its issuer."""
    chain = load_chain(pem)
    issuer = issuer_in(chain, 0)
    return hash_data(chain[0], issuer) if issuer is not None else None


def subject_text(certificate: x509.Certificate) -> str:
    """The subject as an RFC 4514 string."""
    return certificate.subject.rfc4514_string()


def to_pem(certificate: x509.Certificate) -> str:
    """The certificate, PEM encoded."""
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def issue(
    csr: x509.CertificateSigningRequest,
    ca_certificate: x509.Certificate,
    ca_key: CaKey,
    now: datetime,
    validity_days: int,
    ca_chain: list[x509.Certificate] | None = None,
) -> Issued:
    """Sign the CSR's subject and key with the CA: a leaf (not a CA) for TLS client and
    server use, valid from `now` for `validity_days`. The chain sent is the leaf and the CA's
    certificates that are not self-issued roots."""
    expires = now + timedelta(days=validity_days)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(ca_certificate.subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(expires)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=isinstance(csr.public_key(), ec.EllipticCurvePublicKey),
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.SERVER_AUTH]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(csr.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    chain = [leaf, *(c for c in (ca_chain or [ca_certificate]) if not is_self_issued(c))]
    return Issued(
        certificate_chain="".join(to_pem(c) for c in chain),
        serial_number=serial_hex(leaf.serial_number),
        expires_at=leaf.not_valid_after_utc,
        subject=subject_text(leaf),
        hash_data=hash_data(leaf, ca_certificate),
    )


def new_ca(common_name: str, now: datetime, days: int) -> tuple[x509.Certificate, CaKey]:
    """A new self-signed CA (EC P-256) named `common_name`, valid for `days`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate, key
