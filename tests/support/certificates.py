"""Certificates for tests, made with `cryptography`: CAs, CSRs (as a station makes them),
certificates, and an OCSP responder served over HTTP that signs real OCSP responses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

NOW = datetime.now(UTC)
"""The certificates' reference time: the real one, since the nodes under test run on it."""

Key = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def name(common_name: str) -> x509.Name:
    """A subject of just a commonName."""
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def pem(certificate: x509.Certificate) -> str:
    """PEM text of a certificate."""
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def key_pem(key: Key) -> bytes:
    """PEM (PKCS#8, unencrypted) of a private key."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass
class Authority:
    """A CA (self-signed unless `parent` issued it) that issues certificates."""

    certificate: x509.Certificate
    key: Key

    def issue(
        self,
        common_name: str,
        not_after: datetime = NOW + timedelta(days=365),
        ocsp_url: str | None = None,
        ca: bool = False,
        key: Key | None = None,
        usages: Sequence[x509.ObjectIdentifier] = (),
    ) -> tuple[x509.Certificate, Key]:
        """A certificate for `common_name` signed by this CA (a new EC key unless given),
        with the extended key `usages` given."""
        subject_key = key or ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(common_name))
            .issuer_name(self.certificate.subject)
            .public_key(subject_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - timedelta(days=30))
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if usages:
            builder = builder.add_extension(x509.ExtendedKeyUsage(list(usages)), critical=False)
        if ocsp_url is not None:
            builder = builder.add_extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.OCSP,
                            x509.UniformResourceIdentifier(ocsp_url),
                        )
                    ]
                ),
                critical=False,
            )
        return builder.sign(self.key, hashes.SHA256()), subject_key

    def ocsp_signer(
        self, usages: Sequence[x509.ObjectIdentifier] = (ExtendedKeyUsageOID.OCSP_SIGNING,)
    ) -> tuple[x509.Certificate, Key]:
        """A delegated OCSP responder certificate issued by this CA (RFC 6960 §4.2.2.2),
        with the OCSPSigning usage unless other `usages` are given."""
        return self.issue(f"{name_of(self.certificate)} OCSP responder", usages=usages)

    def write(self, folder: Path) -> tuple[str, str]:
        """Write the CA's certificate and key into `folder`; their paths."""
        cert_path, key_path = folder / "ca.pem", folder / "ca.key"
        cert_path.write_text(pem(self.certificate))
        key_path.write_bytes(key_pem(self.key))
        return str(cert_path), str(key_path)


def name_of(certificate: x509.Certificate) -> str:
    """The certificate's subject commonName."""
    return str(certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)


def authority(
    common_name: str = "Test Root CA", days: int = 3650, key: Key | None = None
) -> Authority:
    """A new self-signed CA (EC P-256 unless `key` is given)."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name(common_name))
        .issuer_name(name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=30))
        .not_valid_after(NOW + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)


def csr(common_name: str, key: Key | None = None) -> str:
    """A02.FR.02/03: a PEM CSR for `common_name`, as a station makes it (a new EC P-256 key
    unless given)."""
    signing_key = key or ec.generate_private_key(ec.SECP256R1())
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test CPO"),
                    x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                ]
            )
        )
        .sign(signing_key, hashes.SHA256())
    )
    return request.public_bytes(serialization.Encoding.PEM).decode()


def weak_rsa_key() -> rsa.RSAPrivateKey:
    """An RSA key of 1024 bits: too weak to be signed."""
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def ocsp_response(
    issuer: x509.Certificate,
    certificate: x509.Certificate,
    signer: tuple[x509.Certificate, Key],
    status: ocsp.OCSPCertStatus = ocsp.OCSPCertStatus.GOOD,
    this_update: datetime = NOW,
    next_update: datetime | None = NOW + timedelta(days=7),
    carried: Sequence[x509.Certificate] = (),
    by_name: bool = False,
) -> bytes:
    """A DER OCSPResponse about `certificate` (of `issuer`), signed with `signer`'s key and
    naming `signer`'s certificate as responder (by its key hash, or `by_name`), carrying the
    `carried` certificates."""
    request = ocsp.OCSPRequestBuilder().add_certificate(certificate, issuer, hashes.SHA256())
    return signed_response(
        request.build(), signer, status, this_update, next_update, carried, by_name
    )


def signed_response(
    request: ocsp.OCSPRequest,
    signer: tuple[x509.Certificate, Key],
    status: ocsp.OCSPCertStatus,
    this_update: datetime = NOW,
    next_update: datetime | None = NOW + timedelta(days=7),
    carried: Sequence[x509.Certificate] = (),
    by_name: bool = False,
) -> bytes:
    """The DER OCSPResponse answering `request` with `status`, signed by `signer`."""
    revoked = status is ocsp.OCSPCertStatus.REVOKED
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response_by_hash(
            request.issuer_name_hash,
            request.issuer_key_hash,
            request.serial_number,
            request.hash_algorithm,
            status,
            this_update,
            next_update,
            NOW - timedelta(days=1) if revoked else None,
            x509.ReasonFlags.key_compromise if revoked else None,
        )
        .responder_id(
            ocsp.OCSPResponderEncoding.NAME if by_name else ocsp.OCSPResponderEncoding.HASH,
            signer[0],
        )
    )
    if carried:
        builder = builder.certificates(list(carried))
    response = builder.sign(signer[1], hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)


@dataclass
class OcspResponderServer:
    """An OCSP responder: answers GOOD, or REVOKED for the serial numbers in `revoked`,
    signed by the issuing CA, or by `signer` (a delegated responder carried in the
    response, or a forger's key); `lies` answers GOOD whatever the truth. `requests`
    counts the requests it got."""

    issuer: Authority
    revoked: set[int] = field(default_factory=set)
    requests: int = 0
    url: str = ""
    signer: tuple[x509.Certificate, Key] | None = None
    lies: bool = False

    async def handle(self, request: web.Request) -> web.Response:
        """One OCSP request (POST, DER)."""
        self.requests += 1
        query = ocsp.load_der_ocsp_request(await request.read())
        revoked = query.serial_number in self.revoked and not self.lies
        signer = self.signer or (self.issuer.certificate, self.issuer.key)
        body = signed_response(
            query,
            signer,
            ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            carried=[signer[0]] if self.signer is not None else [],
        )
        return web.Response(body=body, content_type="application/ocsp-response")


@asynccontextmanager
async def ocsp_responder(issuer: Authority) -> AsyncIterator[OcspResponderServer]:
    """An OCSP responder for `issuer`'s certificates, served on a free local port."""
    responder = OcspResponderServer(issuer)
    app = web.Application()
    app.router.add_post("/ocsp", responder.handle)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    responder.url = str(server.make_url("/ocsp"))
    try:
        yield responder
    finally:
        await server.close()
