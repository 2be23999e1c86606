"""Transitional: the transactions block still reads registry rows through here (the ORM row
and the decision for it). Once it uses `modules.authorization.TokenAuthority` (plain values,
one call), delete this file; nothing else in the block uses it."""

from __future__ import annotations

from datetime import datetime

from infra.db.models import IdToken
from infra.db.rows import select_one
from modules.authorization import policy
from modules.authorization.store import known_token


async def find_token(value: str, kind: str) -> IdToken | None:
    """The stored id token, matched case-sensitively on value and exactly on type."""
    row = await select_one(IdToken, {"value": value, "type": kind})
    return row if row is not None and row.value == value else None


async def decide_row(
    row: IdToken | None, now: datetime, unknown_status: str = "Unknown"
) -> policy.Decision:
    """The decision for a stored token (or none), its group's status applied (C09)."""
    if row is None:
        return policy.decide(None, now, unknown_status)
    token = known_token(row)
    key = policy.group_key(row.value, row.type, token)
    group = await find_token(*key) if key is not None else None
    return policy.decide(
        token, now, unknown_status, group=known_token(group) if group is not None else None
    )
