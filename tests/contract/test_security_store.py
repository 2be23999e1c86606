"""The security store's contract, run against the memory twin and the SQL store on SQLite
and PostgreSQL, so the twin cannot drift from the real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from modules.security import (
    ReportedSecurityEvent,
    SecurityEventView,
    SecurityStore,
    SqlSecurityStore,
)
from modules.security.memory_store import MemorySecurityStore
from tests.support.stores import store_fixture

SENT = datetime(2026, 11, 24, 10, 0, 0, 123000, tzinfo=UTC)
RECEIVED = datetime(2026, 11, 24, 10, 0, 1, 456000, tzinfo=UTC)


store = store_fixture(MemorySecurityStore, SqlSecurityStore, stations=("CS1", "CS2"))
"""An empty store; on a database, stations CS1 and CS2 exist."""


def _event(
    station_id: str, kind: str, tech_info: str | None = None, sent: datetime = SENT
) -> ReportedSecurityEvent:
    return ReportedSecurityEvent(
        station_id=station_id, type=kind, timestamp=sent, tech_info=tech_info, received_at=RECEIVED
    )


async def test_an_event_reads_back_as_stored(store: SecurityStore) -> None:
    await store.add_security_event(_event("CS1", "Tamper", "lid open"))
    await store.add_security_event(_event("CS1", "FirmwareUpdated"))

    first, second = reversed(await store.security_events(None, None, 10, None))

    assert first == SecurityEventView(
        id=first.id,
        station_id="CS1",
        type="Tamper",
        timestamp=SENT,
        tech_info="lid open",
        received_at=RECEIVED,
    )
    assert (second.type, second.tech_info) == ("FirmwareUpdated", None)
    assert second.id > first.id


async def test_the_feed_is_newest_first_filtered_and_paged_by_id(store: SecurityStore) -> None:
    for station_id, kind in [("CS1", "Tamper"), ("CS2", "Tamper"), ("CS1", "FirmwareUpdated")]:
        await store.add_security_event(_event(station_id, kind))

    everything = await store.security_events(None, None, 10, None)
    ids = [event.id for event in everything]

    assert [(e.station_id, e.type) for e in everything] == [
        ("CS1", "FirmwareUpdated"),
        ("CS2", "Tamper"),
        ("CS1", "Tamper"),
    ]
    assert ids == sorted(ids, reverse=True)
    assert [e.type for e in await store.security_events("CS1", None, 10, None)] == [
        "FirmwareUpdated",
        "Tamper",
    ]
    assert [e.station_id for e in await store.security_events(None, "Tamper", 10, None)] == [
        "CS2",
        "CS1",
    ]
    assert await store.security_events(None, None, 2, None) == everything[:2]
    assert await store.security_events(None, None, 10, ids[0]) == everything[1:]
    assert await store.security_events("CS2", "FirmwareUpdated", 10, None) == []


async def test_a_resent_event_is_stored_once(store: SecurityStore) -> None:
    """A04: a station resends a SecurityEventNotification until it is confirmed; station, type,
    timestamp and techInfo are its natural key, so the resend is refused (False) and the first
    kept. Another techInfo at the same time is another event."""
    later = SENT + timedelta(seconds=1)

    assert await store.add_security_event(_event("CS1", "Tamper", "lid open")) is True
    assert await store.add_security_event(_event("CS1", "Tamper", "lid open")) is False
    assert await store.add_security_event(_event("CS1", "Tamper", "lid closed")) is True
    assert await store.add_security_event(_event("CS1", "Tamper", sent=later)) is True
    assert await store.add_security_event(_event("CS1", "Tamper", sent=later)) is False
    assert await store.add_security_event(_event("CS1", "FirmwareUpdated")) is True
    assert await store.add_security_event(_event("CS2", "Tamper")) is True

    stored = await store.security_events(None, None, 10, None)
    assert [(e.station_id, e.type, e.timestamp, e.tech_info) for e in reversed(stored)] == [
        ("CS1", "Tamper", SENT, "lid open"),
        ("CS1", "Tamper", SENT, "lid closed"),
        ("CS1", "Tamper", later, None),
        ("CS1", "FirmwareUpdated", SENT, None),
        ("CS2", "Tamper", SENT, None),
    ]
