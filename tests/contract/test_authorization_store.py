"""The authorization store's contract: `MemoryAuthorizationStore` behaves as
`SqlAuthorizationStore` does on SQLite and PostgreSQL, so unit tests on the twin hold."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from infra.db.config import close_database, open_database
from infra.db.models import Station, Transaction
from modules.authorization import (
    AuthorizationStore,
    GroupIdToken,
    KnownToken,
    MemoryAuthorizationStore,
    PersonalMessage,
    SqlAuthorizationStore,
)
from modules.authorization.memory_store import Charging
from tests.support.clock import NOW

FULL = KnownToken(
    "Accepted",
    cache_expiry=NOW + timedelta(days=1),
    group=GroupIdToken("FLEET", "Central"),
    language1="nl",
    allowed_evse_ids=(1, 2),
    personal_message=PersonalMessage("UTF8", "Welkom", "nl"),
    master_pass=True,
)


@dataclass
class Subject:
    """A store and how to make a token charge at a station."""

    store: AuthorizationStore
    charge: Callable[[str, str, str, str | None], Awaitable[None]]


@pytest.fixture(params=["memory", "sql"])
async def subject(request: pytest.FixtureRequest, database_url: str) -> AsyncIterator[Subject]:
    """Each store, the SQL one on a fresh database of each kind."""
    if request.param == "memory":
        memory = MemoryAuthorizationStore()

        async def remember(station: str, value: str, kind: str, group: str | None) -> None:
            memory.charging.append(Charging(station, value, kind, group))

        yield Subject(memory, remember)
        return
    await open_database(database_url)

    async def insert(station: str, value: str, kind: str, group: str | None) -> None:
        await Station.get_or_create(id=station)
        await Transaction.create(
            station_id=station,
            transaction_id=f"T-{value}",
            id_token=value,
            id_token_type=kind,
            group_id_token=group,
        )

    try:
        yield Subject(SqlAuthorizationStore(), insert)
    finally:
        await close_database()


async def test_an_upsert_stores_every_field_and_reports_what_was_there(subject: Subject) -> None:
    store = subject.store
    old, new = await store.upsert_token("04A2", "ISO14443", FULL)
    assert old is None
    assert (new.value, new.type, new.token) == ("04A2", "ISO14443", FULL)
    found = await store.find_token("04A2", "ISO14443")
    assert found is not None and found.token == FULL and found.id == new.id

    blocked = KnownToken("Blocked")
    old, new = await store.upsert_token("04A2", "ISO14443", blocked)
    assert old is not None and old.token == FULL
    assert new.token == blocked and new.id == old.id


async def test_lookups_match_the_value_case_sensitively_and_the_type_exactly(
    subject: Subject,
) -> None:
    store = subject.store
    await store.upsert_token("abc", "ISO14443", KnownToken("Accepted"))
    assert await store.find_token("ABC", "ISO14443") is None
    assert await store.find_token("abc", "Central") is None
    assert await store.tokens_by_keys([("abc", "Central"), ("ABC", "ISO14443")]) == {}
    (record,) = (await store.tokens_by_keys([("abc", "ISO14443")])).values()
    assert [r.value for r in await store.tokens_by_ids([record.id])] == ["abc"]


async def test_an_import_creates_and_replaces_at_once(subject: Subject) -> None:
    store = subject.store
    await store.upsert_token("A", "Central", KnownToken("Blocked"))
    await store.import_tokens(
        [("A", "Central", KnownToken("Accepted")), ("B", "Central", FULL)], NOW
    )
    found = await store.tokens_by_keys([("A", "Central"), ("B", "Central")])
    assert found[("A", "Central")].token == KnownToken("Accepted")
    assert found[("B", "Central")].token == FULL


async def test_pages_filter_by_search_and_status_in_id_order(subject: Subject) -> None:
    store = subject.store
    for value, status in (("TAG-1", "Accepted"), ("tag-2", "Blocked"), ("OTHER", "Accepted")):
        await store.upsert_token(value, "ISO14443", KnownToken(status))
    assert [r.value for r in await store.page("tag", None, None, 10)] == ["TAG-1", "tag-2"]
    assert [r.value for r in await store.page(None, "Accepted", None, 10)] == ["TAG-1", "OTHER"]
    first = (await store.page(None, None, None, 1))[0]
    assert [r.value for r in await store.page(None, None, first.id, 10)] == ["tag-2", "OTHER"]


async def test_delete_removes_the_token(subject: Subject) -> None:
    store = subject.store
    await store.upsert_token("GONE", "Local", KnownToken("Accepted"))
    ids = await store.token_ids("GONE", "Local")
    assert len(ids) == 1 and await store.token_ids("GONE", "Central") == []
    assert await store.delete_tokens(ids) == 1
    assert await store.find_token("GONE", "Local") is None
    assert await store.delete_tokens(ids) == 0


async def test_charging_elsewhere_sees_the_token_or_its_group_at_other_stations(
    subject: Subject,
) -> None:
    store = subject.store
    await subject.charge("CS-A", "MEMBER-1", "ISO14443", "FAMILY")
    assert await store.charging_elsewhere("CS-B", "MEMBER-1", "ISO14443", None)
    assert not await store.charging_elsewhere("CS-A", "MEMBER-1", "ISO14443", None)
    assert not await store.charging_elsewhere("CS-B", "MEMBER-2", "ISO14443", None)
    assert await store.charging_elsewhere("CS-B", "MEMBER-2", "ISO14443", "FAMILY")
