"""Certificates handlers: SignCertificate (A02/A03), Get15118EVCertificate (M01/M02),
GetCertificateStatus (M06)."""

from __future__ import annotations

import base64

from ocpp.v201 import call, call_result, datatypes, enums

from modules.certificates import policy
from modules.certificates.backends import (
    CertificateBackends,
    CertStatus,
    OcspQuery,
)
from modules.certificates.events import CertificateSigningRequested
from modules.certificates.records import HashData, Signing, SigningStatus
from modules.certificates.store import CertificateStore
from modules.kernel.routing import HandlerContext

MAX_INFO = 512
MAX_OCSP_RESULT = 5500


def status_info(reason: str, problem: str) -> datatypes.StatusInfoType:
    """A statusInfo with `problem` cut to the schema's 512 characters."""
    return datatypes.StatusInfoType(reason_code=reason, additional_info=problem[:MAX_INFO])


def hash_of(data: datatypes.OCSPRequestDataType | datatypes.CertificateHashDataType) -> HashData:
    """The block's hash data of an OCPP one (hex lowercased)."""
    return HashData(
        hash_algorithm=data.hash_algorithm.value,
        issuer_name_hash=data.issuer_name_hash.lower(),
        issuer_key_hash=data.issuer_key_hash.lower(),
        serial_number=data.serial_number.lower(),
    )


class CertificateHandlers:
    """The certificates block's answers to station calls, on its store and backends."""

    def __init__(self, store: CertificateStore, backends: CertificateBackends) -> None:
        self._store = store
        self._backends = backends

    async def sign_certificate(
        self, ctx: HandlerContext, request: call.SignCertificate
    ) -> call_result.SignCertificate:
        """A02.FR.11/12, A03: check the CSR (PEM, signature, key strength, CN = station id)
        and that a signer is configured; store the request either way; Accepted emits
        CERTIFICATE_SIGNING_REQUESTED, after the commit, for the issuer to sign it."""
        kind = (
            request.certificate_type
            or enums.CertificateSigningUseEnumType.charging_station_certificate
        ).value
        problem = self._backends.signer.problem()
        reason = "NotConfigured"
        if problem is None:
            try:
                policy.check_csr(request.csr, ctx.station_id, kind)
            except policy.CsrProblem as refused:
                problem, reason = str(refused), "InvalidCSR"
        signing_id = await self._store.add_signing(
            Signing(
                station_id=ctx.station_id,
                certificate_type=kind,
                csr=request.csr,
                status=SigningStatus.PENDING if problem is None else SigningStatus.REJECTED,
                problem=problem,
                requested_at=ctx.now,
                updated_at=ctx.now,
            )
        )
        if problem is not None:
            return call_result.SignCertificate(
                status=enums.GenericStatusEnumType.rejected,
                status_info=status_info(reason, problem),
            )
        ctx.emit(
            CertificateSigningRequested(**ctx.origin, signing_id=signing_id, certificate_type=kind)
        )
        return call_result.SignCertificate(status=enums.GenericStatusEnumType.accepted)

    async def get_15118_ev_certificate(
        self, ctx: HandlerContext, request: call.Get15118EVCertificate
    ) -> call_result.Get15118EVCertificate:
        """M01/M02: forward the EV's request to the contract-certificate service; Failed with
        the reason when it has no answer (none is configured by default)."""
        answer = await self._backends.contracts.answer(
            ctx.station_id,
            request.iso15118_schema_version,
            request.action.value,
            request.exi_request,
        )
        if answer.accepted:
            return call_result.Get15118EVCertificate(
                status=enums.Iso15118EVCertificateStatusEnumType.accepted,
                exi_response=answer.exi_response,
            )
        return call_result.Get15118EVCertificate(
            status=enums.Iso15118EVCertificateStatusEnumType.failed,
            exi_response="",
            status_info=status_info("NoCertificate", answer.reason or "no answer"),
        )

    async def get_certificate_status(
        self, ctx: HandlerContext, request: call.GetCertificateStatus
    ) -> call_result.GetCertificateStatus:
        """M06.FR.01-04/08/09: ask the OCSP responder; Accepted with its DER OCSPResponse
        (base64) when it answered, whatever the certificate's status, else Failed and why."""
        data = request.ocsp_request_data
        answer = await self._backends.ocsp.query(
            OcspQuery(hash_data=hash_of(data), responder_url=data.responder_url)
        )
        if answer.status is not CertStatus.FAILED and answer.response is not None:
            encoded = base64.b64encode(answer.response).decode()
            if len(encoded) <= MAX_OCSP_RESULT:
                return call_result.GetCertificateStatus(
                    status=enums.GetCertificateStatusEnumType.accepted, ocsp_result=encoded
                )
            problem = "the OCSP response is longer than 5500 characters in base64"
        else:
            problem = answer.problem or "the OCSP responder gave no answer"
        return call_result.GetCertificateStatus(
            status=enums.GetCertificateStatusEnumType.failed,
            status_info=status_info("OcspFailed", problem),
        )
