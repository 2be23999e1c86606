"""Certificates (OCPP 2.0.1 A02/A03, M01-M06, C07): the certificates stations hold and the
certificates the CSMS signs for them.

SignCertificate (A02/A03): the CSR is checked (PEM, signature, key at least RSA 2048 / EC
256, the CN is the station id) and stored; Accepted emits CERTIFICATE_SIGNING_REQUESTED, and
the `CertificateIssuer` (api role) has the `Signer` sign it (the CSMS's CA, or an external
one) and sends the certificate with CertificateSigned, recording each step on the signing.
InstallCertificate, DeleteCertificate, GetInstalledCertificateIds and CertificateSigned keep
what the station holds per station (type, hash data, subject, expiry); `CertificateQueries`
reads it back, with the certificates of the fleet that expire soon. Get15118EVCertificate
and GetCertificateStatus are answered by the `ContractCertificates` and `OcspResponder`
backends; `ContractCertificateCheck` gives the authorization block its C07 check, acting
only on OCSP responses it verified against the certificate's issuer (`KnownIssuers`, or the
chain the station sent).
"""

from modules.certificates.authority import CsmsCertificateAuthority
from modules.certificates.backends import (
    CertificateBackends,
    CertStatus,
    ContractAnswer,
    ContractCertificates,
    OcspAnswer,
    OcspQuery,
    OcspResponder,
    Signer,
    SigningFailed,
)
from modules.certificates.commands import (
    CertificateDeliveries,
    delete_certificate,
    get_installed_certificate_ids,
    install_certificate,
)
from modules.certificates.contract_check import ContractCertificateCheck
from modules.certificates.contracts import FileContractCertificates
from modules.certificates.events import CertificateSigningRequested, InstalledCertificatesChanged
from modules.certificates.issuer import CertificateIssuer
from modules.certificates.issuers import KnownIssuers
from modules.certificates.module import build_module
from modules.certificates.ocsp_client import HttpOcspResponder
from modules.certificates.queries import CertificateQueries
from modules.certificates.records import (
    HashData,
    InstalledCertificate,
    Issued,
    Signing,
    SigningStatus,
    SigningView,
    Source,
)
from modules.certificates.store import CertificateStore, SqlCertificateStore

__all__ = [
    "CertStatus",
    "CertificateBackends",
    "CertificateDeliveries",
    "CertificateIssuer",
    "CertificateQueries",
    "CertificateSigningRequested",
    "CertificateStore",
    "ContractAnswer",
    "ContractCertificateCheck",
    "ContractCertificates",
    "CsmsCertificateAuthority",
    "FileContractCertificates",
    "HashData",
    "HttpOcspResponder",
    "InstalledCertificate",
    "InstalledCertificatesChanged",
    "Issued",
    "KnownIssuers",
    "OcspAnswer",
    "OcspQuery",
    "OcspResponder",
    "Signer",
    "Signing",
    "SigningFailed",
    "SigningStatus",
    "SigningView",
    "Source",
    "SqlCertificateStore",
    "build_module",
    "delete_certificate",
    "get_installed_certificate_ids",
    "install_certificate",
]
