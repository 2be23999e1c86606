"""The id-token reads GraphQL uses."""

from __future__ import annotations

from modules.authorization.store import AuthorizationStore, IdTokenRecord
from modules.kernel.services import OnStore


class IdTokenQueries(OnStore[AuthorizationStore]):
    """Pages of the registry."""

    async def id_tokens(
        self,
        search: str | None = None,
        status: str | None = None,
        after_id: int | None = None,
        limit: int = 100,
    ) -> list[IdTokenRecord]:
        """Tokens in the order they were first stored, after `after_id`; `search` matches
        part of the value (ignoring case)."""
        return await self._store.page(search or None, status, after_id, limit)
