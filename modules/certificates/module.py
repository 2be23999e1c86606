"""The certificates routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.certificates.backends import CertificateBackends
from modules.certificates.commands import CertificateResults
from modules.certificates.handlers import CertificateHandlers
from modules.certificates.store import CertificateStore
from modules.kernel.routing import Module, StationCallRoute, command


def build_module(store: CertificateStore, backends: CertificateBackends) -> Module:
    """The certificates module (blocks A02/A03 and M) on `store` and `backends`.
    Get15118EVCertificate and GetCertificateStatus store nothing: no transaction is held
    open while their backends answer."""
    handlers = CertificateHandlers(store, backends)
    results = CertificateResults(store)
    return Module(
        name="certificates",
        station_calls={
            "SignCertificate": StationCallRoute(call.SignCertificate, handlers.sign_certificate),
            "Get15118EVCertificate": StationCallRoute(
                call.Get15118EVCertificate, handlers.get_15118_ev_certificate, transactional=False
            ),
            "GetCertificateStatus": StationCallRoute(
                call.GetCertificateStatus, handlers.get_certificate_status, transactional=False
            ),
        },
        commands={
            "InstallCertificate": command("InstallCertificate", results.install_certificate_result),
            "DeleteCertificate": command("DeleteCertificate", results.delete_certificate_result),
            "GetInstalledCertificateIds": command(
                "GetInstalledCertificateIds", results.get_installed_certificate_ids_result
            ),
            "CertificateSigned": command("CertificateSigned", results.certificate_signed_result),
        },
    )
