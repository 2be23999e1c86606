"""Authorization handlers: Authorize (each call runs in one transaction)."""

from __future__ import annotations

from dataclasses import replace

from ocpp.v201 import call, call_result, enums

from modules.authorization import policy
from modules.authorization.authority import TokenAuthority, id_token_info
from modules.authorization.ports import ContractCertificateCheck, TariffTexts
from modules.authorization.store import AuthorizationStore
from modules.kernel.routing import HandlerContext


class AuthorizationHandlers:
    """Handlers bound to the registry and the block's configuration."""

    def __init__(
        self,
        store: AuthorizationStore,
        unknown_status: str = "Unknown",
        allow_concurrent_tx: bool = False,
        contract_check: ContractCertificateCheck | None = None,
        tariff_texts: TariffTexts | None = None,
    ) -> None:
        self._store = store
        self._contract_check = contract_check
        self._authority = TokenAuthority(store)
        self._unknown_status = unknown_status
        self._allow_concurrent_tx = allow_concurrent_tx
        self._tariff_texts = tariff_texts

    async def authorize(
        self, ctx: HandlerContext, request: call.Authorize
    ) -> call_result.Authorize:
        """C01/C03-C09/C16: look the token up (exact value and type) and answer its status,
        its group's status when the group is not Accepted, ConcurrentTx when it (or its group)
        charges at another station and that is not allowed. C07: with a contract certificate
        (PEM chain or ISO 15118 hash data) the certificate is checked too and its
        certificateStatus answered (C07.FR.13-17); without one nothing else is asked.
        I01.FR.01: an accepted driver without a personal message of their own gets their
        tariff's text as one."""
        token = request.id_token
        decision, record = await self._authority.decision(
            token.id_token, token.type.value, ctx.now, self._unknown_status
        )
        if record is not None and decision.status == "Accepted" and not self._allow_concurrent_tx:
            group = record.token.group
            busy = await self._store.charging_elsewhere(
                ctx.station_id,
                record.value,
                record.type,
                group.id_token if group is not None else None,
            )
            decision = policy.with_concurrency(decision, busy, self._allow_concurrent_tx)
        hash_data = request.iso15118_certificate_hash_data or []
        certificate_status: str | None = None
        if request.certificate is not None or hash_data:
            checked = "NoCertificateAvailable"
            if self._contract_check is not None:
                checked = await self._contract_check.check(request.certificate, hash_data, ctx.now)
            decision, certificate_status = policy.with_certificate(decision, checked)
        if (
            self._tariff_texts is not None
            and decision.status == "Accepted"
            and decision.personal_message is None
        ):
            group = record.token.group if record is not None else None
            text = await self._tariff_texts.text_for(
                ctx.station_id, token.id_token, group.id_token if group is not None else None
            )
            if text is not None:
                message = policy.PersonalMessage("UTF8", text.content, text.language)
                decision = replace(decision, personal_message=message)
        return call_result.Authorize(
            id_token_info=id_token_info(decision),
            certificate_status=None
            if certificate_status is None
            else enums.AuthorizeCertificateStatusEnumType(certificate_status),
        )
