"""The operators block's storage: API tokens (their SHA-256 digests, never their secrets) and
the audit log (the only file of the block that touches the database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from typing import Protocol

from infra.db.models import ApiTokenRecord, AuditRecord
from infra.db.pages import newest_first, where_given
from modules.kernel.records import record_of
from modules.operators.records import ApiToken, AuditEntry, AuditView, Role


class OperatorStore(Protocol):
    """What API authentication, token administration and the audit log need stored."""

    async def add_token(
        self, name: str, role: Role, digest: str, created_at: datetime, created_by: str
    ) -> ApiToken:
        """Store a new token by its digest; returns it with its id."""
        ...

    async def token_by_digest(self, digest: str) -> ApiToken | None:
        """The token of that digest, revoked or not, or None."""
        ...

    async def revoke_token(self, token_id: int, at: datetime) -> ApiToken | None:
        """Mark the token revoked at `at` (a revoked token keeps its first time); None when
        there is no such token."""
        ...

    async def tokens(self, limit: int, before_id: int | None) -> list[ApiToken]:
        """Up to `limit` tokens, newest first, with id < before_id when given."""
        ...

    async def active_token_ids(self, token_ids: Iterable[int]) -> set[int]:
        """Those of `token_ids` that exist and are not revoked."""
        ...

    async def add_audit(self, entry: AuditEntry) -> int:
        """Store one audit entry; returns its id."""
        ...

    async def audit_entries(
        self, limit: int, before_id: int | None, station_id: str | None, actor: str | None
    ) -> list[AuditView]:
        """Up to `limit` audit entries, newest first, of one station and one actor when
        given, with id < before_id when given."""
        ...


def _token(row: ApiTokenRecord) -> ApiToken:
    return record_of(ApiToken, row, role=Role(row.role))


class SqlOperatorStore:
    """OperatorStore on the ORM (SQLite or PostgreSQL)."""

    async def add_token(
        self, name: str, role: Role, digest: str, created_at: datetime, created_by: str
    ) -> ApiToken:
        """One INSERT into api_token."""
        row = await ApiTokenRecord.create(
            name=name,
            role=role.value,
            digest=digest,
            created_at=created_at,
            created_by=created_by,
        )
        return _token(row)

    async def token_by_digest(self, digest: str) -> ApiToken | None:
        """One SELECT by the unique digest."""
        row = await ApiTokenRecord.get_or_none(digest=digest)
        return None if row is None else _token(row)

    async def revoke_token(self, token_id: int, at: datetime) -> ApiToken | None:
        """An UPDATE of a token not yet revoked, then its row read back."""
        await ApiTokenRecord.filter(id=token_id, revoked_at__isnull=True).update(revoked_at=at)
        row = await ApiTokenRecord.get_or_none(id=token_id)
        return None if row is None else _token(row)

    async def tokens(self, limit: int, before_id: int | None) -> list[ApiToken]:
        """One SELECT, newest id first."""
        rows = await newest_first(ApiTokenRecord.all(), limit, before_id)
        return [_token(row) for row in rows]

    async def active_token_ids(self, token_ids: Iterable[int]) -> set[int]:
        """One SELECT of the ids among `token_ids` not revoked."""
        wanted = list(set(token_ids))
        if not wanted:
            return set()
        ids = await ApiTokenRecord.filter(id__in=wanted, revoked_at__isnull=True).values_list(
            "id", flat=True
        )
        return {int(str(token_id)) for token_id in ids}

    async def add_audit(self, entry: AuditEntry) -> int:
        """One INSERT into audit_log."""
        row = await AuditRecord.create(**asdict(entry))
        return int(row.id)

    async def audit_entries(
        self, limit: int, before_id: int | None, station_id: str | None, actor: str | None
    ) -> list[AuditView]:
        """One SELECT, newest id first."""
        query = where_given(AuditRecord.all(), station_id=station_id, actor=actor)
        rows = await newest_first(query, limit, before_id)
        return [record_of(AuditView, row) for row in rows]
