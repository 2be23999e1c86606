"""The message log's batch writes: every frame stored as recorded, in order, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise import connections

from app.gateway.message_log import IN, OUT, MessageLog
from infra.db.config import close_database, open_database
from infra.db.models import OcppMessage

START = datetime(2026, 12, 2, 23, 0, 0, tzinfo=UTC)

FRAMES = [
    ("CS-1", IN, '[2,"a\\"1","Heartbeat",{}]', 2, 'a"1', "Heartbeat"),
    ("CS-1", OUT, '[3,"a\\"1",{"currentTime":"2026-12-02T23:00:00Z"}]', 3, 'a"1', None),
    ("CS-2", IN, '[2,"ü-2","DataTransfer",{"vendorId":"Ω","data":"a\\\\b\\n"}]', 2, "ü-2", None),
    ("CS-2", IN, "not json at all ' \" \\", None, None, None),
]


async def test_a_batch_is_stored_as_recorded_and_in_order(opened_database: str) -> None:
    moments = iter([START, START + timedelta(microseconds=1), START + timedelta(hours=1)] * 2)
    message_log = MessageLog(retention_days=1, now=lambda: next(moments))
    for station_id, direction, frame, message_type, message_id, action in FRAMES:
        message_log.record(station_id, direction, frame, message_type, message_id, action)
    await message_log.flush()

    rows = await OcppMessage.all().order_by("id")
    assert message_log.written == len(FRAMES) and message_log.failed == 0
    assert [
        (r.station_id, r.direction, r.frame, r.message_type, r.message_id, r.action) for r in rows
    ] == FRAMES
    assert [row.created_at for row in rows] == [
        START,
        START + timedelta(microseconds=1),
        START + timedelta(hours=1),
        START,
    ]


async def test_stored_times_compare_as_times(opened_database: str) -> None:
    """Retention filters on created_at: a time written by the batch must order correctly
    against the ORM's own parameters (same text format on SQLite)."""
    moments = iter([START, START + timedelta(microseconds=500), START + timedelta(seconds=2)])
    message_log = MessageLog(retention_days=1, now=lambda: next(moments))
    for number in range(3):
        message_log.record("CS-1", IN, f'[2,"{number}","Heartbeat",{{}}]', 2, str(number))
    await message_log.flush()

    cutoff = START + timedelta(seconds=1)
    older = await OcppMessage.filter(created_at__lt=cutoff).order_by("id")
    assert [row.message_id for row in older] == ["0", "1"]
    assert await OcppMessage.filter(created_at__gte=START + timedelta(microseconds=1)).count() == 2


async def test_a_frame_the_database_cannot_store_fails_its_batch_not_the_log(
    opened_database: str,
) -> None:
    """A lone surrogate has no UTF-8 form: its batch is counted as failed, and the next
    batch is written."""
    message_log = MessageLog(retention_days=1, now=lambda: START)
    message_log.record("CS-1", IN, '[2,"1","DataTransfer",{"data":"\ud800"}]', 2, "1")
    await message_log.flush()
    message_log.record("CS-1", IN, '[2,"2","Heartbeat",{}]', 2, "2")
    await message_log.flush()

    assert (message_log.failed, message_log.written) == (1, 1)
    assert [row.message_id for row in await OcppMessage.all()] == ["2"]


async def test_on_sqlite_a_batch_leaves_the_connection_at_its_own_sync_level(
    sqlite_url: str,
) -> None:
    """The batch commits at synchronous=NORMAL; the station transactions after it must
    still commit at the connection's level (FULL by default), and a failed batch too."""
    await open_database(sqlite_url)
    try:
        connection = connections.get("default")
        message_log = MessageLog(retention_days=1, now=lambda: START)
        message_log.record("CS-1", IN, '[2,"1","Heartbeat",{}]', 2, "1", "Heartbeat")
        await message_log.flush()
        message_log.record("CS-1", IN, None, None, None, None)  # type: ignore[arg-type]
        await message_log.flush()  # frame is NOT NULL: the INSERT itself fails

        rows = await connection.execute_query_dict("PRAGMA synchronous")
        assert rows == [{"synchronous": 2}]
        assert message_log.written == 1 and message_log.failed == 1
    finally:
        await close_database()


async def test_an_overlong_message_id_and_action_are_cut_to_their_columns(
    opened_database: str,
) -> None:
    """A station may send any text as a message id (a CALLERROR answers it); the log keeps
    the frame whole and the id and action cut to their columns' 64 and 40 characters."""
    message_log = MessageLog(retention_days=1, now=lambda: START)
    frame = f'[2,"{"m" * 70}","{"A" * 50}",{{}}]'
    message_log.record("CS-1", IN, frame, 2, "m" * 70, "A" * 50)
    await message_log.flush()

    row = await OcppMessage.get(station_id="CS-1")
    assert (row.message_id, row.action, row.frame) == ("m" * 64, "A" * 40, frame)
