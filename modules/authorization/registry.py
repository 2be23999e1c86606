"""Reading the id-token registry: a token, its group's own entry, and the decision for them.

The transactions block answers TransactionEvent idTokenInfo from here too, so Authorize and
TransactionEvent apply the same rules (C09 group status included).
"""

from __future__ import annotations

from datetime import datetime

from infra.db.models import IdToken
from infra.db.rows import select_one
from modules.authorization import policy
from modules.authorization.convert import known_token


async def find_token(value: str, kind: str) -> IdToken | None:
    """The stored id token, matched case-sensitively on value and exactly on type."""
    row = await select_one(IdToken, {"value": value, "type": kind})
    # SQLite's default collation compares case-sensitively, PostgreSQL too; the explicit
    # check keeps the rule whatever the database's collation.
    return row if row is not None and row.value == value else None


async def group_row(row: IdToken) -> IdToken | None:
    """The registry's own entry for `row`'s group id token, if the group is registered."""
    if row.group_id_token is None or row.group_id_token_type is None:
        return None
    if row.group_id_token == row.value and row.group_id_token_type == row.type:
        return None
    return await find_token(row.group_id_token, row.group_id_token_type)


async def decide_row(
    row: IdToken | None, now: datetime, unknown_status: str = "Unknown"
) -> policy.Decision:
    """The decision for a stored token (or none), its group's status applied (C09)."""
    if row is None:
        return policy.decide(None, now, unknown_status)
    group = await group_row(row)
    return policy.decide(
        known_token(row),
        now,
        unknown_status,
        group=known_token(group) if group is not None else None,
    )


async def decide_token(
    value: str, kind: str, now: datetime, unknown_status: str = "Unknown"
) -> tuple[policy.Decision, IdToken | None]:
    """The decision for the presented token and the registry row it came from (if any)."""
    row = await find_token(value, kind)
    return await decide_row(row, now, unknown_status), row
