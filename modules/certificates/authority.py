"""The CSMS's own certificate authority, the built-in `Signer`: the CA certificate and key
from `CSMS_CA_CERT_FILE` / `CSMS_CA_KEY_FILE`, or in `CSMS_ENVIRONMENT=dev` without them a CA
generated once and kept in the data folder. Nothing configured outside dev: it cannot sign,
and SignCertificate is answered Rejected saying so."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from modules.certificates import pki, policy
from modules.certificates.backends import SigningFailed
from modules.certificates.records import Issued

DEV_CA_CERT = "csms-dev-ca.pem"
DEV_CA_KEY = "csms-dev-ca.key"
DEV_CA_DAYS = 3650
NOT_CONFIGURED = "no certificate authority: set CSMS_CA_CERT_FILE and CSMS_CA_KEY_FILE"


@dataclass(frozen=True, slots=True)
class LoadedCa:
    """The CA's certificate (the first of its file), the rest of its file, and its key."""

    certificate: x509.Certificate
    chain: list[x509.Certificate]
    key: pki.CaKey


def _read_ca(cert_path: Path, key_path: Path) -> LoadedCa:
    chain = pki.load_chain(cert_path.read_text())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise pki.CertificateProblem("the CA key must be RSA or EC")
    return LoadedCa(chain[0], chain, key)


def _write_dev_ca(directory: Path, now: datetime) -> None:
    """Generate the dev CA into `directory` (key 0600), unless a node already did."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / DEV_CA_CERT, directory / DEV_CA_KEY
    if cert_path.exists() and key_path.exists():
        return
    certificate, key = pki.new_ca("CSMS development CA", now, DEV_CA_DAYS)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    partial = key_path.with_suffix(".tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key_pem)
    os.replace(partial, key_path)
    cert_partial = cert_path.with_suffix(".tmp")
    cert_partial.write_text(pki.to_pem(certificate))
    os.replace(cert_partial, cert_path)


class CsmsCertificateAuthority:
    """Signer with the CSMS's CA: files given, or (`dev_dir`) the generated dev CA."""

    def __init__(
        self,
        cert_file: str | None,
        key_file: str | None,
        dev_dir: str | None,
        validity_days: int,
    ) -> None:
        self._files = (Path(cert_file), Path(key_file)) if cert_file and key_file else None
        self._dev_dir = Path(dev_dir) if dev_dir else None
        self._validity_days = validity_days
        self._loaded: LoadedCa | None = None
        self._lock = asyncio.Lock()

    def problem(self) -> str | None:
        """NOT_CONFIGURED without CA files outside dev."""
        return None if self._files or self._dev_dir else NOT_CONFIGURED

    async def ca(self, now: datetime) -> LoadedCa:
        """The CA, read (or in dev generated) on first use; SigningFailed when unusable."""
        async with self._lock:
            if self._loaded is None:
                self._loaded = await asyncio.to_thread(self._load, now)
            return self._loaded

    def _load(self, now: datetime) -> LoadedCa:
        if self._files is not None:
            paths = self._files
        elif self._dev_dir is not None:
            _write_dev_ca(self._dev_dir, now)
            paths = (self._dev_dir / DEV_CA_CERT, self._dev_dir / DEV_CA_KEY)
        else:
            raise SigningFailed(NOT_CONFIGURED)
        try:
            return _read_ca(*paths)
        except (OSError, ValueError, TypeError) as error:
            raise SigningFailed(f"the CA cannot be read: {error}") from error

    async def sign(
        self, station_id: str, certificate_type: str, csr_pem: str, now: datetime
    ) -> Issued:
        """Issue a certificate for the CSR with the CA, valid `validity_days`."""
        loaded = await self.ca(now)
        try:
            csr = policy.check_csr(csr_pem, station_id, certificate_type)
        except policy.CsrProblem as problem:
            raise SigningFailed(str(problem)) from problem
        return pki.issue(
            csr, loaded.certificate, loaded.key, now, self._validity_days, loaded.chain
        )
