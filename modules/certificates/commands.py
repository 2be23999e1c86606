"""Certificate commands to stations: InstallCertificate (M05), DeleteCertificate (M04),
GetInstalledCertificateIds (M03), CertificateSigned (A02/A03). The typed requests built and
checked from arguments; the result handlers that store what each answer means (in the
answer's transaction; INSTALLED_CERTIFICATES_CHANGED goes out after the commit); the delivery
workflow that sends CertificateSigned and records how it went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ocpp.v201 import call, call_result, datatypes, enums

from modules.certificates import pki, policy
from modules.certificates.events import InstalledCertificatesChanged
from modules.certificates.handlers import hash_of
from modules.certificates.records import (
    HashData,
    InstalledCertificate,
    Issued,
    Signing,
    SigningStatus,
    Source,
)
from modules.certificates.store import CertificateStore
from modules.kernel.commands import CommandResult, InvalidCommand, send
from modules.kernel.envelope import Outcome
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore

MAX_CHAIN = 10_000
"""CertificateSignedRequest's certificateChain maximum length."""
ALL_ID_USES = tuple(use.value for use in enums.GetCertificateIdUseEnumType)


def install_certificate(certificate_type: str, certificate: str) -> call.InstallCertificate:
    """M05: the InstallCertificate request; InvalidCommand for a PEM that is not a
    certificate whose issuer is known (self-signed, or followed by its issuer)."""
    policy.root_hash_data(certificate)
    return call.InstallCertificate(
        certificate_type=enums.InstallCertificateUseEnumType(certificate_type),
        certificate=certificate,
    )


def delete_certificate(hash_data: HashData) -> call.DeleteCertificate:
    """M04: the DeleteCertificate request for the checked hash data."""
    checked = policy.check_hash_data(hash_data)
    return call.DeleteCertificate(
        certificate_hash_data=datatypes.CertificateHashDataType(
            hash_algorithm=enums.HashAlgorithmEnumType(checked.hash_algorithm),
            issuer_name_hash=checked.issuer_name_hash,
            issuer_key_hash=checked.issuer_key_hash,
            serial_number=checked.serial_number,
        )
    )


def get_installed_certificate_ids(types: list[str] | None) -> call.GetInstalledCertificateIds:
    """M03: the GetInstalledCertificateIds request (no types: all of them)."""
    return call.GetInstalledCertificateIds(
        certificate_type=[enums.GetCertificateIdUseEnumType(t) for t in types] if types else None
    )


def issued_of(chain: str) -> Issued:
    """A02/A03: what a certificate chain to send with CertificateSigned holds (the leaf
    first); InvalidCommand naming `certificateChain` when it cannot be sent."""
    if len(chain) > MAX_CHAIN:
        raise InvalidCommand("certificateChain", f"longer than {MAX_CHAIN} characters")
    try:
        certificates = pki.load_chain(chain)
        hash_data = pki.chain_hash_data(chain)
    except pki.CertificateProblem as problem:
        raise InvalidCommand("certificateChain", str(problem)) from problem
    leaf = certificates[0]
    return Issued(
        certificate_chain=chain,
        serial_number=pki.serial_hex(leaf.serial_number),
        expires_at=leaf.not_valid_after_utc,
        subject=pki.subject_text(leaf),
        hash_data=hash_data,
    )


def certificate_signed(chain: str, certificate_type: str) -> call.CertificateSigned:
    """A02.FR.14: the CertificateSigned request with the type of the CSR it answers."""
    return call.CertificateSigned(
        certificate_chain=chain,
        certificate_type=enums.CertificateSigningUseEnumType(certificate_type),
    )


def _changed(ctx: HandlerContext, action: str, status: str) -> None:
    ctx.emit(InstalledCertificatesChanged(**ctx.origin, action=action, status=status))


class CertificateResults(OnStore[CertificateStore]):
    """The result handlers of the certificate commands, on the block's store."""

    async def install_certificate_result(
        self,
        ctx: HandlerContext,
        request: call.InstallCertificate,
        response: call_result.InstallCertificate,
    ) -> None:
        """M05.FR.02: an Accepted install stores the certificate (hash data, subject,
        expiry) as the station's."""
        status = response.status.value
        if response.status is enums.InstallCertificateStatusEnumType.accepted:
            hash_data, subject, certificate = policy.root_hash_data(request.certificate)
            await self._store.put_installed(
                InstalledCertificate(
                    station_id=ctx.station_id,
                    certificate_type=request.certificate_type.value,
                    hash_data=hash_data,
                    subject=subject,
                    expires_at=certificate.not_valid_after_utc,
                    source=Source.INSTALLED,
                    updated_at=ctx.now,
                )
            )
        _changed(ctx, "InstallCertificate", status)

    async def delete_certificate_result(
        self,
        ctx: HandlerContext,
        request: call.DeleteCertificate,
        response: call_result.DeleteCertificate,
    ) -> None:
        """M04.FR.05/06: Accepted or NotFound: the station does not hold it (any more)."""
        status = response.status
        if status is not enums.DeleteCertificateStatusEnumType.failed:
            await self._store.remove_installed(
                ctx.station_id, hash_of(request.certificate_hash_data)
            )
        _changed(ctx, "DeleteCertificate", status.value)

    async def get_installed_certificate_ids_result(
        self,
        ctx: HandlerContext,
        request: call.GetInstalledCertificateIds,
        response: call_result.GetInstalledCertificateIds,
    ) -> None:
        """M03.FR.03/04: the station holds exactly the certificates it listed of the types
        asked (all types when none were named); NotFound: none of them."""
        types = [t.value for t in request.certificate_type] if request.certificate_type else []
        asked = types or list(ALL_ID_USES)
        reported = [
            (chain.certificate_type.value, hash_of(chain.certificate_hash_data))
            for chain in response.certificate_hash_data_chain or []
        ]
        await self._store.replace_reported(ctx.station_id, asked, reported, ctx.now)
        _changed(ctx, "GetInstalledCertificateIds", response.status.value)

    async def certificate_signed_result(
        self,
        ctx: HandlerContext,
        request: call.CertificateSigned,
        response: call_result.CertificateSigned,
    ) -> None:
        """A02/A03: an Accepted certificate (whose issuer the chain holds) is stored as the
        station's, of the request's type, with its expiry."""
        status = response.status
        if status is enums.CertificateSignedStatusEnumType.accepted:
            try:
                issued = issued_of(request.certificate_chain)
            except InvalidCommand:
                issued = None
            if issued is not None and issued.hash_data is not None:
                kind = request.certificate_type or (
                    enums.CertificateSigningUseEnumType.charging_station_certificate
                )
                await self._store.put_installed(
                    InstalledCertificate(
                        station_id=ctx.station_id,
                        certificate_type=kind.value,
                        hash_data=issued.hash_data,
                        subject=issued.subject,
                        expires_at=issued.expires_at,
                        source=Source.SIGNED,
                        updated_at=ctx.now,
                    )
                )
        _changed(ctx, "CertificateSigned", status.value)


def delivery_status(
    result: CommandResult[call_result.CertificateSigned],
) -> tuple[SigningStatus, str | None]:
    """Where a signing stands after its CertificateSigned, and why when not ACCEPTED."""
    answer = result.response
    if answer is None:
        return SigningStatus.UNDELIVERED, f"CertificateSigned: {result.outcome.value}"
    if answer.status is enums.CertificateSignedStatusEnumType.accepted:
        return SigningStatus.ACCEPTED, None
    info = answer.status_info
    return (
        SigningStatus.REFUSED,
        f"{info.reason_code}: {info.additional_info or ''}" if info else None,
    )


class CertificateDeliveries:
    """A02/A03: send a certificate chain with CertificateSigned and record how that went
    (ACCEPTED, REFUSED by the station, UNDELIVERED) on its signing."""

    def __init__(
        self, store: CertificateStore, sender: CommandSender, now: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._sender = sender
        self._now = now

    async def deliver(
        self,
        station_id: str,
        signing_id: int,
        certificate_type: str,
        issued: Issued,
        timeout: float | None = None,
    ) -> CommandResult[call_result.CertificateSigned]:
        """Send the issued chain and record the station's answer on the signing."""
        request = certificate_signed(issued.certificate_chain, certificate_type)
        result = await send(
            self._sender, station_id, request, call_result.CertificateSigned, timeout
        )
        status, problem = delivery_status(result)
        await self._store.update_signing(
            signing_id, status, self._now(), problem=problem, error_code=result.error_code
        )
        await self._installed(station_id, certificate_type, issued, status)
        return result

    async def _installed(
        self, station_id: str, certificate_type: str, issued: Issued, status: SigningStatus
    ) -> None:
        """An ACCEPTED certificate is the station's, when its hash data is known (the
        issuer's certificate need not be in the chain for that: the signer knows it)."""
        if status is not SigningStatus.ACCEPTED or issued.hash_data is None:
            return
        await self._store.put_installed(
            InstalledCertificate(
                station_id=station_id,
                certificate_type=certificate_type,
                hash_data=issued.hash_data,
                subject=issued.subject,
                expires_at=issued.expires_at,
                source=Source.SIGNED,
                updated_at=self._now(),
            )
        )

    async def send_chain(
        self, station_id: str, chain: str, certificate_type: str, timeout: float | None = None
    ) -> tuple[int | None, CommandResult[call_result.CertificateSigned]]:
        """An operator's CertificateSigned, stored once sent as a signing without CSR (an
        OFFLINE station was sent nothing: no signing, None)."""
        issued = issued_of(chain)
        request = certificate_signed(chain, certificate_type)
        result = await send(
            self._sender, station_id, request, call_result.CertificateSigned, timeout
        )
        if result.outcome is Outcome.OFFLINE:
            return None, result
        status, problem = delivery_status(result)
        now = self._now()
        signing_id = await self._store.add_signing(
            Signing(
                station_id=station_id,
                certificate_type=certificate_type,
                csr=None,
                status=status,
                problem=problem,
                requested_at=now,
                updated_at=now,
                serial_number=issued.serial_number,
                certificate_chain=chain,
                expires_at=issued.expires_at,
                error_code=result.error_code,
            )
        )
        await self._installed(station_id, certificate_type, issued, status)
        return signing_id, result
