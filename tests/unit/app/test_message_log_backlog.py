"""The message log's queue is bounded: past `max_backlog` frames are dropped and counted."""

from __future__ import annotations

from datetime import UTC, datetime

from app.gateway.message_log import IN, MessageLog


def fixed_now() -> datetime:
    return datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_frames_beyond_the_backlog_limit_are_dropped_and_counted() -> None:
    message_log = MessageLog(retention_days=30, now=fixed_now, max_backlog=3)
    for number in range(5):
        message_log.record("CS-1", IN, f'[2,"{number}","Heartbeat",{{}}]', 2, str(number))
    assert message_log.backlog == 3
    assert message_log.dropped == 2


def test_taking_a_batch_frees_room_for_new_frames() -> None:
    message_log = MessageLog(retention_days=30, now=fixed_now, max_backlog=2)
    message_log.record("CS-1", IN, "a")
    message_log.record("CS-1", IN, "b")
    batch = message_log._take_batch()
    assert [frame[5] for frame in batch] == ["a", "b"]
    message_log.record("CS-1", IN, "c")
    assert (message_log.backlog, message_log.dropped) == (1, 0)
