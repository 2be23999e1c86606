"""C07: checking an ISO 15118 contract certificate presented with Authorize, through the
same OCSP backend as GetCertificateStatus: the hash data the station sent, or the PEM chain
it passed on (C07.FR.06), gives the AuthorizeCertificateStatus."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.x509.oid import AuthorityInformationAccessOID
from ocpp.v201 import datatypes

from modules.certificates import pki
from modules.certificates.backends import CertStatus, OcspQuery, OcspResponder
from modules.certificates.handlers import hash_of

ACCEPTED = "Accepted"
EXPIRED = "CertificateExpired"
REVOKED = "CertificateRevoked"
CHAIN_ERROR = "CertChainError"


def ocsp_url(certificate: x509.Certificate) -> str | None:
    """The OCSP responder the certificate names (authorityInfoAccess), or None."""
    try:
        access = certificate.extensions.get_extension_for_class(x509.AuthorityInformationAccess)
    except x509.ExtensionNotFound:
        return None
    for description in access.value:
        if description.access_method == AuthorityInformationAccessOID.OCSP:
            return str(description.access_location.value)
    return None


def verdict(statuses: Sequence[CertStatus]) -> str:
    """C07.FR.14/16/17: any revoked: CertificateRevoked; any not known good: CertChainError;
    else Accepted."""
    if CertStatus.REVOKED in statuses:
        return REVOKED
    if not statuses or any(status is not CertStatus.GOOD for status in statuses):
        return CHAIN_ERROR
    return ACCEPTED


class ContractCertificateCheck:
    """The authorization block's contract-certificate check, on the OCSP backend."""

    def __init__(self, ocsp: OcspResponder) -> None:
        self._ocsp = ocsp

    async def check(
        self,
        certificate: str | None,
        hash_data: Sequence[datatypes.OCSPRequestDataType],
        now: datetime,
    ) -> str:
        """The AuthorizeCertificateStatus of the presented chain or hash data."""
        queries = [
            OcspQuery(hash_data=hash_of(data), responder_url=data.responder_url)
            for data in hash_data
        ]
        if certificate is not None:
            from_chain = self._chain_queries(certificate, now)
            if isinstance(from_chain, str):
                return from_chain
            if not from_chain:
                return CHAIN_ERROR
            queries.extend(from_chain)
        answers = await asyncio.gather(*(self._ocsp.query(query) for query in queries))
        return verdict([answer.status for answer in answers])

    @staticmethod
    def _chain_queries(certificate: str, now: datetime) -> list[OcspQuery] | str:
        """C07.FR.15/17: the OCSP queries of a PEM chain's certificates below their roots, or
        the status when the chain itself is expired or cannot be verified (a certificate
        whose issuer is not in the chain is not asked about: the leaf must be)."""
        try:
            chain = pki.load_chain(certificate)
        except pki.CertificateProblem:
            return CHAIN_ERROR
        if any(c.not_valid_after_utc < now or c.not_valid_before_utc > now for c in chain):
            return EXPIRED
        queries = []
        for index, certificate_ in enumerate(chain):
            issuer = pki.issuer_in(chain, index)
            if issuer is None:  # the top of a chain without its root: nothing to ask about
                continue
            try:
                certificate_.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                return CHAIN_ERROR
            if issuer is not certificate_:
                queries.append(
                    OcspQuery(
                        hash_data=pki.hash_data(certificate_, issuer),
                        responder_url=ocsp_url(certificate_),
                    )
                )
        return queries
