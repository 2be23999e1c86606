"""The certificate issuer (A02/A03): beside the api role it follows
CERTIFICATE_SIGNING_REQUESTED (published after SignCertificate was answered Accepted, so the
station's reply is never held up) on one subscription shared by every api node (each CSR is
signed by one node, claimed in the store), has the signer sign the CSR, stores the
certificate and sends it with CertificateSigned."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from modules.certificates.backends import Signer, SigningFailed
from modules.certificates.commands import CertificateDeliveries
from modules.certificates.events import CertificateSigningRequested
from modules.certificates.records import SigningStatus
from modules.certificates.store import CertificateStore
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus

log = logging.getLogger(__name__)

SUBSCRIPTION = "certificate-issuer"


class CertificateIssuer(EventsFollower):
    """Signs accepted CSRs and delivers the certificates."""

    def __init__(
        self,
        bus: Bus,
        store: CertificateStore,
        signer: Signer,
        deliveries: CertificateDeliveries,
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._store = store
        self._signer = signer
        self._deliveries = deliveries
        self._now = now

    def follow(self, event: Event) -> None:
        """A CERTIFICATE_SIGNING_REQUESTED starts the signing of its CSR in the background."""
        if not isinstance(event, CertificateSigningRequested):
            return
        key = f"{event.station_id}#{event.signing_id}"
        if not self.is_running(key):
            self.run_for(key, self.issue(event.signing_id))

    async def issue(self, signing_id: int) -> SigningStatus | None:
        """Sign the CSR (if this node claims it) and deliver the certificate; the signing's
        final status, None when another node took it."""
        if not await self._store.claim_signing(signing_id, self._now()):
            return None
        signing = await self._store.signing(signing_id)
        if signing is None or signing.csr is None:
            return None
        try:
            issued = await self._signer.sign(
                signing.station_id, signing.certificate_type, signing.csr, self._now()
            )
        except SigningFailed as failed:
            await self._store.update_signing(
                signing_id, SigningStatus.FAILED, self._now(), problem=str(failed)
            )
            return SigningStatus.FAILED
        except Exception as error:  # an external signer's fault: recorded, not retried
            log.exception("certificate signing failed", extra={"station_id": signing.station_id})
            await self._store.update_signing(
                signing_id, SigningStatus.FAILED, self._now(), problem=f"{type(error).__name__}"
            )
            return SigningStatus.FAILED
        await self._store.update_signing(
            signing_id, SigningStatus.SIGNED, self._now(), issued=issued
        )
        await self._deliveries.deliver(
            signing.station_id, signing_id, signing.certificate_type, issued
        )
        after = await self._store.signing(signing_id)
        return after.status if after is not None else None
