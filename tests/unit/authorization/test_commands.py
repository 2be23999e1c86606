"""Registry writes (IdTokenRegistry) and ClearCache's result (C11) on the memory store:
validation before anything is stored, the listener told inside the transaction and its
after-commit run after it, CACHE_CLEARED as the codec sends it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pytest
from ocpp.v201 import call_result, enums

from modules.authorization import (
    AfterCommit,
    CacheCleared,
    IdTokenEntry,
    IdTokenRegistry,
    MemoryAuthorizationStore,
    clear_cache,
)
from modules.authorization.commands import clear_cache_result
from modules.kernel.commands import InvalidCommand
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW


class Recorder:
    """A RegistryListener and unit of work that log what happens, in order."""

    def __init__(self) -> None:
        self.log: list[str] = []

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[None]:
        yield
        self.log.append("commit")

    def _after(self, what: str) -> AfterCommit:
        async def after() -> None:
            self.log.append(f"after {what}")

        return after

    async def tokens_changed(self, token_ids: Sequence[int]) -> AfterCommit:
        self.log.append(f"changed {list(token_ids)}")
        return self._after("changed")

    async def tokens_deleting(self, token_ids: Sequence[int]) -> AfterCommit:
        self.log.append(f"deleting {list(token_ids)}")
        return self._after("deleting")


def registry() -> tuple[MemoryAuthorizationStore, Recorder, IdTokenRegistry]:
    store, recorder = MemoryAuthorizationStore(), Recorder()
    return store, recorder, IdTokenRegistry(store, recorder.unit_of_work, recorder)


async def test_an_upsert_that_changes_the_info_is_followed_after_commit() -> None:
    store, recorder, tokens = registry()
    record = await tokens.upsert(IdTokenEntry("T", "ISO14443"))
    await tokens.upsert(IdTokenEntry("T", "ISO14443"))
    await tokens.upsert(IdTokenEntry("T", "ISO14443", status="Blocked"))
    assert recorder.log == [
        f"changed [{record.id}]",
        "commit",
        "after changed",
        "commit",
        f"changed [{record.id}]",
        "commit",
        "after changed",
    ]
    found = await store.find_token("T", "ISO14443")
    assert found is not None and found.token.status == "Blocked"


async def test_an_invalid_upsert_stores_nothing() -> None:
    store, recorder, tokens = registry()
    with pytest.raises(InvalidCommand, match="idToken: at most 36 characters"):
        await tokens.upsert(IdTokenEntry("X" * 37, "ISO14443"))
    assert store.tokens == {} and recorder.log == []


async def test_delete_tells_the_listener_before_the_token_goes() -> None:
    store, recorder, tokens = registry()
    record = await tokens.upsert(IdTokenEntry("T", "Local"))
    recorder.log.clear()
    assert await tokens.delete("T", "Local") is True
    assert await tokens.delete("T", "Local") is False
    assert recorder.log == [f"deleting [{record.id}]", "commit", "after deleting", "commit"]
    assert store.tokens == {}


async def test_an_import_counts_and_follows_only_what_changed() -> None:
    store, recorder, tokens = registry()
    same = await tokens.upsert(IdTokenEntry("SAME", "Local"))
    recorder.log.clear()
    result = await tokens.import_tokens(
        [IdTokenEntry("SAME", "Local"), IdTokenEntry("NEW", "Local")], NOW
    )
    new = await store.find_token("NEW", "Local")
    assert (result.created, result.updated) == (1, 1)
    assert new is not None and new.id != same.id
    assert recorder.log == [f"changed [{new.id}]", "commit", "after changed"]


async def test_c11_clear_cache_is_an_empty_request_and_its_answer_an_event() -> None:
    ctx = HandlerContext(station_id="CS-1", message_id="m1", now=NOW)
    response = call_result.ClearCache(status=enums.ClearCacheStatusEnumType.rejected)

    await clear_cache_result(ctx, clear_cache(), response)

    (event,) = ctx.events
    assert event == CacheCleared(station_id="CS-1", occurred_at=NOW, status="Rejected")
    assert event.payload == {"status": "Rejected"}
    assert from_bytes(event.to_bytes()) == event
