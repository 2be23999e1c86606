"""Authorization commands: ClearCache (C11) to stations, and the operator's changes of the
id-token registry (upsert, delete, import), which other blocks follow through a
`RegistryListener` (local lists holding a changed token move to a new version)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ocpp.v201 import call, call_result

from modules.authorization import policy
from modules.authorization.events import CacheCleared
from modules.authorization.store import AuthorizationStore, IdTokenRecord
from modules.kernel.ports import UnitOfWork
from modules.kernel.routing import HandlerContext

AfterCommit = Callable[[], Awaitable[None]]
"""What a listener does once the registry change is committed (announce, say)."""


def clear_cache() -> call.ClearCache:
    """C11: the ClearCache request (it has no arguments)."""
    return call.ClearCache()


async def clear_cache_result(
    ctx: HandlerContext, request: call.ClearCache, response: call_result.ClearCache
) -> None:
    """C11: tell subscribers whether the station cleared its authorization cache."""
    ctx.emit(CacheCleared(**ctx.origin, status=response.status.value))


class RegistryListener(Protocol):
    """Told, inside the registry change's transaction, which tokens changed what their
    idTokenInfo says or are about to be deleted (by registry id)."""

    async def tokens_changed(self, token_ids: Sequence[int]) -> AfterCommit:
        """The tokens' idTokenInfo changed; returns what to do after commit."""
        ...

    async def tokens_deleting(self, token_ids: Sequence[int]) -> AfterCommit:
        """The tokens are deleted next, in the same transaction; returns the after-commit."""
        ...


async def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many tokens an import created and how many it replaced."""

    created: int
    updated: int


class IdTokenRegistry:
    """The operator's writes of the registry, each in one transaction, followed by the
    listener (if any) inside it and after commit."""

    def __init__(
        self,
        store: AuthorizationStore,
        unit_of_work: UnitOfWork,
        listener: RegistryListener | None = None,
    ) -> None:
        self._store = store
        self._unit_of_work = unit_of_work
        self._listener = listener

    async def _changed(self, token_ids: Sequence[int]) -> AfterCommit:
        if self._listener is None or not token_ids:
            return _nothing
        return await self._listener.tokens_changed(token_ids)

    async def upsert(self, entry: policy.IdTokenEntry) -> IdTokenRecord:
        """Create or replace one token (InvalidCommand for a bad field); every optional
        field left out is cleared."""
        token = policy.known_token_of(entry)
        async with self._unit_of_work():
            old, new = await self._store.upsert_token(entry.value, entry.type, token)
            changed = [] if old is not None and old.token == new.token else [new.id]
            after = await self._changed(changed)
        await after()
        return new

    async def delete(self, value: str, kind: str) -> bool:
        """Delete one token; False when there was none."""
        async with self._unit_of_work():
            ids = await self._store.token_ids(value, kind)
            after: AfterCommit = _nothing
            if self._listener is not None and ids:
                after = await self._listener.tokens_deleting(ids)
            deleted = await self._store.delete_tokens(ids)
        await after()
        return deleted > 0

    async def import_tokens(
        self, entries: Sequence[policy.IdTokenEntry], now: datetime
    ) -> ImportResult:
        """Create or replace many tokens at once; nothing is stored when any is invalid."""
        tokens = policy.check_import(entries)
        if not tokens:
            return ImportResult(created=0, updated=0)
        keys = [entry.key for entry in entries]
        async with self._unit_of_work():
            before = await self._store.tokens_by_keys(keys)
            await self._store.import_tokens(
                [
                    (entry.value, entry.type, token)
                    for entry, token in zip(entries, tokens, strict=True)
                ],
                now,
            )
            after_import = await self._store.tokens_by_keys(keys)
            touched = [
                record.id
                for key, record in after_import.items()
                if key not in before or before[key].token != record.token
            ]
            after = await self._changed(touched)
        await after()
        return ImportResult(created=len(tokens) - len(before), updated=len(before))
