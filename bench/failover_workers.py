"""bench.failover's worker trials (figure d): stations send Heartbeats back to back through the
survivor while a worker is SIGKILLed; per station, the time from the kill to the answer of its
first CALL sent after it. That CALL waits for whatever the dead worker held of the station: the
CALL in flight at the kill, or the one just answered whose ack had not left yet (Pub/Sub hands
a station's next message out only once the one before is acked, `ordering_key`)."""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench import load
from bench.failover_nodes import LIMIT_S
from bench.procs import Server

WARMUP_S = 2.0
"""Heartbeats before the kill, so every station has a CALL on its way through the workers."""


@dataclass
class WorkerTrial:
    """One trial's report and, when the worker was restarted, the new worker and its port."""

    report: dict[str, Any]
    replacement: tuple[Server, int] | None = None


@dataclass
class _Kill:
    """When the worker was killed (perf_counter), once it was."""

    at: float | None = None


@dataclass
class _Station:
    """One Heartbeat station's answered CALLs (perf_counter times sent and answered) and failed
    CALLs; `recovered` is set at the answer of its first CALL sent after the kill."""

    kill: _Kill
    answered: list[tuple[float, float]] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    recovered: asyncio.Event = field(default_factory=asyncio.Event)

    def note_answer(self, sent: float) -> None:
        """Record the answer, received now, to a CALL sent at `sent`."""
        self.answered.append((sent, time.perf_counter()))
        if self.kill.at is not None and sent >= self.kill.at:
            self.recovered.set()


async def _heartbeats(
    session: aiohttp.ClientSession,
    url: str,
    mine: _Station,
    booted: asyncio.Event,
    stop: asyncio.Event,
) -> None:
    """Boot, then Heartbeat after Heartbeat (one in flight) until `stop` is set."""
    async with session.ws_connect(url, protocols=(load.SUBPROTOCOL,)) as ws:
        await ws.send_json([2, "boot", "BootNotification", load.BOOT_PAYLOAD])
        await load.await_result(ws, "boot", 30.0)
        booted.set()
        for n in range(1, 10**9):
            if stop.is_set():
                return
            sent = time.perf_counter()
            await ws.send_str(f'[2,"{n}","Heartbeat",{{}}]')
            try:
                await load.await_result(ws, str(n), LIMIT_S)
            except load.CallFailed as failed:
                mine.errors[failed.kind_and_code] = mine.errors.get(failed.kind_and_code, 0) + 1
                if failed.kind == "closed":
                    return
                continue
            mine.note_answer(sent)


def first_answers_after(
    stations: list[list[tuple[float, float]]], killed: float
) -> list[float | None]:
    """Per station's (sent, answered) CALLs: seconds from `killed` to the answer of its first
    CALL sent at or after it (None: no such CALL was answered)."""
    return [
        next((round(done - killed, 3) for sent, done in calls if sent >= killed), None)
        for calls in stations
    ]


async def _until_ready(session: aiohttp.ClientSession, url: str, killed: float) -> float:
    """Seconds from `killed` until `url` (a new worker's /readyz) answers 200."""
    while True:
        try:
            async with session.get(url) as response:
                if response.status == 200:
                    return round(time.perf_counter() - killed, 3)
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)


async def kill_trial(
    survivor: int,
    victim: Server,
    restart: Callable[[], tuple[Server, int]] | None,
    stations: int,
) -> WorkerTrial:
    """Heartbeat `stations` stations through the survivor, SIGKILL `victim` (and at once call
    `restart`, when given), and wait until every station was answered after the kill."""
    tag = secrets.token_hex(3)
    kill = _Kill()
    tallies = [_Station(kill) for _ in range(stations)]
    ready = [asyncio.Event() for _ in range(stations)]
    stop = asyncio.Event()
    trial = WorkerTrial(report={})
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks = [
            asyncio.create_task(
                _heartbeats(session, f"ws://127.0.0.1:{survivor}/ocpp/HB-{tag}-{i:03d}", t, r, stop)
            )
            for i, (t, r) in enumerate(zip(tallies, ready, strict=True))
        ]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in ready)), LIMIT_S)
        await asyncio.sleep(WARMUP_S + random.uniform(0, 1))
        killed = kill.at = time.perf_counter()
        os.kill(victim.pid, signal.SIGKILL)
        ready_after: asyncio.Task[float] | None = None
        if restart is not None:
            trial.replacement = restart()
            readyz = f"http://127.0.0.1:{trial.replacement[1]}/readyz"
            ready_after = asyncio.create_task(_until_ready(session, readyz, killed))
        recovered = asyncio.gather(*(t.recovered.wait() for t in tallies))
        await asyncio.wait_for(recovered, LIMIT_S)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), LIMIT_S)
        if ready_after is not None:
            trial.report["worker_ready_s"] = await asyncio.wait_for(ready_after, LIMIT_S)
    times = first_answers_after([t.answered for t in tallies], killed)
    errors: dict[str, int] = {}
    for tally in tallies:
        for kind, count in tally.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    trial.report |= {
        "answered_s": [t for t in times if t is not None],
        "unanswered": sum(t is None for t in times),
        "waited_over_1s": sum(t is not None and t > 1.0 for t in times),
        "errors": errors,
    }
    return trial
