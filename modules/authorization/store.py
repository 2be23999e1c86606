"""The id-token registry in the database: the only file of the authorization block that
touches it (the `id_token` table, and the `transaction` table for ConcurrentTx)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tortoise.expressions import Q

from infra.db.models import IdToken, Transaction
from infra.db.rows import select_one
from modules.authorization.policy import (
    GroupIdToken,
    KnownToken,
    PersonalMessage,
    TokenIdentity,
    TokenKey,
)

BATCH = 500
"""Rows written per multi-row INSERT of an import, values per IN list when reading."""


@dataclass(frozen=True, slots=True)
class IdTokenRecord(TokenIdentity):
    """A stored id token: (value, type), its registry id, what it says, when it changed."""

    id: int
    token: KnownToken
    updated_at: datetime


class AuthorizationStore(Protocol):
    """What the authorization block reads and writes."""

    async def find_token(self, value: str, kind: str) -> IdTokenRecord | None:
        """The token matched case-sensitively on value and exactly on type, or None."""
        ...

    async def tokens_by_keys(self, keys: Collection[TokenKey]) -> dict[TokenKey, IdTokenRecord]:
        """The stored tokens among `keys`."""
        ...

    async def tokens_by_ids(self, ids: Collection[int]) -> list[IdTokenRecord]:
        """The stored tokens with these registry ids."""
        ...

    async def charging_elsewhere(
        self, station_id: str, value: str, kind: str, group_id_token: str | None
    ) -> bool:
        """Whether an active transaction at another station was started with this token or
        with a token of the group `group_id_token`."""
        ...

    async def upsert_token(
        self, value: str, kind: str, token: KnownToken
    ) -> tuple[IdTokenRecord | None, IdTokenRecord]:
        """Create or replace the token; returns what was stored before (or None) and now."""
        ...

    async def import_tokens(
        self, tokens: Sequence[tuple[str, str, KnownToken]], now: datetime
    ) -> None:
        """Create or replace every (value, type, token) at once (multi-row upserts)."""
        ...

    async def token_ids(self, value: str, kind: str) -> list[int]:
        """The registry ids of the token (value, type)."""
        ...

    async def delete_tokens(self, ids: Collection[int]) -> int:
        """Delete the tokens; returns how many there were."""
        ...

    async def page(
        self, search: str | None, status: str | None, after_id: int | None, limit: int
    ) -> list[IdTokenRecord]:
        """Tokens in id order after `after_id`, whose value contains `search` (ignoring case)
        and whose status is `status` when given."""
        ...


def known_token(row: IdToken) -> KnownToken:
    """What a stored row says."""
    group = None
    if row.group_id_token is not None and row.group_id_token_type is not None:
        group = GroupIdToken(row.group_id_token, row.group_id_token_type)
    message = None
    if row.personal_message:
        message = PersonalMessage(
            format=row.personal_message["format"],
            content=row.personal_message["content"],
            language=row.personal_message.get("language"),
        )
    return KnownToken(
        status=row.status,
        cache_expiry=row.cache_expiry_date_time,
        group=group,
        language1=row.language1,
        allowed_evse_ids=tuple(row.allowed_evse_ids) if row.allowed_evse_ids else None,
        personal_message=message,
        master_pass=row.master_pass,
    )


def record_of(row: IdToken) -> IdTokenRecord:
    """The record of a stored row."""
    return IdTokenRecord(row.value, row.type, row.id, known_token(row), row.updated_at)


def columns(token: KnownToken) -> dict[str, Any]:
    """The row's column values for `token`."""
    message = token.personal_message
    stored_message = None
    if message is not None:
        stored_message = {"format": message.format, "content": message.content}
        if message.language is not None:
            stored_message["language"] = message.language
    return {
        "status": token.status,
        "group_id_token": token.group.id_token if token.group else None,
        "group_id_token_type": token.group.type if token.group else None,
        "cache_expiry_date_time": token.cache_expiry,
        "language1": token.language1,
        "allowed_evse_ids": list(token.allowed_evse_ids) if token.allowed_evse_ids else None,
        "personal_message": stored_message,
        "master_pass": token.master_pass,
    }


class SqlAuthorizationStore:
    """The registry on the `id_token` table."""

    async def find_token(self, value: str, kind: str) -> IdTokenRecord | None:
        """One hand-written SELECT (Authorize and TransactionEvent read it)."""
        row = await select_one(IdToken, {"value": value, "type": kind})
        # SQLite's default collation compares case-sensitively, PostgreSQL too; the explicit
        # check keeps the rule whatever the database's collation.
        return record_of(row) if row is not None and row.value == value else None

    async def tokens_by_keys(self, keys: Collection[TokenKey]) -> dict[TokenKey, IdTokenRecord]:
        """Read by value in batches, keep the exact keys."""
        wanted = set(keys)
        values = sorted({value for value, _ in wanted})
        found: dict[TokenKey, IdTokenRecord] = {}
        for start in range(0, len(values), BATCH):
            for row in await IdToken.filter(value__in=values[start : start + BATCH]):
                if (row.value, row.type) in wanted:
                    found[(row.value, row.type)] = record_of(row)
        return found

    async def tokens_by_ids(self, ids: Collection[int]) -> list[IdTokenRecord]:
        """One IN query."""
        if not ids:
            return []
        return [record_of(row) for row in await IdToken.filter(id__in=list(ids))]

    async def charging_elsewhere(
        self, station_id: str, value: str, kind: str, group_id_token: str | None
    ) -> bool:
        """One EXISTS over active transactions."""
        match = Q(id_token=value, id_token_type=kind)
        if group_id_token is not None:
            match |= Q(group_id_token=group_id_token)
        query = Transaction.filter(match, active=True).exclude(station_id=station_id)
        return await query.exists()

    async def upsert_token(
        self, value: str, kind: str, token: KnownToken
    ) -> tuple[IdTokenRecord | None, IdTokenRecord]:
        """Read the old row, then update or create it."""
        old = await IdToken.get_or_none(value=value, type=kind)
        row, _ = await IdToken.update_or_create(defaults=columns(token), value=value, type=kind)
        return (record_of(old) if old is not None else None), record_of(row)

    async def import_tokens(
        self, tokens: Sequence[tuple[str, str, KnownToken]], now: datetime
    ) -> None:
        """Multi-row INSERT ... ON CONFLICT (value, type) DO UPDATE, in batches."""
        if not tokens:
            return
        rows = [
            IdToken(value=value, type=kind, updated_at=now, **columns(token))
            for value, kind, token in tokens
        ]
        await IdToken.bulk_create(
            rows,
            batch_size=BATCH,
            on_conflict=["value", "type"],
            update_fields=[*columns(tokens[0][2]).keys(), "updated_at"],
        )

    async def token_ids(self, value: str, kind: str) -> list[int]:
        """The ids of the matching rows."""
        rows = await IdToken.filter(value=value, type=kind).only("id")
        return [row.id for row in rows]

    async def delete_tokens(self, ids: Collection[int]) -> int:
        """One DELETE."""
        if not ids:
            return 0
        deleted: int = await IdToken.filter(id__in=list(ids)).delete()
        return deleted

    async def page(
        self, search: str | None, status: str | None, after_id: int | None, limit: int
    ) -> list[IdTokenRecord]:
        """One SELECT ... ORDER BY id LIMIT."""
        query = IdToken.all()
        if search:
            query = query.filter(value__icontains=search)
        if status is not None:
            query = query.filter(status=status)
        if after_id is not None:
            query = query.filter(id__gt=after_id)
        return [record_of(row) for row in await query.order_by("id").limit(limit)]
