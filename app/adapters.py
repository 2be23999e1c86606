"""Adapters filling one block's ports from another block (temporary: the lead replaces them
with the blocks' own services once every block has its store)."""

from __future__ import annotations

from datetime import datetime

from infra.db.models import RemoteStart
from modules.authorization import registry
from modules.authorization.convert import id_token_info
from modules.transactions import TokenDecision


class RegistryTokenAuthority:
    """The transactions block's `TokenAuthority` on the authorization block's registry."""

    async def decide(
        self, value: str, kind: str, now: datetime, unknown_status: str
    ) -> TokenDecision:
        """As Authorize decides: the stored token and its group's status (C09)."""
        row = await registry.find_token(value, kind)
        decision = await registry.decide_row(row, now, unknown_status)
        if row is None:
            return TokenDecision(info=id_token_info(decision), known=False)
        return TokenDecision(
            info=id_token_info(decision),
            known=True,
            group_id_token=row.group_id_token,
            group_id_token_type=row.group_id_token_type,
        )


class RemoteStartTable:
    """The transactions block's `RemoteStarts` on the remote-control block's table."""

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """Whether a RequestStartTransaction with this id and token was sent to the station."""
        return await RemoteStart.filter(
            station_id=station_id,
            remote_start_id=remote_start_id,
            id_token=id_token,
            id_token_type=id_token_type,
        ).exists()
