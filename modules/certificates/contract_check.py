"""C07: checking an ISO 15118 contract certificate presented with Authorize, through the
same OCSP backend as GetCertificateStatus: the hash data the station sent, or the PEM chain
it passed on (C07.FR.06), gives the AuthorizeCertificateStatus.

Unlike GetCertificateStatus, which relays the response for the station to verify (M06), the
CSMS acts on these answers itself, so it uses only responses it verified (`ocsp_verify`)
against the issuer of the certificate asked about: the next certificate of the chain, or for
hash data a known CA (`KnownIssuers`) or a certificate of the chain sent along. An answer
that does not verify, and hash data whose issuer the CSMS does not know (not asked about at
all), count as no answer: CertChainError (C07.FR.17), the reason logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.x509.oid import AuthorityInformationAccessOID
from ocpp.v201 import datatypes

from modules.certificates import ocsp_verify, pki
from modules.certificates.backends import CertStatus, OcspAnswer, OcspQuery, OcspResponder
from modules.certificates.handlers import hash_of
from modules.certificates.issuers import KnownIssuers

ACCEPTED = "Accepted"
EXPIRED = "CertificateExpired"
REVOKED = "CertificateRevoked"
CHAIN_ERROR = "CertChainError"

log = logging.getLogger(__name__)

Asked = tuple[OcspQuery, x509.Certificate | None]
"""One OCSP query and the issuer its answer must verify against (None: not known)."""


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
    """The authorization block's contract-certificate check, on the OCSP backend, trusting
    only answers that verify against the issuer (the chain's, or one of `issuers`)."""

    def __init__(self, ocsp: OcspResponder, issuers: KnownIssuers | None = None) -> None:
        self._ocsp = ocsp
        self._issuers = issuers or KnownIssuers()

    async def check(
        self,
        certificate: str | None,
        hash_data: Sequence[datatypes.OCSPRequestDataType],
        now: datetime,
    ) -> str:
        """The AuthorizeCertificateStatus of the presented chain or hash data."""
        chain: list[x509.Certificate] = []
        from_chain: list[Asked] = []
        if certificate is not None:
            try:
                chain = pki.load_chain(certificate)
            except pki.CertificateProblem:
                return CHAIN_ERROR
            checked = self._chain_queries(chain, now)
            if isinstance(checked, str):
                return checked
            if not checked:
                return CHAIN_ERROR
            from_chain = checked
        sent = KnownIssuers(chain)
        asked: list[Asked] = []
        for data in hash_data:
            query = OcspQuery(hash_data=hash_of(data), responder_url=data.responder_url)
            issuer = self._issuers.find(query.hash_data) or sent.find(query.hash_data)
            asked.append((query, issuer))
        answers = await asyncio.gather(
            *(self._answer(query, issuer, now) for query, issuer in [*asked, *from_chain])
        )
        return verdict([answer.status for answer in answers])

    async def _answer(
        self, query: OcspQuery, issuer: x509.Certificate | None, now: datetime
    ) -> OcspAnswer:
        """The verified answer about one certificate; FAILED, logged with why, when there is
        none to trust."""
        if issuer is None:
            answer = OcspAnswer(
                status=CertStatus.FAILED,
                problem="its issuer is not known to the CSMS (CSMS_CONTRACT_CA_FILE):"
                " an OCSP answer could not be verified, so none was asked for",
            )
        else:
            answer = ocsp_verify.verified(await self._ocsp.query(query), query, issuer, now)
        if answer.status is CertStatus.FAILED:
            data = query.hash_data
            log.warning(
                "C07: no usable OCSP answer about contract certificate %s (issuerKeyHash %s): %s",
                data.serial_number,
                data.issuer_key_hash,
                answer.problem,
            )
        return answer

    @staticmethod
    def _chain_queries(chain: list[x509.Certificate], now: datetime) -> list[Asked] | str:
        """C07.FR.15/17: the OCSP queries of a chain's certificates below their roots, each
        with its issuer, or the status when the chain itself is expired or cannot be verified
        (a certificate whose issuer is not in the chain is not asked about: the leaf must
        be)."""
        if any(c.not_valid_after_utc < now or c.not_valid_before_utc > now for c in chain):
            return EXPIRED
        queries: list[Asked] = []
        for index, certificate_ in enumerate(chain):
            issuer = pki.issuer_in(chain, index)
            if issuer is None:  # the top of a chain without its root: nothing to ask about
                continue
            try:
                certificate_.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                return CHAIN_ERROR
            if issuer is not certificate_:
                query = OcspQuery(
                    hash_data=pki.hash_data(certificate_, issuer),
                    responder_url=ocsp_url(certificate_),
                )
                queries.append((query, issuer))
        return queries
