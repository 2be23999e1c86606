"""Password guessing against other stations' latency: `--stations` stations send Heartbeats
back to back while `--guesses` wrong-password upgrades arrive `--guessers` at a time (the login
limits raised, as if each came from its own address, so every guess costs a hash). Prints the
stations' Heartbeat round-trip p50/p99 before and during the guessing.

`--root` runs the node from another checkout (say, one from before the password checks were
bounded) to compare: `python -m bench.password_guessing --root /path/to/older/checkout`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import orjson

from bench.node import ROOT, node_env
from bench.procs import Server, free_port, migrate_csms, run_main

TOKEN = "bench-admin-token-0123456789"
PASSWORD = "the-right-password-0123"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def _heartbeats(
    session: aiohttp.ClientSession, url: str, station_id: str, stop: asyncio.Event
) -> list[float]:
    latencies: list[float] = []
    async with session.ws_connect(f"{url}/ocpp/{station_id}", protocols=("ocpp2.0.1",)) as ws:
        ids = itertools.count()
        while not stop.is_set():
            started = time.perf_counter()
            await ws.send_str(orjson.dumps([2, str(next(ids)), "Heartbeat", {}]).decode())
            await ws.receive()
            latencies.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.01)
    return latencies


async def _guess(session: aiohttp.ClientSession, url: str, count: int) -> None:
    headers = {"Authorization": aiohttp.encode_basic_auth("VICTIM", "a-wrong-password-012345")}
    for _ in range(count):
        try:
            async with session.ws_connect(
                f"{url}/ocpp/VICTIM", protocols=("ocpp2.0.1",), headers=headers
            ):
                pass
        except aiohttp.WSServerHandshakeError:
            pass


async def _phase(
    session: aiohttp.ClientSession, url: str, stations: int, guesses: int, guessers: int
) -> tuple[list[float], float]:
    stop = asyncio.Event()
    beats = [
        asyncio.create_task(_heartbeats(session, url, f"BENCH-{n}", stop)) for n in range(stations)
    ]
    started = time.perf_counter()
    if guesses:
        share = guesses // guessers
        await asyncio.gather(*(_guess(session, url, share) for _ in range(guessers)))
    else:
        await asyncio.sleep(5)
    elapsed = time.perf_counter() - started
    stop.set()
    latencies = [value for done in await asyncio.gather(*beats) for value in done]
    return latencies, elapsed


async def _run(args: argparse.Namespace, port: int) -> None:
    http = f"http://127.0.0.1:{port}"
    url = f"ws://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        mutation = (
            'mutation($pw: String!) { upsertStation(input: {id: "VICTIM", password: $pw}) { id } }'
        )
        async with session.post(
            f"{http}/graphql",
            json={"query": mutation, "variables": {"pw": PASSWORD}},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ) as response:
            assert response.status == 200, await response.text()
        for label, guesses in (("idle", 0), (f"{args.guesses} wrong guesses", args.guesses)):
            latencies, elapsed = await _phase(session, url, args.stations, guesses, args.guessers)
            p50, p99 = _percentile(latencies, 0.5), _percentile(latencies, 0.99)
            print(
                f"{label:>24}: {len(latencies)} heartbeats in {elapsed:.1f} s, "
                f"p50 {p50:.1f} ms, p99 {p99:.1f} ms"
            )


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--guesses", type=int, default=2000)
    parser.add_argument("--guessers", type=int, default=50)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout the node runs from")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = node_env(
            f"sqlite://{tmp}/bench.sqlite3",
            port,
            CSMS_ADMIN_TOKEN=TOKEN,
            CSMS_MESSAGE_LOG_ENABLED="false",
            CSMS_AUTH_FAILURES_PER_STATION="1000000",
            CSMS_AUTH_FAILURES_PER_ADDRESS="1000000",
        )
        migrate_csms(env, args.root)
        log = Path(tmp) / "csms.log"
        with Server("csms", [sys.executable, "-m", "app", "run"], log, env, args.root) as server:
            server.wait_for_http(f"http://127.0.0.1:{port}/healthz")
            asyncio.run(_run(args, port))


if __name__ == "__main__":
    run_main(main)
