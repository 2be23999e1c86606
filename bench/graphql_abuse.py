"""Stations' Heartbeat latency while the GraphQL API is abused, as a ratio to a quiet run.

Starts a fresh CSMS node on embedded defaults (SQLite file, in-process bus, memory cache,
dev settings: introspection on), connects `--stations` stations that boot and then send a
Heartbeat every `--interval` seconds each, timing every answer. For `--seconds` nothing else
happens (quiet); then for `--seconds` more, `--abusers` clients (in a process of their own, so
that building the requests does not slow this one's stations) send the requests issue 19
measured, one after the other each, without a token and with a viewer's token: 5,000 aliases
of a 5-level `__schema` query, 50,000 aliases of `__typename`, 1,000 aliases of `stations`,
1,000 aliases of `stations(first:100){evses{connectors}}`, and distinct 0.5 MB documents.
Prints the Heartbeat p50/p99/max of both phases (a Heartbeat unanswered when the abuse
ends counts with its wait so far), p99 abused ÷ p99 quiet, the answers the
abusers got, and the node's RSS; writes bench/results/graphql-abuse-<UTC timestamp>.json.
Run: `python -m bench.graphql_abuse --stations 50 --seconds 10`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
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

ADMIN_TOKEN = "bench-abuse-Xq7-admin-token-4Lm9"


def aliases(count: int, selection: str) -> str:
    """A query of `count` aliases of one selection."""
    return "{ " + " ".join(f"a{i}: {selection}" for i in range(count)) + " }"


ABUSIVE = [
    aliases(5000, "__schema { types { fields { type { ofType { name } } } } }"),
    aliases(50_000, "__typename"),
    aliases(1000, "stations { id }"),
    aliases(1000, "stations(first: 100) { evses { connectors { id } } }"),
]


BODIES = [orjson.dumps({"query": query}) for query in ABUSIVE]


def big_document(index: int) -> str:
    """A distinct document of about 0.5 MB."""
    return f"{{ stations {{ id }} }} # {index} " + "x" * 500_000


class Heartbeats:
    """The round trips of the stations' Heartbeats, per phase."""

    def __init__(self) -> None:
        self.phase = "warm-up"
        self.latencies: dict[str, list[float]] = {"quiet": [], "abused": []}
        self.waiting: dict[int, float] = {}
        self.unanswered = 0

    def end_abused_phase(self) -> None:
        """Count each Heartbeat still unanswered as answered now (a lower bound): a stalled
        node must not look fast for having answered few."""
        now = time.perf_counter()
        for began in self.waiting.values():
            self.latencies["abused"].append((now - began) * 1000.0)
            self.unanswered += 1
        self.phase = "done"


async def station(
    session: aiohttp.ClientSession,
    url: str,
    interval: float,
    beats: Heartbeats,
    ready: asyncio.Event,
    index: int,
) -> None:
    """Boot, then a Heartbeat every `interval` seconds, each answer timed."""
    async with session.ws_connect(url, protocols=("ocpp2.0.1",)) as ws:
        boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
        await ws.send_str(orjson.dumps([2, "boot", "BootNotification", boot]).decode())
        await ws.receive()
        ready.set()
        for seq in itertools.count():
            began = time.perf_counter()
            beats.waiting[index] = began
            await ws.send_str(orjson.dumps([2, f"hb{seq}", "Heartbeat", {}]).decode())
            while True:
                frame = orjson.loads((await ws.receive()).data)
                if frame[0] == 3 and frame[1] == f"hb{seq}":
                    break
                if frame[0] == 2:  # a CSMS call: answer it empty
                    await ws.send_str(orjson.dumps([3, frame[1], {}]).decode())
            elapsed = (time.perf_counter() - began) * 1000.0
            del beats.waiting[index]
            if beats.phase in beats.latencies:
                beats.latencies[beats.phase].append(elapsed)
            await asyncio.sleep(max(interval - elapsed / 1000.0, 0.0))


async def abuser(
    session: aiohttp.ClientSession,
    url: str,
    tokens: list[str | None],
    counter: itertools.count[int],
    answers: dict[str, int],
) -> None:
    """Send abusive requests one after the other, alternating tokens, until cancelled."""
    for index in counter:
        token = tokens[index % len(tokens)]
        kind = index // len(tokens) % (len(BODIES) + 1)
        body = BODIES[kind] if kind < len(BODIES) else orjson.dumps({"query": big_document(index)})
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        async with session.post(url, data=body, headers=headers) as response:
            answer_body = await response.read()
        answer = f"{response.status} {'viewer' if token else 'anonymous'}"
        if response.status == 200 and b'"data":null' not in answer_body:
            answer += " EXECUTED"
        answers[answer] = answers.get(answer, 0) + 1


async def abuse(url: str, viewer: str, seconds: float, abusers: int) -> dict[str, int]:
    """`abusers` clients sending abusive requests for `seconds`; the answers they got."""
    answers: dict[str, int] = {}
    counter = itertools.count()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks = [
            asyncio.create_task(abuser(session, url, [None, viewer], counter, answers))
            for _ in range(abusers)
        ]
        await asyncio.sleep(seconds)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return answers


async def start_abusers(url: str, viewer: str, seconds: float, abusers: int) -> Any:
    """The abusers' own process, started (and its requests built) but waiting for a line on
    its standard input to begin."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.graphql_abuse",
        "--abuse",
        url,
        "--viewer",
        viewer,
        "--seconds",
        str(seconds),
        "--abusers",
        str(abusers),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )


async def abuse_now(child: Any) -> Any:
    """Let the abusers' process begin; the answers its requests got."""
    out, _ = await child.communicate(b"go\n")
    return orjson.loads(out.splitlines()[-1])


async def measure(
    port: int, stations: int, interval: float, seconds: float, abusers: int, as_admin: bool
) -> Any:
    """Quiet phase, then the abused phase; the latencies and the abusers' answers."""
    url = f"http://127.0.0.1:{port}/graphql"
    beats = Heartbeats()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        create = 'mutation { createApiToken(input: {name: "bench", role: VIEWER}) { token } }'
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        if as_admin:  # code without API tokens: the admin token stands in for a viewer's
            viewer = ADMIN_TOKEN
        else:
            async with session.post(url, json={"query": create}, headers=admin) as response:
                viewer = (await response.json())["data"]["createApiToken"]["token"]
        ready = [asyncio.Event() for _ in range(stations)]
        tasks = [
            asyncio.create_task(
                station(session, f"ws://127.0.0.1:{port}/ocpp/AB-{i:05d}", interval, beats, ok, i)
            )
            for i, ok in enumerate(ready)
        ]
        await asyncio.wait_for(asyncio.gather(*(ok.wait() for ok in ready)), 120)
        child = await start_abusers(url, viewer, seconds, abusers)
        await asyncio.sleep(3.0)  # the child has started and built its requests
        beats.phase = "quiet"
        await asyncio.sleep(seconds)
        beats.phase = "abused"
        answers = await abuse_now(child)
        beats.end_abused_phase()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return beats.latencies, answers, beats.unanswered


def summary(latencies: list[float]) -> dict[str, Any]:
    """Count, p50, p99 and max of one phase's Heartbeats."""
    return {
        "heartbeats": len(latencies),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": round(max(latencies), 2) if latencies else None,
    }


def rss_kib(pid: int) -> int | None:
    """The resident set size of a process, from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Start the node, measure both phases, stop it."""
    port = free_port()
    env = csms_env(workdir, port, [f"CSMS_ADMIN_TOKEN={ADMIN_TOKEN}", *args.csms_env])
    with csms_node(env, workdir / "csms.log", 120) as server:
        latencies, answers, unanswered = asyncio.run(
            measure(port, args.stations, args.interval, args.seconds, args.abusers, args.as_admin)
        )
        rss = rss_kib(server.pid)
    quiet, abused = summary(latencies["quiet"]), summary(latencies["abused"])
    ratio = None
    if quiet["p99_ms"] and abused["p99_ms"]:
        ratio = round(abused["p99_ms"] / quiet["p99_ms"], 2)
    return {
        "quiet": quiet,
        "abused": abused,
        "p99_ratio": ratio,
        "unanswered_at_end": unanswered,
        "answers": answers,
        "rss_kib": rss,
    }


def main(argv: list[str] | None = None) -> None:
    """Entry point: measure, print the table, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between Heartbeats")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--abusers", type=int, default=4, help="concurrent abusive clients")
    parser.add_argument("--csms-env", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument(
        "--as-admin",
        action="store_true",
        help="send the admin token where a viewer's would go (for code without API tokens)",
    )
    parser.add_argument("--abuse", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--viewer", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.abuse:  # the abusers' own process: begins on a line from its parent
        sys.stdin.readline()
        answers = asyncio.run(abuse(args.abuse, args.viewer, args.seconds, args.abusers))
        print(orjson.dumps(answers).decode(), flush=True)
        return
    install_cleanup()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="csms-graphql-abuse-") as tmp:
        results = run(args, Path(tmp))
    print(f"{'phase':<8}{'heartbeats':>11}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for phase in ("quiet", "abused"):
        row = results[phase]
        print(
            f"{phase:<8}{row['heartbeats']:>11}{row['p50_ms'] or '-':>9}"
            f"{row['p99_ms'] or '-':>9}{row['max_ms'] or '-':>9}"
        )
    print(f"p99 abused / quiet: {results['p99_ratio']}")
    print(f"Heartbeats unanswered when the abuse ended: {results['unanswered_at_end']}")
    print(f"abusive requests answered: {results['answers']}")
    print(f"node RSS at the end: {results['rss_kib']} KiB")
    write_run("graphql_abuse", started, argv, stations=args.stations, results=results)


if __name__ == "__main__":
    run_main(main)
