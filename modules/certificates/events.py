"""Events of the certificates block."""

from __future__ import annotations

from modules.kernel.events import Event, event


@event("CERTIFICATE_SIGNING_REQUESTED")
class CertificateSigningRequested(Event):
    """A02/A03: a station's CSR was accepted and stored (SignCertificate answered Accepted);
    the certificate issuer signs it and sends CertificateSigned."""

    signing_id: int
    certificate_type: str


@event("INSTALLED_CERTIFICATES_CHANGED")
class InstalledCertificatesChanged(Event):
    """M03/M04/M05, A02: what the CSMS knows of a station's certificates changed (an answer
    to InstallCertificate, DeleteCertificate, GetInstalledCertificateIds or
    CertificateSigned was stored); `action` names the command."""

    action: str
    status: str
