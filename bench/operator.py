"""Operator command round trips on embedded defaults: GraphQL mutation -> station -> answer.

Starts a fresh CSMS node on embedded defaults (SQLite file, in-process bus, memory cache,
message log on), connects `--stations` lean stations that boot and then answer every CSMS
call at once, and sends `--calls` mutations one after the other over one keep-alive HTTP
connection, to stations picked at random: `sendCall` ClearCache and the typed
`changeAvailability`. The round trip is measured in this process, from the request to the
decoded GraphQL answer. Prints a table and writes bench/results/operator-<UTC timestamp>.json.
Run: `python -m bench.operator --stations 100 --calls 500`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import orjson

from bench.fleet import percentile
from bench.heartbeat import csms_env
from bench.node import csms_node
from bench.output import write_run
from bench.procs import free_port, install_cleanup, run_main

ADMIN_TOKEN = "bench-operator-admin-token"

MUTATIONS: dict[str, tuple[str, str]] = {
    "sendCall ClearCache": (
        'mutation($s: ID!) { sendCall(stationId: $s, action: "ClearCache", payload: {}) '
        "{ outcome } }",
        "sendCall",
    ),
    "changeAvailability": (
        "mutation($s: ID!) { changeAvailability(stationId: $s, operationalStatus: Operative) "
        "{ outcome status } }",
        "changeAvailability",
    ),
}
ANSWERS: dict[str, dict[str, Any]] = {
    "ClearCache": {"status": "Accepted"},
    "ChangeAvailability": {"status": "Accepted"},
}


async def station(session: aiohttp.ClientSession, url: str, ready: asyncio.Event) -> None:
    """Boot, then answer every CSMS CALL immediately until the socket closes."""
    async with session.ws_connect(url, protocols=("ocpp2.0.1",)) as ws:
        boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
        await ws.send_str(orjson.dumps([2, "boot", "BootNotification", boot]).decode())
        answered = False
        async for message in ws:
            frame = orjson.loads(message.data)
            if frame[0] == 3 and frame[1] == "boot":
                answered = True
                ready.set()
            elif frame[0] == 2:
                payload = ANSWERS.get(frame[2], {})
                await ws.send_str(orjson.dumps([3, frame[1], payload]).decode())
        if not answered:
            raise RuntimeError(f"{url}: no BootNotification answer")


async def round_trips(port: int, stations: int, calls: int) -> dict[str, Any]:
    """Connect the stations, then time `calls` mutations of each kind."""
    rng = random.Random(11)
    ids = [f"OP-{i:05d}" for i in range(stations)]
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    results: dict[str, Any] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        ready = [asyncio.Event() for _ in ids]
        tasks = [
            asyncio.create_task(station(session, f"ws://127.0.0.1:{port}/ocpp/{sid}", ok))
            for sid, ok in zip(ids, ready, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(ok.wait() for ok in ready)), 120)
        url = f"http://127.0.0.1:{port}/graphql"
        for name, (query, field) in MUTATIONS.items():
            latencies: list[float] = []
            outcomes: dict[str, int] = {}
            for index in itertools.count():
                if index == calls + 20:
                    break
                body = {"query": query, "variables": {"s": rng.choice(ids)}}
                began = time.perf_counter()
                async with session.post(url, json=body, headers=headers) as response:
                    answer = await response.json()
                elapsed = (time.perf_counter() - began) * 1000.0
                failed = bool(answer.get("errors"))
                outcome = "GRAPHQL_ERROR" if failed else str(answer["data"][field]["outcome"])
                if index < 20:  # warm-up: first requests compile queries, open paths
                    continue
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if outcome == "RESULT":
                    latencies.append(elapsed)
            results[name] = {
                "calls": calls,
                "outcomes": outcomes,
                "p50_ms": percentile(latencies, 50),
                "p99_ms": percentile(latencies, 99),
                "max_ms": round(max(latencies), 2) if latencies else None,
            }
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results


def run(stations: int, calls: int, workdir: Path) -> dict[str, Any]:
    """Start the node on embedded defaults, measure, stop it."""
    port = free_port()
    env = csms_env(workdir, port, [f"CSMS_ADMIN_TOKEN={ADMIN_TOKEN}"])
    with csms_node(env, workdir / "csms.log", 120):
        return asyncio.run(round_trips(port, stations, calls))


def main(argv: list[str] | None = None) -> None:
    """Entry point: measure, print the table, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--calls", type=int, default=500, help="measured calls per mutation")
    args = parser.parse_args(argv)
    install_cleanup()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="csms-operator-") as tmp:
        results = run(args.stations, args.calls, Path(tmp))
    print(f"{'mutation':<22}{'calls':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}  outcomes")
    for name, row in results.items():
        print(
            f"{name:<22}{row['calls']:>7}{row['p50_ms'] or '-':>9}{row['p99_ms'] or '-':>9}"
            f"{row['max_ms'] or '-':>9}  {row['outcomes']}"
        )
    write_run("operator", started, argv, stations=args.stations, results=results)


if __name__ == "__main__":
    run_main(main)
