"""The operators store's in-memory twin, for tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import datetime

from modules.kernel.pages import matches, newest_first
from modules.operators.records import ApiToken, AuditEntry, AuditView, Role


class MemoryOperatorStore:
    """OperatorStore in dictionaries and a list; ids count up from 1 as the database's do."""

    def __init__(self) -> None:
        self.tokens_by_id: dict[int, ApiToken] = {}
        self.digests: dict[str, int] = {}
        self.audit: list[AuditView] = []

    async def add_token(
        self, name: str, role: Role, digest: str, created_at: datetime, created_by: str
    ) -> ApiToken:
        """Keep the token under the next id; a digest is unique as in the database."""
        if digest in self.digests:
            raise ValueError("duplicate token digest")
        token = ApiToken(len(self.tokens_by_id) + 1, name, role, created_at, created_by, None)
        self.tokens_by_id[token.id] = token
        self.digests[digest] = token.id
        return token

    async def token_by_digest(self, digest: str) -> ApiToken | None:
        """The token kept under that digest."""
        token_id = self.digests.get(digest)
        return None if token_id is None else self.tokens_by_id[token_id]

    async def revoke_token(self, token_id: int, at: datetime) -> ApiToken | None:
        """Set `revoked_at` once."""
        token = self.tokens_by_id.get(token_id)
        if token is not None and token.revoked_at is None:
            token = self.tokens_by_id[token_id] = replace(token, revoked_at=at)
        return token

    async def tokens(self, limit: int, before_id: int | None) -> list[ApiToken]:
        """Newest first."""
        return newest_first(self.tokens_by_id.values(), lambda row: row.id, limit, before_id)

    async def active_token_ids(self, token_ids: Iterable[int]) -> set[int]:
        """The ids of tokens kept and not revoked."""
        return {
            token_id
            for token_id in token_ids
            if token_id in self.tokens_by_id and self.tokens_by_id[token_id].revoked_at is None
        }

    async def add_audit(self, entry: AuditEntry) -> int:
        """Append with the next id."""
        view = AuditView(id=len(self.audit) + 1, **asdict(entry))
        self.audit.append(view)
        return view.id

    async def audit_entries(
        self, limit: int, before_id: int | None, station_id: str | None, actor: str | None
    ) -> list[AuditView]:
        """Newest first, filtered as the SQL store filters."""
        mine = [row for row in self.audit if matches(row, station_id=station_id, actor=actor)]
        return newest_first(mine, lambda row: row.id, limit, before_id)
