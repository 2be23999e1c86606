"""The operators block's reads for GraphQL: API tokens and the audit log, newest first."""

from __future__ import annotations

from modules.operators.records import ApiToken, AuditView
from modules.operators.store import OperatorStore


class OperatorQueries:
    """Pages of API tokens and audit entries."""

    def __init__(self, store: OperatorStore) -> None:
        self._store = store

    async def tokens(self, limit: int, before_id: int | None) -> list[ApiToken]:
        """Up to `limit` tokens (revoked ones too), newest first."""
        return await self._store.tokens(limit, before_id)

    async def audit_log(
        self, limit: int, before_id: int | None, station_id: str | None, actor: str | None
    ) -> list[AuditView]:
        """Up to `limit` audit entries, newest first, filtered when given."""
        return await self._store.audit_entries(limit, before_id, station_id, actor)
