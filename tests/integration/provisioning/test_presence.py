"""Heartbeat last-seen times written in batches (G02), on SQLite and PostgreSQL: the newest
time per station is written, and a flush never moves a station's time backwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from infra.db.models import Station
from modules.provisioning import LastSeenBuffer, SqlProvisioningStore

T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


async def test_flush_writes_the_newest_time_of_each_station(opened_database: str) -> None:
    await Station.create(id="P-1", last_seen_at=T0)
    await Station.create(id="P-2")
    buffer = LastSeenBuffer(SqlProvisioningStore())
    buffer.note("P-1", T0 + timedelta(seconds=5))
    buffer.note("P-1", T0 + timedelta(seconds=3))
    buffer.note("P-2", T0 + timedelta(seconds=1))
    assert buffer.pending == 2
    assert await buffer.flush() == 2
    assert buffer.pending == 0
    assert (await Station.get(id="P-1")).last_seen_at == T0 + timedelta(seconds=5)
    assert (await Station.get(id="P-2")).last_seen_at == T0 + timedelta(seconds=1)


async def test_flush_never_moves_a_newer_time_backwards(opened_database: str) -> None:
    await Station.create(id="P-3", last_seen_at=T0 + timedelta(minutes=1))
    buffer = LastSeenBuffer(SqlProvisioningStore())
    buffer.note("P-3", T0)
    await buffer.flush()
    assert (await Station.get(id="P-3")).last_seen_at == T0 + timedelta(minutes=1)


async def test_stop_writes_what_is_left(opened_database: str) -> None:
    await Station.create(id="P-4")
    buffer = LastSeenBuffer(SqlProvisioningStore(), interval=3600)
    buffer.start()
    buffer.note("P-4", T0)
    await buffer.stop()
    assert (await Station.get(id="P-4")).last_seen_at == T0
