"""ConcurrentTx (C01/C09): is the token, or its group, already charging at another station?"""

from __future__ import annotations

from tortoise.expressions import Q

from infra.db.models import IdToken, Transaction


async def charging_elsewhere(station_id: str, row: IdToken) -> bool:
    """True when an active transaction at another station was started with `row`'s token
    or with a token of the same group."""
    match = Q(id_token=row.value, id_token_type=row.type)
    if row.group_id_token is not None:
        match |= Q(group_id_token=row.group_id_token)
    return await Transaction.filter(match, active=True).exclude(station_id=station_id).exists()
