"""The operators store's contract, run against the memory twin and the SQL store on SQLite and
PostgreSQL: tokens found by digest, revoked once, listed newest first; audit entries read back
as written, filtered by station and actor and paged by id."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

import pytest

from modules.operators import AuditEntry, OperatorStore, Role, SqlOperatorStore
from modules.operators.memory_store import MemoryOperatorStore
from tests.support.clock import NOW
from tests.support.stores import store_fixture

store = store_fixture(MemoryOperatorStore, SqlOperatorStore)
"""An empty store."""


async def test_a_token_is_found_by_its_digest_and_revoked_once(store: OperatorStore) -> None:
    token = await store.add_token("ops", Role.OPERATOR, "d" * 64, NOW, "admin")
    later = NOW + timedelta(minutes=1)

    assert await store.token_by_digest("d" * 64) == token
    assert await store.token_by_digest("e" * 64) is None
    assert (token.name, token.role, token.created_by, token.revoked_at) == (
        "ops",
        Role.OPERATOR,
        "admin",
        None,
    )
    revoked = await store.revoke_token(token.id, later)
    assert revoked is not None and revoked.revoked_at == later
    again = await store.revoke_token(token.id, later + timedelta(hours=1))
    assert again is not None and again.revoked_at == later
    assert await store.revoke_token(token.id + 100, later) is None
    assert (await store.token_by_digest("d" * 64)) == revoked


async def test_tokens_are_listed_newest_first_and_active_ids_exclude_revoked(
    store: OperatorStore,
) -> None:
    first = await store.add_token("a", Role.VIEWER, "1" * 64, NOW, "admin")
    second = await store.add_token("b", Role.ADMIN, "2" * 64, NOW, "admin")
    await store.revoke_token(first.id, NOW)

    assert [token.id for token in await store.tokens(10, None)] == [second.id, first.id]
    assert [token.id for token in await store.tokens(10, second.id)] == [first.id]
    assert await store.active_token_ids({first.id, second.id, 999}) == {second.id}
    assert await store.active_token_ids(set()) == set()


@pytest.mark.parametrize("detail", [None, "", "é€😀", "x" * 5000])
async def test_audit_entries_read_back_as_written(store: OperatorStore, detail: str | None) -> None:
    entry = AuditEntry(
        token_id=None,
        actor="admin (CSMS_ADMIN_TOKEN)",
        action="reset",
        station_id="CS1",
        outcome="RESULT",
        detail=detail,
        at=NOW,
    )
    entry_id = await store.add_audit(entry)

    (stored,) = await store.audit_entries(10, None, None, None)

    assert stored.id == entry_id
    assert {name: getattr(stored, name) for name in asdict(entry)} == asdict(entry)


async def test_the_audit_log_is_filtered_and_paged_newest_first(store: OperatorStore) -> None:
    base = AuditEntry(7, "ops", "reset", "CS1", "RESULT", None, NOW)
    rows = [
        base,
        AuditEntry(7, "ops", "reset", "CS2", "OFFLINE", None, NOW),
        AuditEntry(None, "root", "upsertStation", "CS1", "OK", None, NOW),
        AuditEntry(None, "root", "createApiToken", None, "OK", None, NOW),
    ]
    ids = [await store.add_audit(row) for row in rows]

    assert [row.id for row in await store.audit_entries(10, None, None, None)] == ids[::-1]
    assert [row.id for row in await store.audit_entries(10, None, "CS1", None)] == [
        ids[2],
        ids[0],
    ]
    assert [row.id for row in await store.audit_entries(10, None, None, "ops")] == [ids[1], ids[0]]
    assert [row.id for row in await store.audit_entries(10, None, "CS1", "root")] == [ids[2]]
    assert [row.id for row in await store.audit_entries(2, None, None, None)] == ids[:1:-1]
    assert [row.id for row in await store.audit_entries(10, ids[1], None, None)] == [ids[0]]
