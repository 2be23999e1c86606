"""Authorization handlers (each runs in one transaction)."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import call, call_result

from modules.authorization import policy, registry
from modules.authorization.concurrency import charging_elsewhere
from modules.authorization.convert import enum_text, id_token_info, known_token
from modules.kernel.routing import HandlerContext

__all__ = ["AuthorizationHandlers", "id_token_info", "known_token"]


@dataclass(frozen=True, slots=True)
class AuthorizationHandlers:
    """Handlers bound to the module's configuration."""

    unknown_status: str = "Unknown"
    allow_concurrent_tx: bool = False

    async def authorize(
        self, ctx: HandlerContext, request: call.Authorize
    ) -> call_result.Authorize:
        """C01/C03-C09/C16: look the token up (exact value and type) and answer its status,
        its group's status when the group is not Accepted, ConcurrentTx when it (or its group)
        charges at another station and that is not allowed."""
        decision, row = await registry.decide_token(
            request.id_token.id_token,
            enum_text(request.id_token.type),
            ctx.now,
            self.unknown_status,
        )
        if row is not None and decision.status == "Accepted" and not self.allow_concurrent_tx:
            busy = await charging_elsewhere(ctx.station_id, row)
            decision = policy.with_concurrency(decision, busy, self.allow_concurrent_tx)
        return call_result.Authorize(id_token_info=id_token_info(decision))
