"""Authorization handlers: Authorize (each call runs in one transaction)."""

from __future__ import annotations

from dataclasses import replace

from ocpp.v201 import call, call_result

from modules.authorization import policy
from modules.authorization.authority import TokenAuthority, id_token_info
from modules.authorization.ports import TariffTexts
from modules.authorization.store import AuthorizationStore
from modules.kernel.routing import HandlerContext


class AuthorizationHandlers:
    """Handlers bound to the registry and the block's configuration."""

    def __init__(
        self,
        store: AuthorizationStore,
        unknown_status: str = "Unknown",
        allow_concurrent_tx: bool = False,
        tariff_texts: TariffTexts | None = None,
    ) -> None:
        self._store = store
        self._authority = TokenAuthority(store)
        self._unknown_status = unknown_status
        self._allow_concurrent_tx = allow_concurrent_tx
        self._tariff_texts = tariff_texts

    async def authorize(
        self, ctx: HandlerContext, request: call.Authorize
    ) -> call_result.Authorize:
        """C01/C03-C09/C16: look the token up (exact value and type) and answer its status,
        its group's status when the group is not Accepted, ConcurrentTx when it (or its group)
        charges at another station and that is not allowed. I01.FR.01: an accepted driver
        without a personal message of their own gets their tariff's text as one."""
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
        return call_result.Authorize(id_token_info=id_token_info(decision))
