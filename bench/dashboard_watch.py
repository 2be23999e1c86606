"""GraphQL dashboards for the benchmarks: S single-station and F fleet subscriptions.

Each subscription has its own graphql-transport-ws socket (as separate browser tabs would),
authenticates in `connection_init`, subscribes and counts what arrives: events per wall-clock
second and the delivery delay (receipt time minus the event's `occurredAt`; the CSMS runs on
the same machine, so the clocks agree). Prints `subscribed N` once every subscription is
acknowledged, runs until SIGINT/SIGTERM, then writes its report to `--out`.
Run: `python -m bench.dashboard_watch --url http://127.0.0.1:N/graphql --token T
--stations SIM-0001,SIM-0006 --fleet 10 --out watch.json`.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import orjson
from aiohttp import WSMsgType

OPERATIONS = {
    "stationEvents": "stationEvents(stationId: $id) { type stationId occurredAt payload }",
    "transactionEvents": (
        "transactionEvents(stationId: $id) { type stationId occurredAt missed transactionId "
        "seqNo chargingState active energyWh }"
    ),
    "meterValues": (
        "meterValues(stationId: $id) { type stationId occurredAt missed transactionId "
        "samples { measurand value unit } }"
    ),
}


@dataclass(slots=True)
class Watch:
    """What one subscription received."""

    station_id: str | None
    events: int = 0
    missed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Totals:
    """What all subscriptions received, per wall-clock second, and the delivery delays."""

    per_second: dict[int, int] = field(default_factory=dict)
    delays_ms: list[float] = field(default_factory=list)
    acked: int = 0

    def record(self, occurred_at: str) -> None:
        """Count one event received now."""
        now = time.time()
        second = int(now)
        self.per_second[second] = self.per_second.get(second, 0) + 1
        self.delays_ms.append((now - datetime.fromisoformat(occurred_at).timestamp()) * 1000.0)


async def watch(
    session: aiohttp.ClientSession,
    args: argparse.Namespace,
    item: Watch,
    totals: Totals,
    all_acked: asyncio.Event,
    expected: int,
) -> None:
    """One subscription, from connection_init until the socket closes or is cancelled."""
    field_name = args.operation
    query = f"subscription($id: ID) {{ {OPERATIONS[field_name]} }}"
    async with session.ws_connect(args.url, protocols=("graphql-transport-ws",)) as ws:
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {args.token}"}}
        await ws.send_str(orjson.dumps(init).decode())
        subscribed = False
        async for message in ws:
            if message.type is not WSMsgType.TEXT:
                break
            frame = orjson.loads(message.data)
            kind = frame.get("type")
            if kind == "connection_ack" and not subscribed:
                payload = {"query": query, "variables": {"id": item.station_id}}
                await ws.send_str(
                    orjson.dumps({"id": "1", "type": "subscribe", "payload": payload}).decode()
                )
                subscribed = True
                totals.acked += 1
                if totals.acked == expected:
                    all_acked.set()
            elif kind == "ping":
                await ws.send_str('{"type":"pong"}')
            elif kind == "next":
                data = frame["payload"].get("data")
                if not data:
                    item.errors.append(str(frame["payload"].get("errors"))[:200])
                    continue
                event = data[field_name]
                item.events += 1
                item.missed += int(event.get("missed") or 0)
                totals.record(event["occurredAt"])
            elif kind in ("error", "complete"):
                item.errors.append(str(frame)[:200])


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Open every subscription, wait for a stop signal, close them, summarise."""
    stations = [s for s in args.stations.split(",") if s]
    items = [Watch(s) for s in stations] + [Watch(None) for _ in range(args.fleet)]
    totals, all_acked, stop = Totals(), asyncio.Event(), asyncio.Event()
    if not items:
        all_acked.set()  # nothing to subscribe: the baseline of a run with no dashboards
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks = [
            asyncio.create_task(watch(session, args, item, totals, all_acked, len(items)))
            for item in items
        ]
        acked = asyncio.create_task(all_acked.wait())
        await asyncio.wait([acked, asyncio.create_task(stop.wait())], return_when="FIRST_COMPLETED")
        print(f"subscribed {totals.acked}", flush=True)
        cpu_before, began = time.process_time(), time.monotonic()
        await stop.wait()
        cpu = 100.0 * (time.process_time() - cpu_before) / max(1e-9, time.monotonic() - began)
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    failures = [repr(o) for o in outcomes if isinstance(o, BaseException)]
    failures = [f for f in failures if "CancelledError" not in f]
    return {
        "operation": args.operation,
        "subscriptions": len(items),
        "acked": totals.acked,
        "per_second": {str(k): v for k, v in sorted(totals.per_second.items())},
        "delays_ms": totals.delays_ms,
        "events_single": sum(i.events for i in items if i.station_id is not None),
        "events_fleet": sum(i.events for i in items if i.station_id is None),
        "missed": sum(i.missed for i in items),
        "errors": [e for i in items for e in i.errors][:20],
        "failures": failures[:20],
        "watcher_cpu_percent": cpu,
    }


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="http://host:port/graphql")
    parser.add_argument("--token", required=True)
    parser.add_argument("--stations", default="", help="comma-separated single-station ids")
    parser.add_argument("--fleet", type=int, default=10, help="whole-fleet subscriptions")
    parser.add_argument("--operation", choices=sorted(OPERATIONS), default="stationEvents")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    report = asyncio.run(run(args))
    args.out.write_bytes(orjson.dumps(report))


if __name__ == "__main__":
    main()
