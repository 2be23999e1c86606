"""Reconnect churn against a `csms run` node on embedded defaults: does its memory level off?

Starts a fresh node (SQLite, in-process bus, memory cache, message log on, websocket heartbeat
on as by default) and runs `--rounds` rounds of `--reconnects` reconnects, `--at-once` at a
time. Each connection boots, stays `--hold` seconds (across a tick of the node's collector
policy), and then either sends a Heartbeat and closes, or (every `--drop-every`-th) cuts a
frame in the middle and resets the socket. The station ids repeat every round. Prints the
node's RSS after each round and its garbage collections, and writes
bench/results/reconnect-churn-<UTC timestamp>.json.
Run: `python -m bench.reconnect_churn --rounds 6 --reconnects 1000`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import orjson

from bench import node_metrics
from bench.heartbeat import csms_env
from bench.node import csms_node
from bench.output import write_run
from bench.procs import free_port, install_cleanup, run_main

BOOT = {"reason": "PowerUp", "chargingStation": {"vendorName": "V", "model": "M"}}


def _masked(payload: bytes) -> bytes:
    """One masked client text frame (payloads under 64 KiB)."""
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        head = bytes([0x81, 0x80 | length])
    else:
        head = bytes([0x81, 0x80 | 126]) + length.to_bytes(2, "big")
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


async def _ordinary(session: aiohttp.ClientSession, port: int, sid: str, hold: float) -> None:
    url = f"ws://127.0.0.1:{port}/ocpp/{sid}"
    async with session.ws_connect(url, protocols=("ocpp2.0.1",)) as ws:
        await ws.send_str(orjson.dumps([2, "b", "BootNotification", BOOT]).decode())
        await ws.receive()
        await asyncio.sleep(hold)
        await ws.send_str('[2, "h", "Heartbeat", {}]')
        await ws.receive()


async def _dropped_mid_frame(port: int, sid: str, hold: float) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        f"GET /ocpp/{sid} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n".encode()
    )
    await reader.readuntil(b"\r\n\r\n")
    writer.write(_masked(orjson.dumps([2, "b", "BootNotification", BOOT])))
    await reader.read(200)
    await asyncio.sleep(hold)
    frame = _masked(orjson.dumps([2, "h", "Heartbeat", {"customData": {"vendorId": "x" * 2000}}]))
    writer.write(frame[: len(frame) // 2])
    await writer.drain()
    writer.transport.abort()


async def _round(session: aiohttp.ClientSession, port: int, args: argparse.Namespace) -> int:
    """One round of reconnects; how many failed."""
    slots = asyncio.Semaphore(args.at_once)
    errors = 0

    async def one(n: int) -> None:
        nonlocal errors
        async with slots:
            sid = f"CHURN-{n}"
            try:
                if args.drop_every and n % args.drop_every == 0:
                    await _dropped_mid_frame(port, sid, args.hold)
                else:
                    await _ordinary(session, port, sid, args.hold)
            except (OSError, aiohttp.ClientError, asyncio.IncompleteReadError):
                errors += 1

    await asyncio.gather(*(one(n) for n in range(args.reconnects)))
    return errors


async def _run(
    port: int, args: argparse.Namespace, rss: Callable[[], dict[str, int]]
) -> dict[str, Any]:
    """Every round, the node's RSS sampled `--settle` seconds after each."""
    rounds: list[dict[str, Any]] = []
    async with aiohttp.ClientSession() as session:
        for index in range(args.rounds):
            began = time.monotonic()
            errors = await _round(session, port, args)
            await asyncio.sleep(args.settle)
            kib = rss()["VmRSS"]
            rounds.append(
                {
                    "round": index,
                    "seconds": round(time.monotonic() - began, 1),
                    "errors": errors,
                    "rss_kib": kib,
                }
            )
            print(
                f"round {index}: {kib} KiB after {rounds[-1]['seconds']} s, {errors} errors",
                flush=True,
            )
    return {"rounds": rounds}


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--reconnects", type=int, default=1000, help="per round")
    parser.add_argument("--at-once", type=int, default=200)
    parser.add_argument("--hold", type=float, default=1.5, help="seconds each stays connected")
    parser.add_argument("--drop-every", type=int, default=2, help="0: none dropped mid-frame")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds before each sample")
    args = parser.parse_args(argv)
    install_cleanup()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="csms-churn-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        with csms_node(csms_env(workdir, port, []), workdir / "csms.log", 120) as server:
            idle = server.rss_kib()["VmRSS"]
            print(f"idle: {idle} KiB", flush=True)
            results = asyncio.run(_run(port, args, server.rss_kib))
            pauses = node_metrics.pauses_between({}, node_metrics.pauses_at(port))
            results.update(idle_rss_kib=idle, node_gc_pauses=pauses)
            server.stop()
    sizes = [r["rss_kib"] for r in results["rounds"]]
    growth = [b - a for a, b in itertools.pairwise(sizes)]
    print(f"growth per round after the first (KiB): {growth}")
    print("node garbage collections: " + node_metrics.describe(results["node_gc_pauses"]))
    write_run("reconnect_churn", started, argv, settings=vars(args), results=results)


if __name__ == "__main__":
    run_main(main)
