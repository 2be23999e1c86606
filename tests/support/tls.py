"""TLS for tests: a throwaway PKI made with `cryptography` (a CA, the CSMS's server
certificate for 127.0.0.1, station client certificates, and a certificate from a foreign CA),
a node's TLS listener next to its plain one, and stations connecting over wss://."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from app.bootstrap import NODE
from app.tls import TlsSite, server_context
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

_DAY = datetime.timedelta(days=1)
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test CSO"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass(frozen=True)
class _Authority:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def new(cls, common_name: str) -> _Authority:
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(_name(common_name))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _DAY)
            .not_valid_after(now + 30 * _DAY)
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
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        return cls(key, certificate)

    def issue(
        self, common_name: str, server: bool, rsa_key: bool = False
    ) -> tuple[PrivateKey, x509.Certificate]:
        key: PrivateKey = ec.generate_private_key(ec.SECP256R1())
        if rsa_key:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        now = datetime.datetime.now(datetime.UTC)
        usage = x509.oid.ExtendedKeyUsageOID.SERVER_AUTH
        if not server:
            usage = x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _DAY)
            .not_valid_after(now + 30 * _DAY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                critical=False,
            )
        return key, builder.sign(self.key, hashes.SHA256())


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclass
class TestPki:
    """PEM files in `directory`: the CA, the CSMS's server pair, and client pairs."""

    __test__ = False

    directory: Path
    ca: _Authority = field(default_factory=lambda: _Authority.new("Test Station CA"))
    foreign: _Authority = field(default_factory=lambda: _Authority.new("Someone Else's CA"))

    def __post_init__(self) -> None:
        self.ca_file.write_bytes(_pem(self.ca.certificate))
        key, certificate = self.ca.issue("localhost", server=True)
        self.server_cert_file.write_bytes(_pem(certificate))
        self.server_key_file.write_bytes(_key_pem(key))
        key, certificate = self.ca.issue("localhost", server=True, rsa_key=True)
        self.server_rsa_cert_file.write_bytes(_pem(certificate))
        self.server_rsa_key_file.write_bytes(_key_pem(key))

    @property
    def ca_file(self) -> Path:
        """The CA certificate (stations' and the server's issuer)."""
        return self.directory / "ca.pem"

    @property
    def server_cert_file(self) -> Path:
        """The CSMS's certificate (CN localhost, SAN 127.0.0.1)."""
        return self.directory / "csms.pem"

    @property
    def server_key_file(self) -> Path:
        """The CSMS's private key."""
        return self.directory / "csms-key.pem"

    @property
    def server_rsa_cert_file(self) -> Path:
        """The CSMS's second certificate, with an RSA key (for the TLS_RSA suites)."""
        return self.directory / "csms-rsa.pem"

    @property
    def server_rsa_key_file(self) -> Path:
        """Its private key."""
        return self.directory / "csms-rsa-key.pem"

    def client_files(self, common_name: str, foreign: bool = False) -> tuple[Path, Path]:
        """A station certificate with subject CN `common_name` (from the foreign CA when
        asked) and its key, as files."""
        authority = self.foreign if foreign else self.ca
        key, certificate = authority.issue(common_name, server=False)
        stem = f"client-{'foreign-' if foreign else ''}{common_name}"
        cert_file, key_file = self.directory / f"{stem}.pem", self.directory / f"{stem}-key.pem"
        cert_file.write_bytes(_pem(certificate))
        key_file.write_bytes(_key_pem(key))
        return cert_file, key_file

    def client_pem(self, common_name: str) -> str:
        """A station certificate as PEM text (what a proxy forwards)."""
        cert_file, _ = self.client_files(common_name)
        return cert_file.read_text()

    def client_context(
        self,
        common_name: str | None = None,
        foreign: bool = False,
        maximum: ssl.TLSVersion | None = None,
    ) -> ssl.SSLContext:
        """A station's TLS context: trusts the CA; presents a certificate for `common_name`
        when given (`maximum`: the newest TLS version it offers; with TLS 1.2 a refused
        client certificate fails the handshake itself, not the first read after it)."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        if maximum is not None:
            with warnings.catch_warnings():  # the old versions are deprecated: that is the point
                warnings.simplefilter("ignore", DeprecationWarning)
                if maximum < ssl.TLSVersion.TLSv1_2:
                    context.minimum_version = ssl.TLSVersion.TLSv1
                context.maximum_version = maximum
        if common_name is not None:
            cert_file, key_file = self.client_files(common_name, foreign)
            context.load_cert_chain(str(cert_file), str(key_file))
        return context

    def settings(self, client_ca: bool = True) -> dict[str, str]:
        """Node settings overrides that turn the TLS listener on, with both server
        certificates (ECDSA and RSA)."""
        values = {
            "tls_cert_file": f"{self.server_cert_file},{self.server_rsa_cert_file}",
            "tls_key_file": f"{self.server_key_file},{self.server_rsa_key_file}",
        }
        if client_ca:
            values["tls_client_ca_file"] = str(self.ca_file)
        return values


async def open_tls_listener(node: RunningNode) -> str:
    """Start the node's TLS listener on a free port (as `csms run` does on CSMS_TLS_PORT);
    returns its wss:// base URL."""
    settings = node.settings
    assert settings.tls_enabled
    runner = node.server.runner
    assert runner is not None
    context = server_context(settings.tls_certificates, settings.tls_client_ca_file)
    app = node.server.app
    site = TlsSite(runner, "127.0.0.1", 0, context, lambda: app[NODE].gateway)
    await site.start()
    return f"wss://127.0.0.1:{site.port}"


async def tls_station(
    session: aiohttp.ClientSession,
    base_url: str,
    station_id: str,
    context: ssl.SSLContext,
    headers: dict[str, str] | None = None,
) -> ScriptedStation:
    """A scripted station connected over wss:// with `context`."""
    ws = await session.ws_connect(
        f"{base_url}/ocpp/{station_id}",
        protocols=("ocpp2.0.1",),
        headers=headers,
        ssl=context,
        autoping=True,
    )
    return ScriptedStation(ws, station_id)
