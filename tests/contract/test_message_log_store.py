"""The message log's store contract, run against the in-memory twin and the SQL store on
SQLite and PostgreSQL (rows written by the gateway's real batch writer), so the twin cannot
drift from what the database answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from app.gateway.message_log import IN, OUT, MessageLog
from modules.message_log import MessageLogStore, SqlMessageLogStore
from modules.message_log.memory_store import MemoryMessageLogStore
from tests.support.stores import store_fixture

START = datetime(2026, 12, 2, 23, 0, 0, tzinfo=UTC)


Record = Callable[[str, str, str, int | None, str | None, str | None], None]
"""How a frame is recorded: station, direction and frame, then its message type, id and action."""


Log = tuple[MessageLogStore, Record, Callable[[], Awaitable[None]]]
"""The store, how a frame is recorded, and how recorded frames become readable."""


def _clock() -> Callable[[], datetime]:
    moments = (START + timedelta(seconds=n) for n in range(1_000_000))
    return lambda: next(moments)


async def _nothing() -> None:
    return None


def _memory_log() -> Log:
    now = _clock()
    memory = MemoryMessageLogStore()

    def record(station_id: str, direction: str, frame: str, *type_id_action: Any) -> None:
        memory.record(station_id, direction, frame, now(), *type_id_action)

    return memory, record, _nothing


def _sql_log() -> Log:
    writer = MessageLog(retention_days=1, now=_clock())
    return SqlMessageLogStore(), writer.record, writer.flush


log = store_fixture(_memory_log, _sql_log)
"""The store of each kind, how a frame is recorded in it, and how it is made readable."""


async def test_newest_frames_are_the_stations_own_newest_first(log: Log) -> None:
    store, record, flush = log
    record("CS-1", IN, '[2,"1","Heartbeat",{}]', 2, "1", "Heartbeat")
    record("CS-2", IN, '[2,"9","Heartbeat",{}]', 2, "9", "Heartbeat")
    record("CS-1", OUT, '[3,"1",{"currentTime":"2026-12-02T23:00:00Z"}]', 3, "1", None)
    record("CS-1", IN, "not json", None, None, None)
    await flush()

    frames = await store.newest_frames("CS-1", 10)

    assert [(f.direction, f.message_type, f.message_id, f.action, f.frame) for f in frames] == [
        (IN, None, None, None, "not json"),
        (OUT, 3, "1", None, '[3,"1",{"currentTime":"2026-12-02T23:00:00Z"}]'),
        (IN, 2, "1", "Heartbeat", '[2,"1","Heartbeat",{}]'),
    ]
    assert {f.station_id for f in frames} == {"CS-1"}
    assert [f.created_at for f in frames] == [
        START + timedelta(seconds=3),
        START + timedelta(seconds=2),
        START,
    ]
    assert frames[0].id > frames[1].id > frames[2].id


async def test_newest_frames_stop_at_the_count(log: Log) -> None:
    store, record, flush = log
    for number in range(5):
        record("CS-1", IN, f'[2,"{number}","Heartbeat",{{}}]', 2, str(number), "Heartbeat")
    await flush()

    frames = await store.newest_frames("CS-1", 2)

    assert [f.message_id for f in frames] == ["4", "3"]


async def test_a_station_without_frames_has_none(log: Log) -> None:
    store, record, flush = log
    record("CS-1", IN, '[2,"1","Heartbeat",{}]', 2, "1", "Heartbeat")
    await flush()

    assert await store.newest_frames("CS-OTHER", 10) == []
