"""The message log's reads on the in-memory store: a station's last frames, oldest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from modules.message_log import MessageLogQueries
from modules.message_log.memory_store import MemoryMessageLogStore

START = datetime(2026, 12, 2, 23, 0, 0, tzinfo=UTC)


def _store_with_heartbeats(station_id: str, count: int) -> MemoryMessageLogStore:
    store = MemoryMessageLogStore()
    for number in range(count):
        store.record(
            station_id,
            "IN",
            f'[2,"{number}","Heartbeat",{{}}]',
            START + timedelta(seconds=number),
            2,
            str(number),
            "Heartbeat",
        )
    return store


async def test_last_frames_are_the_most_recent_in_the_order_recorded() -> None:
    queries = MessageLogQueries(_store_with_heartbeats("CS-1", 5))

    frames = await queries.last_frames("CS-1", 3)

    assert [frame.message_id for frame in frames] == ["2", "3", "4"]
    assert [frame.created_at for frame in frames] == sorted(frame.created_at for frame in frames)


async def test_last_frames_are_all_of_them_when_fewer_were_logged() -> None:
    queries = MessageLogQueries(_store_with_heartbeats("CS-1", 2))

    assert [frame.message_id for frame in await queries.last_frames("CS-1", 50)] == ["0", "1"]


async def test_other_stations_frames_are_not_read() -> None:
    store = _store_with_heartbeats("CS-1", 2)
    store.record("CS-2", "OUT", '[3,"x",{}]', START, 3, "x")
    queries = MessageLogQueries(store)

    assert [frame.station_id for frame in await queries.last_frames("CS-2", 50)] == ["CS-2"]
    assert await queries.last_frames("CS-3", 50) == []
