"""Closed-loop OCPP Heartbeat load generator: C websocket stations, one request in flight each.

Every connection sends one BootNotification and waits for it; then all of them start together
and each runs `send Heartbeat CALL -> await its CALLRESULT -> repeat` for the duration.
Prints one JSON object on stdout. Run: `python -m bench.load --url ws://127.0.0.1:N/ocpp`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson
from aiohttp import WSMsgType

SUBPROTOCOL = "ocpp2.0.1"
BOOT_PAYLOAD = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}


class CallFailed(Exception):
    """A request ended without a CALLRESULT: CALLERROR (with its code), timeout or closed
    socket."""

    def __init__(self, kind: str, code: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.code = code

    @property
    def kind_and_code(self) -> str:
        """The kind, with the CALLERROR's code after a colon when there is one."""
        return f"{self.kind}:{self.code}" if self.code else self.kind


@dataclass(slots=True)
class Window:
    """The measurement window shared by all connections (perf_counter seconds)."""

    connections: int
    start: float = 0.0
    end: float = 0.0
    booted: int = 0
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    go: asyncio.Event = field(default_factory=asyncio.Event)

    def boot_done(self) -> None:
        """Note one booted station; set `ready` when all are."""
        self.booted += 1
        if self.booted == self.connections:
            self.ready.set()


@dataclass(slots=True)
class Tally:
    """What one connection measured inside the window."""

    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def fail(self, kind: str) -> None:
        """Count one failed request."""
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def await_result(
    ws: aiohttp.ClientWebSocketResponse, message_id: str, call_timeout: float
) -> None:
    """Wait for the CALLRESULT of `message_id`, accepting CSMS CALLs meanwhile; raise
    CallFailed otherwise."""
    deadline = time.perf_counter() + call_timeout
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise CallFailed("timeout")
        try:
            message = await ws.receive(timeout=remaining)
        except TimeoutError:
            raise CallFailed("timeout") from None
        if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
            raise CallFailed("closed")
        frame = orjson.loads(message.data)
        if frame[0] == 2:  # a CSMS-initiated CALL: accept it and keep waiting
            await ws.send_str(f"[3,{orjson.dumps(frame[1]).decode()},{{}}]")
        elif frame[1] == message_id:
            if frame[0] != 3:
                raise CallFailed("call_error", str(frame[2]))
            return


async def closed_loop(
    ws: aiohttp.ClientWebSocketResponse,
    window: Window,
    tally: Tally,
    call_timeout: float,
    next_call: Callable[[str], str],
    first_id: int = 1,
) -> None:
    """Send `next_call(message id)` and await its CALLRESULT, again and again, from the start
    signal until the window ends; tally what was sent inside the window."""
    await window.go.wait()
    clock = time.perf_counter
    latencies, sent_at, n = tally.latencies, tally.sent_at, first_id - 1
    while True:
        n += 1
        message_id = str(n)
        sent = clock()
        if sent >= window.end:
            return
        await ws.send_str(next_call(message_id))
        try:
            await await_result(ws, message_id, call_timeout)
        except CallFailed as failed:
            if sent >= window.start:
                tally.fail(failed.kind_and_code)
            if failed.kind == "closed":
                return
            continue
        if sent >= window.start:
            latencies.append(clock() - sent)
            sent_at.append(sent)


def _heartbeat(message_id: str) -> str:
    return f'[2,"{message_id}","Heartbeat",{{}}]'


async def _station(
    session: aiohttp.ClientSession, url: str, window: Window, call_timeout: float, tally: Tally
) -> None:
    """One station: connect, boot, wait for the start signal, then loop until the window ends."""
    async with session.ws_connect(url, protocols=(SUBPROTOCOL,), autoping=True) as ws:
        await ws.send_str(orjson.dumps([2, "boot", "BootNotification", BOOT_PAYLOAD]).decode())
        await await_result(ws, "boot", call_timeout)
        window.boot_done()
        await closed_loop(ws, window, tally, call_timeout, _heartbeat)


def _percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timeline(tallies: list[Tally], start: float, seconds: float) -> list[int]:
    """Completed requests per second of the window, by the second they were sent in."""
    buckets = [0] * max(1, int(seconds + 0.999))
    last = len(buckets) - 1
    for tally in tallies:
        for sent in tally.sent_at:
            buckets[min(last, int(sent - start))] += 1
    return buckets


def summarize(tallies: list[Tally], seconds: float, cpu_seconds: float) -> dict[str, Any]:
    """Merge the per-connection tallies into the report (without the timeline)."""
    ordered = sorted(lat for tally in tallies for lat in tally.latencies)
    errors: dict[str, int] = {}
    for tally in tallies:
        for kind, n in tally.errors.items():
            errors[kind] = errors.get(kind, 0) + n
    ms = 1000.0
    return {
        "count": len(ordered),
        "msgs_per_s": len(ordered) / seconds,
        "latency_ms": {
            "p50": _percentile(ordered, 0.50) * ms,
            "p95": _percentile(ordered, 0.95) * ms,
            "p99": _percentile(ordered, 0.99) * ms,
            "max": (ordered[-1] if ordered else float("nan")) * ms,
            "mean": (sum(ordered) / len(ordered) if ordered else float("nan")) * ms,
        },
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "loadgen_cpu_percent": 100.0 * cpu_seconds / seconds,
    }


async def run(
    url: str, connections: int, seconds: float, warmup: float, call_timeout: float
) -> dict[str, Any]:
    """Connect and boot every station, run the closed loop, return the summary."""
    window = Window(connections)
    tallies = [Tally() for _ in range(connections)]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        began = time.perf_counter()
        tasks = [
            asyncio.create_task(
                _station(session, f"{url}/bench-{i:04d}", window, call_timeout, tally)
            )
            for i, tally in enumerate(tallies)
        ]
        await all_booted(tasks, window)
        booted = time.perf_counter()
        window.start = booted + warmup
        window.end = window.start + seconds
        window.go.set()
        await asyncio.sleep(warmup)
        cpu_before = time.process_time()
        await asyncio.gather(*tasks)
        cpu_seconds = time.process_time() - cpu_before
    report = summarize(tallies, seconds, cpu_seconds)
    report["per_second"] = timeline(tallies, window.start, seconds)
    report.update(
        url=url, connections=connections, seconds=seconds, warmup_s=warmup, setup_s=booted - began
    )
    return report


async def all_booted(tasks: list[asyncio.Task[None]], window: Window) -> None:
    """Return once every station has booted; re-raise the first setup failure."""
    ready = asyncio.create_task(window.ready.wait())
    waiters: list[asyncio.Task[Any]] = [ready, *tasks]
    done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    if ready in done:
        return
    ready.cancel()
    for task in tasks:
        task.cancel()
    for task in done:
        task.result()
    raise RuntimeError("a station closed before the start signal")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the load and print the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="ws://host:port/ocpp (station id appended)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="per-request timeout (s)")
    args = parser.parse_args(argv)
    report = asyncio.run(run(args.url, args.connections, args.seconds, args.warmup, args.timeout))
    sys.stdout.write(orjson.dumps(report).decode() + "\n")


if __name__ == "__main__":
    main()
