"""One station's unsent bytes: over the limit the reader waits, over it for the stall deadline
the connection is closed, below it nothing happens."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.gateway import send_buffer
from app.gateway.in_flight import CallIds
from app.gateway.send_buffer import SendBuffer


class FakeTransport:
    def __init__(self) -> None:
        self.size = 0
        self.closing = False

    def get_write_buffer_size(self) -> int:
        return self.size

    def is_closing(self) -> bool:
        return self.closing


class Stuck:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> None:
        self.calls += 1


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(send_buffer, "POLL_SECONDS", 0.001)


def _buffer(transport: FakeTransport, stall: float = 60.0) -> SendBuffer:
    fake: Any = transport
    return SendBuffer(fake, limit=1000, stall=stall)


async def test_under_the_limit_the_reader_never_waits() -> None:
    transport, stuck = FakeTransport(), Stuck()
    buffer = _buffer(transport)
    transport.size = 1000
    buffer.written(stuck)
    await asyncio.wait_for(buffer.writable(), 1)
    assert not buffer.watching and stuck.calls == 0


async def test_over_the_limit_the_reader_waits_until_it_drains() -> None:
    transport, stuck = FakeTransport(), Stuck()
    buffer = _buffer(transport)
    transport.size = 1001
    buffer.written(stuck)
    assert buffer.watching
    reader = asyncio.create_task(buffer.writable())
    await asyncio.sleep(0.01)
    assert not reader.done()
    transport.size = 10
    await asyncio.wait_for(reader, 1)
    assert stuck.calls == 0


async def test_over_the_limit_for_the_stall_deadline_closes_the_connection() -> None:
    transport, stuck = FakeTransport(), Stuck()
    buffer = _buffer(transport, stall=0.02)
    transport.size = 5000
    buffer.written(stuck)
    buffer.written(stuck)  # one watch at a time
    await asyncio.wait_for(buffer.writable(), 1)
    assert stuck.calls == 1


async def test_a_closing_transport_holds_nothing_and_stop_releases_the_reader() -> None:
    transport, stuck = FakeTransport(), Stuck()
    buffer = _buffer(transport)
    transport.size = 5000
    buffer.written(stuck)
    reader = asyncio.create_task(buffer.writable())
    await buffer.stop()
    await asyncio.wait_for(reader, 1)
    transport.closing = True
    assert buffer.pending() == 0 and stuck.calls == 0
    assert SendBuffer(None, 1, 1.0).pending() == 0


def test_calls_in_flight_are_counted_and_a_lost_answer_stops_counting() -> None:
    ids = CallIds()
    ids.start("a")
    ids.start("b")
    ids.finish("a", None)
    assert ids.count() == 1
    expired = CallIds(ttl=-1.0)
    expired.start("lost")
    assert expired.count() == 0 and not expired.full()
    crowded = CallIds(max_in_flight=2)
    crowded.start("x")
    assert not crowded.full()
    crowded.start("y")
    assert crowded.full()
