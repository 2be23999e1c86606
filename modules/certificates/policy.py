"""Pure rules of the certificates block: what a CSR must be to be signed (A02/A03), and what
an operator's certificate arguments must be."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from modules.certificates import pki
from modules.certificates.records import HashData
from modules.kernel.commands import InvalidCommand

MIN_RSA_BITS = 2048
MIN_EC_BITS = 256
STATION_CERTIFICATE = "ChargingStationCertificate"


class CsrProblem(ValueError):
    """Why a CSR is refused (the SignCertificate statusInfo's additionalInfo)."""


def common_name(csr: x509.CertificateSigningRequest) -> str | None:
    """The CSR subject's first commonName, None without one."""
    names = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not names:
        return None
    value = names[0].value
    return value if isinstance(value, str) else value.decode(errors="replace")


def key_problem(csr: x509.CertificateSigningRequest) -> str | None:
    """Why the CSR's key is too weak (RSA < 2048 bits, EC < 256 bits, other kinds), or None."""
    key = csr.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return None if key.key_size >= MIN_RSA_BITS else f"RSA key of {key.key_size} bits"
    if isinstance(key, ec.EllipticCurvePublicKey):
        size = key.curve.key_size
        return None if size >= MIN_EC_BITS else f"EC key of {size} bits"
    return f"unsupported key type {type(key).__name__}"


def check_csr(pem: str, station_id: str, certificate_type: str) -> x509.CertificateSigningRequest:
    """A02.FR.03/A03: the parsed CSR when it can be signed for `station_id`: PEM (RFC 2986),
    self-signature valid, key at least RSA 2048 / EC 256, and for a ChargingStationCertificate
    the subject's CN is the station id (a V2GCertificate needs a CN). CsrProblem otherwise."""
    try:
        csr = x509.load_pem_x509_csr(pem.encode())
    except ValueError as error:
        raise CsrProblem("not a PEM certificate signing request") from error
    if not csr.is_signature_valid:
        raise CsrProblem("the CSR's signature is not valid")
    weak = key_problem(csr)
    if weak is not None:
        raise CsrProblem(f"key too weak: {weak} (needs RSA >= 2048 or EC >= 256)")
    name = common_name(csr)
    if name is None:
        raise CsrProblem("the CSR's subject has no commonName")
    if certificate_type == STATION_CERTIFICATE and name != station_id:
        raise CsrProblem(f"the CSR's commonName {name!r} is not the station id")
    return csr


def root_hash_data(pem: str) -> tuple[HashData, str, x509.Certificate]:
    """M05: the hash data, subject and parsed first certificate of an InstallCertificate PEM;
    InvalidCommand when it is not PEM or its issuer is neither itself nor the next
    certificate of the PEM."""
    try:
        chain = pki.load_chain(pem)
    except pki.CertificateProblem as problem:
        raise InvalidCommand("certificate", str(problem)) from problem
    issuer = pki.issuer_in(chain, 0)
    if issuer is None:
        raise InvalidCommand(
            "certificate", "not self-signed: the issuer's certificate must follow it in the PEM"
        )
    return pki.hash_data(chain[0], issuer), pki.subject_text(chain[0]), chain[0]


def check_hash_data(hash_data: HashData) -> HashData:
    """M04: hash data the DeleteCertificate schema accepts, normalised to lowercase;
    InvalidCommand naming the argument otherwise."""
    if hash_data.hash_algorithm not in ("SHA256", "SHA384", "SHA512"):
        raise InvalidCommand("hashAlgorithm", "must be SHA256, SHA384 or SHA512")
    for field, value, limit in (
        ("issuerNameHash", hash_data.issuer_name_hash, 128),
        ("issuerKeyHash", hash_data.issuer_key_hash, 128),
        ("serialNumber", hash_data.serial_number, 40),
    ):
        if not value or len(value) > limit or any(c not in "0123456789abcdefABCDEF" for c in value):
            raise InvalidCommand(field, f"must be 1 to {limit} hexadecimal digits")
    return HashData(
        hash_algorithm=hash_data.hash_algorithm,
        issuer_name_hash=hash_data.issuer_name_hash.lower(),
        issuer_key_hash=hash_data.issuer_key_hash.lower(),
        serial_number=hash_data.serial_number.lower(),
    )
