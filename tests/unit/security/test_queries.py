"""The security event feed on the memory store: newest first, filtered, paged by id."""

from __future__ import annotations

from modules.security import ReportedSecurityEvent, SecurityQueries
from modules.security.memory_store import MemorySecurityStore
from tests.support.clock import NOW


async def filled() -> SecurityQueries:
    store = MemorySecurityStore()
    for station, kind in [("CS1", "Tamper"), ("CS2", "Tamper"), ("CS1", "FirmwareUpdated")]:
        await store.add_security_event(
            ReportedSecurityEvent(
                station_id=station, type=kind, timestamp=NOW, tech_info=None, received_at=NOW
            )
        )
    return SecurityQueries(store)


async def test_the_fleet_feed_is_newest_first() -> None:
    queries = await filled()

    events = await queries.security_events()

    assert [(e.id, e.station_id, e.type) for e in events] == [
        (3, "CS1", "FirmwareUpdated"),
        (2, "CS2", "Tamper"),
        (1, "CS1", "Tamper"),
    ]


async def test_station_type_limit_and_before_id_narrow_the_feed() -> None:
    queries = await filled()

    assert [e.id for e in await queries.security_events(station_id="CS1")] == [3, 1]
    assert [e.id for e in await queries.security_events(type="Tamper")] == [2, 1]
    assert [e.id for e in await queries.security_events(limit=1)] == [3]
    assert [e.id for e in await queries.security_events(before_id=3)] == [2, 1]
