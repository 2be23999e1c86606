"""SIGTERM on a node under load (issue 24 item 15), as `csms run` in its own process: stations
sending Heartbeats and MeterValues, one station that never reads, and an operator's live
subscription open.

The node stops within a few grace periods (CSMS_SHUTDOWN_GRACE_SECONDS) with exit code 0,
closes the station sockets and the subscription socket with 1001 (going away, Part 4 §5.3:
the stations reconnect elsewhere), writes no traceback and no `bus is closed`, and every
MeterValues a station was answered for is stored. Once on the embedded defaults, once on
PostgreSQL, Redis and the Pub/Sub emulator.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import orjson
import pytest

from tests.support.databases import postgres_database, sqlite_database
from tests.support.nodes import ADMIN_TOKEN
from tests.support.pubsub_emulator import PUBSUB_TEST_PROJECT

ROOT = Path(__file__).resolve().parents[3]
GRACE = 2.0
"""The node's CSMS_SHUTDOWN_GRACE_SECONDS in these tests."""
EXIT_BOUND = 4 * GRACE + 10.0
"""A generous bound on the time from SIGTERM to exit: each shutdown step gets one grace
period, plus start-up of nothing and the database's close. A correctness deadline (a node
that waits 60 s for an open subscription fails it), not a speed target."""
STATIONS = 6
ACKED_BEFORE_SIGTERM = 20
"""MeterValues each station has had answered before the node is told to stop."""
GOING_AWAY = 1001
LIVE = "subscription { stationEvents { type stationId } }"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class NodeProcess:
    """`csms run` in its own process group, its stderr in a file."""

    proc: subprocess.Popen[bytes]
    port: int
    stderr: Path

    @property
    def http_url(self) -> str:
        """http://127.0.0.1:port."""
        return f"http://127.0.0.1:{self.port}"

    def errors(self) -> str:
        """What the node wrote to stderr."""
        return self.stderr.read_text(errors="replace")


@contextmanager
def node_process(tmp_path: Path, env: dict[str, str]) -> Iterator[NodeProcess]:
    """Start `csms run` with `env` (CSMS_* settings); always killed at the end."""
    port = _free_port()
    stderr = tmp_path / f"node-{port}.stderr"
    settings = {
        "CSMS_HOST": "127.0.0.1",
        "CSMS_PORT": str(port),
        "CSMS_ENVIRONMENT": "dev",
        "CSMS_ADMIN_TOKEN": ADMIN_TOKEN,
        "CSMS_ACCEPT_UNKNOWN_STATIONS": "true",
        "CSMS_SHUTDOWN_GRACE_SECONDS": str(GRACE),
        "CSMS_WS_HEARTBEAT": "0",
        **env,
    }
    with stderr.open("wb") as errors:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "run"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **settings},
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    try:
        yield NodeProcess(proc, port, stderr)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


async def wait_ready(node: NodeProcess, session: aiohttp.ClientSession) -> None:
    """Poll /readyz until 200 (bounded); fails with the node's stderr if it died."""
    deadline = time.monotonic() + 60
    while True:
        assert node.proc.poll() is None, node.errors()
        try:
            async with session.get(f"{node.http_url}/readyz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        assert time.monotonic() < deadline, node.errors()
        await asyncio.sleep(0.1)


@dataclass
class LoadStation:
    """A station that boots, then sends Heartbeat and MeterValues until its socket closes."""

    station_id: str
    acked: int = 0
    sent: int = 0
    close_code: int | None = None
    busy: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, session: aiohttp.ClientSession, url: str) -> None:
        """Send load until the CSMS closes the socket; record the close code."""
        ids = itertools.count()
        ws = await session.ws_connect(f"{url}/ocpp/{self.station_id}", protocols=("ocpp2.0.1",))
        boot = {"reason": "PowerUp", "chargingStation": {"vendorName": "V", "model": "M"}}
        try:
            assert await self._call(ws, next(ids), "BootNotification", boot) is not None
            while True:
                if await self._call(ws, next(ids), "Heartbeat", {}) is None:
                    break
                self.sent += 1
                # a new value each time: a sample already stored would be a resend
                sample = {"value": float(self.sent)}
                reading = {
                    "evseId": 1,
                    "meterValue": [{"timestamp": "2026-01-01T00:00:00Z", "sampledValue": [sample]}],
                }
                answer = await self._call(ws, next(ids), "MeterValues", reading)
                if answer is None:
                    break
                assert answer[0] == 3, answer
                self.acked += 1
                if self.acked >= ACKED_BEFORE_SIGTERM:
                    self.busy.set()
        finally:
            self.close_code = ws.close_code
            await ws.close()

    async def _call(
        self, ws: aiohttp.ClientWebSocketResponse, number: int, action: str, payload: Any
    ) -> list[Any] | None:
        """The answer to one CALL, or None once the socket closed."""
        await ws.send_str(
            orjson.dumps([2, f"{self.station_id}-{number}", action, payload]).decode()
        )
        message = await ws.receive()
        if message.type is not aiohttp.WSMsgType.TEXT:
            return None
        answer: list[Any] = orjson.loads(message.data)
        return answer


async def live_subscription(
    session: aiohttp.ClientSession, node: NodeProcess
) -> aiohttp.ClientWebSocketResponse:
    """An operator's live subscription socket, subscribed."""
    ws = await session.ws_connect(f"{node.http_url}/graphql", protocols=("graphql-transport-ws",))
    await ws.send_json(
        {"type": "connection_init", "payload": {"Authorization": f"Bearer {ADMIN_TOKEN}"}}
    )
    assert (await ws.receive_json(timeout=10))["type"] == "connection_ack"
    await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": LIVE}})
    return ws


async def deaf_station(node: NodeProcess) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A station that completes its websocket handshake and then never reads (nor answers the
    CSMS's close): shutdown must cut it off after the grace period, not wait for it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", node.port)
    writer.write(
        b"GET /ocpp/cs-deaf HTTP/1.1\r\nHost: csms\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n"
    )
    await writer.drain()
    assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 101")
    return reader, writer


async def read_until_closed(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Read (and drop) what the socket brings until it closes, as a dashboard does."""
    while (await ws.receive()).type not in CLOSED:
        pass


CLOSED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)


async def run_and_stop(node: NodeProcess) -> tuple[list[LoadStation], int | None, float]:
    """Load the node, SIGTERM it; the stations, the subscription's close code and how long
    the node took to exit."""
    async with aiohttp.ClientSession() as session:
        await wait_ready(node, session)
        live = await live_subscription(session, node)
        listening = asyncio.create_task(read_until_closed(live))
        _, deaf = await deaf_station(node)
        stations = [LoadStation(f"cs-{i}") for i in range(STATIONS)]
        ws_url = node.http_url.replace("http://", "ws://")
        running = [asyncio.create_task(s.run(session, ws_url)) for s in stations]
        await asyncio.wait_for(asyncio.gather(*(s.busy.wait() for s in stations)), 60)

        started = time.monotonic()
        node.proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(asyncio.gather(*running, listening), EXIT_BOUND)
        code = await asyncio.to_thread(node.proc.wait, EXIT_BOUND)
        took = time.monotonic() - started
        deaf.close()
        assert code == 0, node.errors()
        return stations, live.close_code, took


def assert_clean_stop(
    node: NodeProcess,
    stations: list[LoadStation],
    live_close: int | None,
    took: float,
    stored: dict[str, int],
) -> None:
    """1001 everywhere, in time, no traceback, every answered MeterValues stored."""
    errors = node.errors()
    assert took < EXIT_BOUND, (took, errors)
    assert [s.close_code for s in stations] == [GOING_AWAY] * STATIONS
    assert live_close == GOING_AWAY
    assert "Traceback" not in errors, errors
    assert "bus is closed" not in errors, errors
    for station in stations:  # answered: stored; sent but unanswered: stored or not
        assert station.acked <= stored.get(station.station_id, 0) <= station.sent, (
            station,
            stored,
        )


async def test_sigterm_under_load_stops_cleanly_on_the_embedded_defaults(
    tmp_path: Path,
) -> None:
    async with sqlite_database(tmp_path) as url:
        with node_process(tmp_path, {"CSMS_DATABASE_URL": url}) as node:
            stations, live_close, took = await run_and_stop(node)

        with sqlite3.connect(url.removeprefix("sqlite://")) as db:
            rows = db.execute("SELECT station_id, count(*) FROM meter_sample GROUP BY station_id")
            stored = {station: count for station, count in rows}
    assert_clean_stop(node, stations, live_close, took, stored)


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh migrated PostgreSQL database."""
    async with postgres_database() as url:
        yield url


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.pubsub
async def test_sigterm_under_load_stops_cleanly_on_postgres_redis_and_pubsub(
    tmp_path: Path, postgres_url: str, pubsub_emulator_host: str
) -> None:
    unique = uuid.uuid4().hex[:10]
    env = {
        "CSMS_DATABASE_URL": postgres_url,
        "CSMS_REDIS_URL": "redis://127.0.0.1:6379/0",
        "CSMS_CACHE_NAMESPACE": f"csms-test-{unique}",
        "CSMS_BUS": "pubsub",
        "CSMS_PUBSUB_PROJECT": PUBSUB_TEST_PROJECT,
        "CSMS_PUBSUB_EMULATOR_HOST": pubsub_emulator_host,
        "CSMS_PUBSUB_TOPIC_PREFIX": f"t{unique}",
    }
    with node_process(tmp_path, env) as node:
        stations, live_close, took = await run_and_stop(node)
    db = await asyncpg.connect(postgres_url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await db.fetch("SELECT station_id, count(*) FROM meter_sample GROUP BY station_id")
    finally:
        await db.close()
    stored = {row["station_id"]: row["count"] for row in rows}
    assert_clean_stop(node, stations, live_close, took, stored)


@pytest.mark.pubsub
async def test_a_node_whose_start_fails_exits_instead_of_hanging(
    tmp_path: Path, pubsub_emulator_host: str
) -> None:
    """A start that fails part-way (here the bus refuses the node's topic names) stops what it
    had started and closes the database: the process exits non-zero with the cause, where it
    used to stay up, unable to serve and deaf to SIGTERM. EXIT_BOUND is a correctness
    deadline (a hung process never exits), not a speed target."""
    async with sqlite_database(tmp_path) as url:
        env = {
            "CSMS_DATABASE_URL": url,
            "CSMS_BUS": "pubsub",
            "CSMS_PUBSUB_PROJECT": PUBSUB_TEST_PROJECT,
            "CSMS_PUBSUB_EMULATOR_HOST": pubsub_emulator_host,
            "CSMS_PUBSUB_TOPIC_PREFIX": "no spaces allowed",
        }
        with node_process(tmp_path, env) as node:
            try:
                code = await asyncio.to_thread(node.proc.wait, EXIT_BOUND)
            except subprocess.TimeoutExpired:
                raise AssertionError(f"the node never exited:\n{node.errors()}") from None
    assert code == 1, node.errors()
    errors = node.errors()
    assert "Invalid [topics] name" in errors, errors
    assert "Task was destroyed but it is pending" not in errors, errors
