"""Certificate commands (M03-M05, A02/A03): arguments to the block's commands, the station's
answers to GraphQL types. When the station answered, the block's result handler has already
stored what it means by the time a mutation returns."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.certificates.types import (
    CertificateSignedResult,
    DeleteCertificateResult,
    GetInstalledCertificateIdsResult,
    InstallCertificateResult,
    ReportedCertificate,
)
from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.customer_information.types import CertificateHashDataInput
from modules import certificates
from modules.kernel.commands import InvalidCommand, UnknownCommand
from modules.kernel.errors import OcppError


@strawberry.type
class CertificatesMutation:
    """Certificate commands."""

    @mutation(
        "M05: install a root certificate (PEM; self-signed, or followed by its issuer) on the "
        "station; Accepted stores it as the station's (see `installedCertificates`)."
    )
    async def install_certificate(
        self,
        call: StationCall,
        certificate_type: enums.InstallCertificateUseEnumType,
        certificate: str,
    ) -> InstallCertificateResult:
        """M05: InstallCertificate."""
        request = certificates.install_certificate(certificate_type.value, certificate)
        return await call.status(request, call_result.InstallCertificate, InstallCertificateResult)

    @mutation(
        "M04: delete the certificate of that hash data from the station; Accepted or NotFound "
        "removes it from the station's certificates."
    )
    async def delete_certificate(
        self, call: StationCall, hash_data: CertificateHashDataInput
    ) -> DeleteCertificateResult:
        """M04: DeleteCertificate."""
        request = certificates.delete_certificate(
            certificates.HashData(
                hash_algorithm=hash_data.hash_algorithm.value,
                issuer_name_hash=hash_data.issuer_name_hash,
                issuer_key_hash=hash_data.issuer_key_hash,
                serial_number=hash_data.serial_number,
            )
        )
        return await call.status(request, call_result.DeleteCertificate, DeleteCertificateResult)

    @mutation(
        "M03: ask the station which certificates it holds (of `certificateTypes`; none: all); "
        "its answer replaces what the CSMS knew of those types."
    )
    async def get_installed_certificate_ids(
        self,
        call: StationCall,
        certificate_types: list[enums.GetCertificateIdUseEnumType] | None = None,
    ) -> GetInstalledCertificateIdsResult:
        """M03: GetInstalledCertificateIds."""
        types = [t.value for t in certificate_types] if certificate_types else None
        request = certificates.get_installed_certificate_ids(types)
        result = await call.send(request, call_result.GetInstalledCertificateIds)
        answer = result.response
        listed = answer.certificate_hash_data_chain or [] if answer else []
        return GetInstalledCertificateIdsResult(
            **commands.call_fields(result),
            **commands.status_fields(answer),
            certificates=[ReportedCertificate.of(chain) for chain in listed],
        )

    @mutation(
        "A02/A03: send the station a certificate chain (PEM, the leaf first) with "
        "CertificateSigned; stored as a signing (see `certificateSignings`), and on Accepted "
        "as the station's certificate."
    )
    async def certificate_signed(
        self,
        call: StationCall,
        certificate_chain: str,
        certificate_type: enums.CertificateSigningUseEnumType = (
            enums.CertificateSigningUseEnumType.charging_station_certificate
        ),
    ) -> CertificateSignedResult:
        """A02/A03: CertificateSigned."""
        deliveries = call.block(certificates.CertificateDeliveries)
        with refusals_as_input_errors(InvalidCommand, UnknownCommand, OcppError):
            signing_id, result = await deliveries.send_chain(
                call.station_id, certificate_chain, certificate_type.value, call.timeout
            )
        return CertificateSignedResult(
            signing_id=signing_id,
            **commands.call_fields(result),
            **commands.status_fields(result.response),
        )
