"""A station's event to GraphQL subscribers on the Pub/Sub deployment: on its node and another.

Node 1 runs gateway,api,worker and node 2 api only, as separate processes on a fresh
PostgreSQL database, `CSMS_BUS=pubsub` on a Pub/Sub emulator this benchmark starts and Redis
(as deployment B of bench.deployment_compare), `CSMS_SUBSCRIPTION_FLUSH_MS=0` so that a
subscription writes each event at once. One station on node 1 sends `--events`
StatusNotifications one after the other (after 10 unmeasured ones), its connector alternating
between Occupied and Available; a `stationEvents` subscription on each node gets each
STATUS_CHANGED; a random pause of up to 50 ms between StatusNotifications keeps the sends from
locking onto the emulator's delivery rhythm (it hands out messages in ~50 ms steps). The time
from sending a StatusNotification to each subscriber's event is measured in this process:
p50/p99 for the subscriber on the station's node (same-node) and on the other (cross-node).
`--root` runs the nodes from another checkout (say, one from before node 1 handed its own
events to its subscribers in process) to compare.

Prints the figures and writes bench/results/event-latency-<UTC>.json.
Run: `python -m bench.event_latency --events 200 [--root /path/to/other/checkout]`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
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
from bench.deployment_compare import pubsub_emulator
from bench.fleet import percentile
from bench.node import ROOT, fresh_database, node_env, postgres_url
from bench.output import write_run
from bench.procs import Server, free_port, install_cleanup, migrate_csms, run_main

ADMIN_TOKEN = "bench-event-latency-admin-token"
WARMUP_EVENTS = 10
SUBSCRIPTION = "subscription($s: ID!) { stationEvents(stationId: $s) { type } }"
PAUSE = 0.05
"""Most seconds of the random pause between StatusNotifications."""
WAIT = 30.0
"""Seconds any one message may take before the run fails (a hang, not a measurement)."""


@contextlib.contextmanager
def deployment(workdir: Path, root: Path) -> Iterator[list[int]]:
    """Node 1 (gateway,api,worker) and node 2 (api) from the checkout at `root`; yields their
    ports once both answer."""
    run_id = secrets.token_hex(4)
    with (
        fresh_database("bench_event_latency") as database,
        pubsub_emulator(workdir / "pubsub.log") as (emulator, _),
    ):
        shared = {
            "CSMS_ADMIN_TOKEN": ADMIN_TOKEN,
            "CSMS_BUS": "pubsub",
            "CSMS_PUBSUB_PROJECT": "csms-bench",
            "CSMS_PUBSUB_EMULATOR_HOST": emulator,
            "CSMS_PUBSUB_TOPIC_PREFIX": f"bench-{run_id}",
            "CSMS_REDIS_URL": "redis://127.0.0.1:6379/0",
            "CSMS_CACHE_NAMESPACE": f"bench-{run_id}",
            "CSMS_SUBSCRIPTION_FLUSH_MS": "0",
        }
        url = postgres_url(database)
        ports = [free_port(), free_port()]
        roles = ["gateway,api,worker", "api"]
        envs = [
            node_env(url, port, CSMS_ROLES=role, CSMS_NODE_ID=f"ev-node-{i + 1}", **shared)
            for i, (port, role) in enumerate(zip(ports, roles, strict=True))
        ]
        migrate_csms(envs[0], root)
        with contextlib.ExitStack() as stack:
            for i, (env, port) in enumerate(zip(envs, ports, strict=True)):
                argv = [sys.executable, "-m", "app", "run"]
                name = f"ev-node-{i + 1}"
                server = stack.enter_context(Server(name, argv, workdir / f"{name}.log", env, root))
                server.wait_for_http(f"http://127.0.0.1:{port}/healthz", 120)
            yield ports


async def _subscribe(
    session: aiohttp.ClientSession, port: int, station_id: str
) -> aiohttp.ClientWebSocketResponse:
    """A graphql-transport-ws socket on node `port` with `stationEvents` of `station_id`."""
    ws = await session.ws_connect(
        f"ws://127.0.0.1:{port}/graphql", protocols=("graphql-transport-ws",)
    )
    init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {ADMIN_TOKEN}"}}
    await ws.send_json(init)
    ack = await ws.receive_json(timeout=WAIT)
    assert ack["type"] == "connection_ack", ack
    query = {"query": SUBSCRIPTION, "variables": {"s": station_id}}
    await ws.send_json({"id": "1", "type": "subscribe", "payload": query})
    return ws


async def _next_status(ws: aiohttp.ClientWebSocketResponse) -> float:
    """When the subscription's next STATUS_CHANGED arrived (other events are passed over)."""
    while True:
        message = await ws.receive_json(timeout=WAIT)
        if message["type"] == "ping":
            await ws.send_json({"type": "pong"})
            continue
        if message["type"] != "next":
            raise RuntimeError(f"subscription message {message}")
        if message["payload"]["data"]["stationEvents"]["type"] == "STATUS_CHANGED":
            return time.perf_counter()


def _status_notification(message_id: str, status: str) -> str:
    payload = {
        "timestamp": datetime.now(UTC).isoformat(),
        "connectorStatus": status,
        "evseId": 1,
        "connectorId": 1,
    }
    return orjson.dumps([2, message_id, "StatusNotification", payload]).decode()


async def event_latency(ports: list[int], events: int) -> dict[str, Any]:
    """`events` StatusNotifications of a station on node 1, each awaited on both subscribers:
    the p50/p99 of each subscriber's event after the send, in ms."""
    station_id = f"EVL-{secrets.token_hex(2)}"
    names = ["same-node", "cross-node"]
    latencies: dict[str, list[float]] = {name: [] for name in names}
    async with aiohttp.ClientSession() as session:
        station = await session.ws_connect(
            f"ws://127.0.0.1:{ports[0]}/ocpp/{station_id}", protocols=(load.SUBPROTOCOL,)
        )
        subscribers = [await _subscribe(session, port, station_id) for port in ports]
        await asyncio.sleep(1.0)  # the subscriptions start on the nodes
        boot = [2, "boot", "BootNotification", load.BOOT_PAYLOAD]
        await station.send_str(orjson.dumps(boot).decode())
        await load.await_result(station, "boot", WAIT)
        for index in range(events + WARMUP_EVENTS):
            await asyncio.sleep(random.uniform(0, PAUSE))
            status = "Occupied" if index % 2 == 0 else "Available"
            arrivals = [asyncio.ensure_future(_next_status(ws)) for ws in subscribers]
            sent = time.perf_counter()
            await station.send_str(_status_notification(f"s{index}", status))
            await load.await_result(station, f"s{index}", WAIT)
            arrived = await asyncio.gather(*arrivals)
            if index >= WARMUP_EVENTS:
                for name, at in zip(names, arrived, strict=True):
                    latencies[name].append((at - sent) * 1000.0)
        for ws in [station, *subscribers]:
            await ws.close()
    return {
        name: {"p50_ms": percentile(values, 50), "p99_ms": percentile(values, 99)}
        for name, values in latencies.items()
    }


def main(argv: list[str] | None = None) -> None:
    """Entry point: start the deployment, measure, print, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200, help="measured StatusNotifications")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout the nodes run from")
    args = parser.parse_args(argv)
    install_cleanup()
    started = datetime.now(UTC)
    with (
        tempfile.TemporaryDirectory(prefix="csms-events-") as tmp,
        deployment(Path(tmp), args.root) as ports,
    ):
        figures = asyncio.run(event_latency(ports, args.events))
    for name, figure in figures.items():
        print(f"{name:<12} p50 {figure['p50_ms']} ms  p99 {figure['p99_ms']} ms")
    write_run("event_latency", started, argv, events=args.events, root=str(args.root), **figures)


if __name__ == "__main__":
    run_main(main)
