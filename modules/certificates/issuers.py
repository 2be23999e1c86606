"""The CA certificates the CSMS knows for verifying OCSP answers about contract certificates
(C07): the PEM file `CSMS_CONTRACT_CA_FILE` (the mobility operators' roots and sub-CAs), found
by the issuer hashes of OCPP hash data."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cryptography import x509

from modules.certificates import pki
from modules.certificates.records import HashData


class KnownIssuers:
    """CA certificates, looked up by the issuerNameHash and issuerKeyHash of hash data (the
    hashes of each algorithm computed once, on the first lookup with it)."""

    def __init__(self, certificates: Iterable[x509.Certificate] = ()) -> None:
        self._certificates = tuple(certificates)
        self._by_hashes: dict[str, dict[tuple[str, str], x509.Certificate]] = {}

    @classmethod
    def from_file(cls, path: str | None) -> KnownIssuers:
        """The certificates of a PEM file (none without a path); CertificateProblem when it
        holds none or one that cannot be parsed."""
        if path is None:
            return cls()
        try:
            return cls(pki.load_chain(Path(path).read_text()))
        except pki.CertificateProblem as problem:
            raise pki.CertificateProblem(f"{path}: {problem}") from problem

    def find(self, data: HashData) -> x509.Certificate | None:
        """The certificate that issued the one `data` identifies, or None when none known
        has its name and key hashes (or the hash algorithm is not OCPP's)."""
        if data.hash_algorithm not in pki.HASH_ALGORITHMS:
            return None
        table = self._by_hashes.get(data.hash_algorithm)
        if table is None:
            table = {
                pki.issuer_hashes(certificate, data.hash_algorithm): certificate
                for certificate in self._certificates
            }
            self._by_hashes[data.hash_algorithm] = table
        return table.get((data.issuer_name_hash.lower(), data.issuer_key_hash.lower()))
