"""API tokens on the memory store: the secret is shown once and stored as its digest, the
bootstrap admin token is recognised without the store, a revoked token is forgotten at once
on this node, and a recognised token is remembered no longer than the cache time."""

from __future__ import annotations

import pytest

from modules.kernel.commands import InvalidCommand
from modules.operators import BOOTSTRAP_ADMIN, ApiTokens, AuditLog, Caller, Role, digest
from modules.operators.memory_store import MemoryOperatorStore
from tests.support.clock import NOW

ADMIN = Caller(None, BOOTSTRAP_ADMIN, Role.ADMIN)


class Clock:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def tokens_on(store: MemoryOperatorStore, clock: Clock | None = None) -> ApiTokens:
    """ApiTokens on `store` with the bootstrap secret 'bootstrap-secret-123'."""
    return ApiTokens(store, lambda: NOW, "bootstrap-secret-123", 5.0, clock or Clock())


async def test_a_new_token_is_recognised_by_its_secret_stored_as_a_digest() -> None:
    store = MemoryOperatorStore()
    tokens = tokens_on(store)

    created = await tokens.create("  night shift ", Role.OPERATOR, ADMIN)

    assert list(store.digests) == [digest(created.secret)]
    assert created.token.name == "night shift" and created.token.created_by == BOOTSTRAP_ADMIN
    assert await tokens.caller(created.secret) == Caller(
        created.token.id, "night shift", Role.OPERATOR
    )
    assert await tokens.caller(created.secret + "x") is None
    assert await tokens.caller("bootstrap-secret-123") == ADMIN


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "tab\there"])
async def test_a_bad_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidCommand) as refused:
        await tokens_on(MemoryOperatorStore()).create(name, Role.VIEWER, ADMIN)
    assert refused.value.field == "name"


async def test_a_revocation_here_is_immediate_and_told_to_listeners() -> None:
    tokens = tokens_on(MemoryOperatorStore())
    told: list[int] = []
    tokens.on_revoke(told.append)
    created = await tokens.create("v", Role.VIEWER, ADMIN)
    assert await tokens.caller(created.secret) is not None

    assert await tokens.revoke(created.token.id) is not None

    assert await tokens.caller(created.secret) is None
    assert told == [created.token.id]
    assert await tokens.revoke(999) is None


async def test_a_revocation_elsewhere_is_seen_once_the_cache_time_passed() -> None:
    store = MemoryOperatorStore()
    clock = Clock()
    here = tokens_on(store, clock)
    elsewhere = tokens_on(store)
    created = await here.create("v", Role.VIEWER, ADMIN)
    assert await here.caller(created.secret) is not None

    await elsewhere.revoke(created.token.id)

    assert await here.caller(created.secret) is not None  # still remembered
    clock.now += 5.1
    assert await here.caller(created.secret) is None
    assert await here.active({created.token.id}) == set()


async def test_the_audit_log_stamps_who_and_when() -> None:
    store = MemoryOperatorStore()
    caller = Caller(3, "ops", Role.OPERATOR)

    await AuditLog(store, lambda: NOW).record(caller, "reset", "CS1", "RESULT")

    (entry,) = store.audit
    assert (entry.token_id, entry.actor, entry.action, entry.station_id, entry.outcome) == (
        3,
        "ops",
        "reset",
        "CS1",
        "RESULT",
    )
    assert entry.at == NOW
