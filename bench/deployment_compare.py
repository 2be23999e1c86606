"""One embedded node against the multi-process Pub/Sub deployment, on the same load.

A: one node with every role (`python -m app run`), the in-process bus, the memory cache, on a
fresh PostgreSQL database. B: two gateway+api nodes and one worker node as separate processes
on another fresh PostgreSQL database, `CSMS_BUS=pubsub` on a Pub/Sub emulator this benchmark
starts (`gcloud beta emulators pubsub start`), Redis for the shared cache (a namespace and topic
prefix of the run's own). Each deployment gets the same load:

1. `--stations` stations (spread over the gateway nodes) sending Heartbeats back to back for
   `--seconds`: Heartbeats/s and the p50/p99 round trip;
2. `--calls` operator commands (`sendCall` ClearCache with the admin token) one after the other,
   asked of the first node's API, to a station on that node (same-node) and, in B, to a
   station on the other gateway node (cross-node): p50/p99 of the GraphQL round trip.

Prints one table with A, B and B ÷ A and writes bench/results/deployment-compare-<UTC>.json.
Run: `python -m bench.deployment_compare --stations 50 --seconds 10 --calls 100`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import orjson

from bench import load
from bench.fleet import percentile
from bench.node import ROOT, fresh_database, node_env, postgres_url
from bench.operator import station as answering_station
from bench.output import write_run
from bench.procs import Server, free_port, install_cleanup, migrate_csms, run_main

ADMIN_TOKEN = "bench-deployment-admin-token"
CLEAR_CACHE = (
    'mutation($s: ID!) { sendCall(stationId: $s, action: "ClearCache", payload: {}) { outcome } }'
)
WARMUP_CALLS = 10


@contextlib.contextmanager
def pubsub_emulator(log_path: Path) -> Iterator[tuple[str, Server]]:
    """A Pub/Sub emulator on a free port, in its own process group: its "host:port" and
    process, yielded once it listens."""
    port = free_port()
    argv = ["gcloud", "beta", "emulators", "pubsub", "start", f"--host-port=127.0.0.1:{port}"]
    argv.append("--project=csms-bench")
    env = {"CLOUDSDK_CORE_DISABLE_PROMPTS": "1"}
    env["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "1"
    with Server("pubsub-emulator", argv, log_path, {**os.environ, **env}) as server:
        server.wait_for_port(port, 90)
        yield f"127.0.0.1:{port}", server


def shared_settings(emulator: str, run_id: str) -> dict[str, str]:
    """The CSMS_* settings every process of a Pub/Sub deployment shares: the admin token, the
    bus on the emulator at `emulator`, Redis, and a topic prefix and cache namespace of the
    run's own (`run_id`)."""
    return {
        "CSMS_ADMIN_TOKEN": ADMIN_TOKEN,
        "CSMS_BUS": "pubsub",
        "CSMS_PUBSUB_PROJECT": "csms-bench",
        "CSMS_PUBSUB_EMULATOR_HOST": emulator,
        "CSMS_PUBSUB_TOPIC_PREFIX": f"bench-{run_id}",
        "CSMS_REDIS_URL": "redis://127.0.0.1:6379/0",
        "CSMS_CACHE_NAMESPACE": f"bench-{run_id}",
    }


@contextlib.contextmanager
def embedded(workdir: Path) -> Iterator[tuple[list[int], list[Server]]]:
    """Deployment A: one node, every role, memory bus and cache; yields its port and process."""
    with fresh_database("bench_deploy_a") as database:
        port = free_port()
        env = node_env(postgres_url(database), port, CSMS_ADMIN_TOKEN=ADMIN_TOKEN)
        migrate_csms(env, ROOT)
        with started_node("a-node", env, workdir, port) as server:
            yield [port], [server]


@contextlib.contextmanager
def distributed(workdir: Path) -> Iterator[tuple[list[int], list[Server]]]:
    """Deployment B: gateway+api nodes 1 and 2 and a worker node on Pub/Sub and Redis; yields
    the two gateway ports and the processes (the three nodes, then the emulator)."""
    run_id = secrets.token_hex(4)
    with (
        fresh_database("bench_deploy_b") as database,
        pubsub_emulator(workdir / "pubsub.log") as (emulator, emulator_process),
    ):
        shared = shared_settings(emulator, run_id)
        url = postgres_url(database)
        ports = [free_port(), free_port(), free_port()]
        roles = ["gateway,api", "gateway,api", "worker"]
        envs = [
            node_env(url, port, CSMS_ROLES=role, CSMS_NODE_ID=f"b-node-{i + 1}", **shared)
            for i, (port, role) in enumerate(zip(ports, roles, strict=True))
        ]
        migrate_csms(envs[0], ROOT)
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(started_node(f"b-node-{i + 1}", env, workdir, port))
                for i, (env, port) in enumerate(zip(envs, ports, strict=True))
            ]
            yield ports[:2], [*servers, emulator_process]


@contextlib.contextmanager
def started_node(name: str, env: dict[str, str], workdir: Path, port: int) -> Iterator[Server]:
    """`python -m app run` with `env` (already migrated), logging to `workdir`/`name`.log,
    yielded once /healthz answers; stopped afterwards."""
    argv = [sys.executable, "-m", "app", "run"]
    with Server(name, argv, workdir / f"{name}.log", env, ROOT) as server:
        server.wait_for_http(f"http://127.0.0.1:{port}/healthz", 120)
        yield server


async def _heartbeat_station(
    session: aiohttp.ClientSession,
    url: str,
    window: load.Window,
    tally: load.Tally,
) -> None:
    """Connect, boot, then send Heartbeats back to back inside the window."""
    async with session.ws_connect(url, protocols=(load.SUBPROTOCOL,)) as ws:
        boot = [2, "boot", "BootNotification", load.BOOT_PAYLOAD]
        await ws.send_str(orjson.dumps(boot).decode())
        await load.await_result(ws, "boot", 30.0)
        window.boot_done()
        await load.closed_loop(ws, window, tally, 10.0, _heartbeat)


def _heartbeat(message_id: str) -> str:
    return f'[2,"{message_id}","Heartbeat",{{}}]'


async def heartbeats(ports: list[int], stations: int, seconds: float) -> dict[str, Any]:
    """`stations` stations, station i on node i mod len(ports), Heartbeats for `seconds` after
    a one-second warm-up: the summary of bench.load."""
    window = load.Window(stations)
    tallies = [load.Tally() for _ in range(stations)]
    prefix = f"HB-{secrets.token_hex(2)}"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks = [
            asyncio.create_task(
                _heartbeat_station(
                    session,
                    f"ws://127.0.0.1:{ports[i % len(ports)]}/ocpp/{prefix}-{i:04d}",
                    window,
                    tally,
                )
            )
            for i, tally in enumerate(tallies)
        ]
        await load.all_booted(tasks, window)
        window.start = time.perf_counter() + 1.0
        window.end = window.start + seconds
        window.go.set()
        await asyncio.gather(*tasks)
    return load.summarize(tallies, seconds, 0.0)


async def operator_calls(ports: list[int], calls: int) -> dict[str, Any]:
    """One answering station per node; `calls` ClearCache commands asked of the first node's
    API for the station on that node, then for the one on the other node (if any)."""
    ids = [f"OPS-{i + 1}-{secrets.token_hex(2)}" for i in range(len(ports))]
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    url = f"http://127.0.0.1:{ports[0]}/graphql"
    results: dict[str, Any] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        ready = [asyncio.Event() for _ in ids]
        tasks = [
            asyncio.create_task(answering_station(session, f"ws://127.0.0.1:{port}/ocpp/{sid}", ok))
            for port, sid, ok in zip(ports, ids, ready, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(ok.wait() for ok in ready)), 60)
        for name, sid in zip(["same-node", "cross-node"], ids, strict=False):
            latencies: list[float] = []
            outcomes: dict[str, int] = {}
            for index in range(calls + WARMUP_CALLS):
                body = {"query": CLEAR_CACHE, "variables": {"s": sid}}
                began = time.perf_counter()
                async with session.post(url, json=body, headers=headers) as response:
                    answer = await response.json()
                elapsed = (time.perf_counter() - began) * 1000.0
                outcome = (
                    "GRAPHQL_ERROR"
                    if answer.get("errors")
                    else str(answer["data"]["sendCall"]["outcome"])
                )
                if index < WARMUP_CALLS:
                    continue
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if outcome == "RESULT":
                    latencies.append(elapsed)
            results[name] = {
                "outcomes": outcomes,
                "p50_ms": percentile(latencies, 50),
                "p99_ms": percentile(latencies, 99),
            }
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results


def group_cpu_seconds(pgid: int) -> float:
    """User plus system CPU time of every live process in process group `pgid` (gcloud runs
    the emulator as a java child in its group)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # pgrp (field 5)
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(ports: list[int], servers: list[Server], args: argparse.Namespace) -> dict[str, Any]:
    """The Heartbeat load (with each process's CPU over it), then the operator commands."""
    cpu_before = [group_cpu_seconds(server.pid) for server in servers]
    began = time.perf_counter()
    report = asyncio.run(heartbeats(ports, args.stations, args.seconds))
    elapsed = time.perf_counter() - began
    cpu = {
        server.name: round(100.0 * (group_cpu_seconds(server.pid) - before) / elapsed, 1)
        for server, before in zip(servers, cpu_before, strict=True)
    }
    return {
        "heartbeat_phase_cpu_percent": cpu,
        "heartbeats_per_s": round(report["msgs_per_s"], 1),
        "heartbeat_p50_ms": round(report["latency_ms"]["p50"], 2),
        "heartbeat_p99_ms": round(report["latency_ms"]["p99"], 2),
        "heartbeat_errors": report["errors_by_kind"],
        "operator": asyncio.run(operator_calls(ports, args.calls)),
    }


def rows(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The table's rows: (figure, A's value, B's value); A has no cross-node figure."""
    out: list[tuple[str, Any, Any]] = [
        ("Heartbeats/s", a["heartbeats_per_s"], b["heartbeats_per_s"]),
        ("Heartbeat p50 ms", a["heartbeat_p50_ms"], b["heartbeat_p50_ms"]),
        ("Heartbeat p99 ms", a["heartbeat_p99_ms"], b["heartbeat_p99_ms"]),
    ]
    same_a = a["operator"]["same-node"]
    for kind in ("same-node", "cross-node"):
        row_b = b["operator"].get(kind, {})
        for q in ("p50_ms", "p99_ms"):
            out.append((f"command {kind} {q[:3]} ms", same_a[q], row_b.get(q)))
    return out


def ratio(a: Any, b: Any) -> float | None:
    """B ÷ A, two decimals; None when either is missing or A is zero."""
    if not isinstance(a, int | float) or not isinstance(b, int | float) or not a:
        return None
    return round(b / a, 2)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run A, then B, print the table, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--calls", type=int, default=100, help="measured commands per kind")
    args = parser.parse_args(argv)
    install_cleanup()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="csms-deploy-") as tmp:
        workdir = Path(tmp)
        with embedded(workdir) as (ports, servers):
            a = measure(ports, servers, args)
        with distributed(workdir) as (ports, servers):
            b = measure(ports, servers, args)
    table = rows(a, b)
    print(f"{'figure':<28}{'A embedded':>12}{'B pubsub':>12}{'B / A':>8}")
    for figure, value_a, value_b in table:
        shown = ratio(value_a, value_b)
        print(f"{figure:<28}{value_a or '-':>12}{value_b or '-':>12}{shown or '-':>8}")
    print(f"errors: A {a['heartbeat_errors']}, B {b['heartbeat_errors']}")
    print(
        f"CPU % in the Heartbeat phase (boot included): A {a['heartbeat_phase_cpu_percent']}, "
        f"B {b['heartbeat_phase_cpu_percent']}"
    )
    print(f"command outcomes: A {a['operator']}, B {b['operator']}")
    write_run(
        "deployment_compare",
        started,
        argv,
        stations=args.stations,
        seconds=args.seconds,
        calls=args.calls,
        embedded=a,
        pubsub=b,
        ratios={figure: ratio(x, y) for figure, x, y in table},
    )


if __name__ == "__main__":
    run_main(main)
