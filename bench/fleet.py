"""A simulated fleet (csms-sim) against one CSMS node on PostgreSQL.

Rows: steady fleet (msgs/s, p99 per action, errors, server memory per station), reconnect
storm (time until all are Accepted again), operator commands (GraphQL `sendCall` ClearCache
round trips while the fleet is connected). Prints a table and writes
bench/results/fleet-<UTC timestamp>.json.
Run: `python -m bench.fleet --stations 10000 --seconds 60` or `python -m bench.fleet --quick`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import node_metrics
from bench.node import csms_node, fresh_database, node_env, postgres_url
from bench.output import write_run
from bench.procs import Server, free_port, install_cleanup, run_main

ROOT = Path(__file__).resolve().parents[1]
ADMIN_TOKEN = "fleet-bench-admin-token-0123456789"
UNSUPPORTED = frozenset({"NotSupported", "NotImplemented"})
SEND_CALL = (
    'mutation($s: ID!) { sendCall(stationId: $s, action: "ClearCache", payload: {}) '
    "{ outcome errorCode } }"
)
CONNECTED = re.compile(r"connected (\d+)/(\d+) accepted (\d+)")


@dataclass(frozen=True, slots=True)
class Spec:
    """What one run does."""

    stations: int
    seconds: float
    ramp: float
    settle: float
    heartbeat_interval: int
    meter_interval: float
    charging_fraction: float
    operator_calls: int
    storm: bool
    steady: bool = True
    session_spread: float = 0.0  # csms-sim --session-spread


def raise_nofile() -> tuple[int, int]:
    """Raise the soft open-file limit to the hard one; the new (soft, hard)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


LISTEN_QUEUE_SYSCTLS = ("net/core/somaxconn", "net/ipv4/tcp_max_syn_backlog")


def raise_listen_queue(stations: int) -> dict[str, int]:
    """Make the kernel's accept and SYN queues hold a whole fleet connecting at once (when we
    may: root), like the open-file limit; the values in force afterwards.

    Most kernels cap a listen backlog at net.core.somaxconn = 4096. When 10,000 stations
    reconnect at once the accept queue overflows, the kernel drops their handshakes and the
    stations retry only after 1, 3, 7, 15 s: a storm then takes minutes however fast the CSMS
    is (visible as TcpExtListenOverflows in `nstat`)."""
    wanted = max(stations + 1000, 4096)
    values: dict[str, int] = {}
    for name in LISTEN_QUEUE_SYSCTLS:
        path = Path("/proc/sys") / name
        current = int(path.read_text().split()[0])
        if current < wanted:
            try:
                path.write_text(str(wanted))
                current = wanted
                print(f"raised {name.replace('/', '.')} to {wanted}", flush=True)
            except OSError as exc:
                print(
                    f"could not raise {name.replace('/', '.')} ({exc}): a storm of "
                    f"{stations} stations may overflow the accept queue",
                    flush=True,
                )
        values[name.rsplit("/", 1)[1]] = current
    return values


def port_range() -> tuple[int, int]:
    """net.ipv4.ip_local_port_range (the client side's ephemeral ports)."""
    low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
    return int(low), int(high)


def csms_env(db: str, port: int, heartbeat_interval: int) -> dict[str, str]:
    """Environment of the CSMS node: PostgreSQL, in-process bus, memory cache."""
    return node_env(
        postgres_url(db),
        port,
        CSMS_HEARTBEAT_INTERVAL=str(heartbeat_interval),
        CSMS_ADMIN_TOKEN=ADMIN_TOKEN,
    )


def sim_argv(url: str, spec: Spec, scenario: str, out: Path) -> list[str]:
    """The csms-sim command line for one row."""
    sim = Path(sys.executable).with_name("csms-sim")
    argv = [str(sim), "--url", url, "--stations", str(spec.stations), "--scenario", scenario]
    argv += ["--ramp-seconds", str(spec.ramp), "--json", str(out), "--progress"]
    argv += ["--meter-interval", str(spec.meter_interval)]
    argv += ["--charging-fraction", str(spec.charging_fraction)]
    if scenario == "steady":
        argv += ["--duration", str(spec.ramp + spec.settle + spec.seconds)]
        argv += ["--measure-after", str(spec.ramp + spec.settle)]
        argv += ["--session-spread", str(spec.session_spread)]
    else:
        argv += ["--boot-timeout", str(spec.ramp + 300), "--storm-timeout", "300"]
    return argv


def sim_progress(log: Path) -> dict[str, int]:
    """Connected/accepted from the simulator's last progress line (empty if none yet)."""
    for line in reversed(log.read_text(errors="replace").splitlines()):
        match = CONNECTED.search(line)
        if match:
            return {
                "connected": int(match[1]),
                "stations": int(match[2]),
                "accepted": int(match[3]),
            }
    return {}


def wait_sim(sim: Server, limit_s: float) -> int:
    """Wait for the simulator to finish on its own; its exit code."""
    try:
        return sim.proc.wait(limit_s)
    except subprocess.TimeoutExpired:
        sim.stop(grace_s=60)
        raise TimeoutError(f"csms-sim still running after {limit_s}s:\n{sim.log_tail()}") from None


IMPORT = "mutation($items: [IdTokenInput!]!) { importIdTokens(items: $items) { created updated } }"


def graphql(port: int, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """One GraphQL request over HTTP with the admin token; the decoded answer."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=body,
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer


def import_tokens(port: int, stations: int) -> dict[str, Any]:
    """Register the simulator's idTokens (`5A000000 + index`, ISO14443) as Accepted, so that
    Authorize accepts them and sessions (TransactionEvent, meter values) run; best effort:
    a CSMS without `importIdTokens` answers a GraphQL error, which is reported."""
    created = 0
    for first in range(0, stations + 1, 5000):
        items = [
            {"idToken": f"{0x5A000000 + i:08X}", "type": "ISO14443"}
            for i in range(first, min(stations + 1, first + 5000))
        ]
        try:
            answer = graphql(port, IMPORT, {"items": items})
        except OSError as exc:
            return {"imported": created, "error": str(exc)}
        if answer.get("errors"):
            return {"imported": created, "error": str(answer["errors"])[:300]}
        created += answer["data"]["importIdTokens"]["created"]
    return {"imported": created, "error": None}


def graphql_call(port: int, station: str) -> tuple[float, str]:
    """One sendCall ClearCache over HTTP; (round trip in ms, outcome)."""
    body = json.dumps({"query": SEND_CALL, "variables": {"s": station}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=body,
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json"},
    )
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    elapsed = (time.perf_counter() - began) * 1000.0
    if answer.get("errors"):
        return elapsed, "GRAPHQL_ERROR: " + str(answer["errors"])[:200]
    outcome: str = answer["data"]["sendCall"]["outcome"]
    return elapsed, outcome


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return round(ordered[int(rank) - 1], 2)


def operator_commands(port: int, stations: int, calls: int) -> dict[str, Any]:
    """`calls` sendCall ClearCache mutations, one at a time, to random stations."""
    rng = random.Random(7)
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    began = time.monotonic()
    for _ in range(calls):
        # the simulator pads ids to the width of the largest index (SIM-00001 at 10,000)
        station = f"SIM-{rng.randint(1, stations):0{max(4, len(str(stations)))}d}"
        try:
            elapsed, outcome = graphql_call(port, station)
        except OSError as exc:
            elapsed, outcome = float("nan"), f"HTTP: {exc}"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome == "RESULT":
            latencies.append(elapsed)
    return {
        "calls": calls,
        "outcomes": outcomes,
        "errors": calls - outcomes.get("RESULT", 0),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": round(max(latencies), 2) if latencies else None,
        "wall_s": round(time.monotonic() - began, 2),
    }


def split_errors(report: dict[str, Any]) -> dict[str, Any]:
    """Errors from the simulator's report, NotSupported/NotImplemented CALLERRORs apart."""
    unsupported: dict[str, int] = {}
    for name, action in report["actions"].items():
        count = sum(n for code, n in action["call_errors"].items() if code in UNSUPPORTED)
        if count:
            unsupported[name] = count
    total = report["totals"]["errors"]
    return {
        "errors": total - sum(unsupported.values()),
        "not_supported": unsupported,
        "connection_failures": report["connections"]["failures"],
    }


def steady_row(
    spec: Spec, server: Server, port: int, workdir: Path, idle_rss: int
) -> dict[str, Any]:
    """The steady fleet; the operator commands run in its measured window."""
    url = f"ws://127.0.0.1:{port}/ocpp"
    out = workdir / "steady.json"
    log = workdir / "sim-steady.log"
    sim = Server("csms-sim steady", sim_argv(url, spec, "steady", out), log, cwd=ROOT)
    warm = spec.ramp + spec.settle
    time.sleep(warm)
    sim.check_alive()
    server.check_alive()
    progress = sim_progress(log)
    rss = server.rss_kib()
    pauses_before = node_metrics.pauses_at(port)
    cpu_before, window_began = server.cpu_seconds(), time.monotonic()
    operator = operator_commands(port, spec.stations, spec.operator_calls)
    code = wait_sim(sim, spec.seconds + 120)
    window = time.monotonic() - window_began
    pauses_after = node_metrics.pauses_at(port)
    server_cpu = 100.0 * (server.cpu_seconds() - cpu_before) / window
    report: dict[str, Any] = json.loads(out.read_text())
    connected = progress.get("connected", 0)
    timeline: list[int] = report["per_second"]
    measured = timeline[int(warm) : int(warm + spec.seconds)]
    return {
        "sim_exit_code": code,
        "connected_at_sample": progress,
        "max_connected": report["connections"]["max_connected"],
        "msgs_per_s_window": round(sum(measured) / len(measured), 1) if measured else None,
        "msgs_per_s_whole_run": round(sum(timeline) / max(1, len(timeline)), 1),
        "latency_ms": {name: action["latency_ms"] for name, action in report["actions"].items()},
        "steady_latency_ms": {
            name: action["steady_latency_ms"]
            for name, action in report["actions"].items()
            if action.get("steady_latency_ms") and action["steady_latency_ms"]["count"]
        },
        "answered": {name: action["answered"] for name, action in report["actions"].items()},
        **split_errors(report),
        "server_rss_kib_idle": idle_rss,
        "server_rss_kib_with_fleet": rss,
        "kib_per_station": round((rss["VmRSS"] - idle_rss) / connected, 2) if connected else None,
        "server_cpu_percent_window": round(server_cpu, 1),
        "node_gc_pauses_window": node_metrics.pauses_between(pauses_before, pauses_after),
        "simulator_cpu_percent": report["simulator_cpu_percent"],
        "operator": operator,
        "sim_report": report,
    }


def storm_row(spec: Spec, server: Server, port: int, workdir: Path) -> dict[str, Any]:
    """All stations booted, cut at once, reconnected and booted at once."""
    url = f"ws://127.0.0.1:{port}/ocpp"
    out = workdir / "storm.json"
    argv = sim_argv(url, spec, "reconnect-storm", out)
    sim = Server("csms-sim storm", argv, workdir / "sim-storm.log", cwd=ROOT)
    code = wait_sim(sim, spec.ramp + 900)
    server.check_alive()
    report: dict[str, Any] = json.loads(out.read_text())
    result = report["scenario_result"] or {}
    return {
        "sim_exit_code": code,
        "time_to_all_accepted_s": result.get("time_to_all_accepted_s"),
        "accepted_again": result.get("accepted_again"),
        "time_to_accepted_ms": result.get("time_to_accepted_ms"),
        **split_errors(report),
        "simulator_cpu_percent": report["simulator_cpu_percent"],
        "server_rss_kib": server.rss_kib(),
        "sim_report": report,
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def table(results: dict[str, Any]) -> str:
    """The human summary."""
    lines = []
    steady = results.get("steady")
    if steady:
        lat = steady["latency_ms"]
        p99 = ", ".join(f"{name} {_ms(v['p99'])}" for name, v in sorted(lat.items()))
        lines += [
            f"steady fleet: {steady['max_connected']} connected (at sample: "
            f"{steady['connected_at_sample']})",
            f"  msgs/s in window {steady['msgs_per_s_window']}, p99 ms per action (whole run, "
            f"ramp included): {p99}",
            "  p99 ms per action in the window (CALLs sent after ramp + settle): "
            + ", ".join(
                f"{name} {_ms(v['p99'])} (n={v['count']})"
                for name, v in sorted(steady.get("steady_latency_ms", {}).items())
            ),
            f"  errors {steady['errors']}, NotSupported {steady['not_supported']}, "
            f"conn failures {steady['connection_failures']}",
            f"  server RSS idle {steady['server_rss_kib_idle']} KiB, with fleet "
            f"{steady['server_rss_kib_with_fleet']['VmRSS']} KiB -> "
            f"{steady['kib_per_station']} KiB/station",
            f"  server CPU {steady['server_cpu_percent_window']} %, simulator CPU "
            f"{steady['simulator_cpu_percent']} %",
            "  node garbage collections in the window: "
            + node_metrics.describe(steady.get("node_gc_pauses_window") or {}),
        ]
        op = steady["operator"]
        lines.append(
            f"operator commands ({op['calls']} sendCall ClearCache, PostgreSQL node, fleet "
            f"connected): p50 {_ms(op['p50_ms'])} ms, p99 {_ms(op['p99_ms'])} ms, max "
            f"{_ms(op['max_ms'])} ms, outcomes {op['outcomes']}"
        )
    pauses = results.get("node_gc_pauses_whole_run")
    if pauses is not None:
        lines.append(
            "node garbage collections over the whole run (ramp and storm included): "
            + node_metrics.describe(pauses)
        )
    storm = results.get("storm")
    if storm:
        lines.append(
            f"reconnect storm: all accepted after {storm['time_to_all_accepted_s']} s "
            f"({storm['accepted_again']} accepted), errors {storm['errors']}, NotSupported "
            f"{storm['not_supported']}, simulator CPU {storm['simulator_cpu_percent']} %"
        )
    return "\n".join(lines)


def run(spec: Spec, workdir: Path) -> dict[str, Any]:
    """Create the database, migrate, start the node, run the rows, drop the database."""
    with fresh_database("csms_bench") as db:
        results: dict[str, Any] = {"database": db}
        port = free_port()
        env = csms_env(db, port, spec.heartbeat_interval)
        with csms_node(env, workdir / "csms.log") as server:
            time.sleep(2.0)
            idle = server.rss_kib()["VmRSS"]
            results["id_tokens"] = import_tokens(port, spec.stations)
            print(f"id tokens: {results['id_tokens']}", flush=True)
            rows: list[tuple[str, Callable[[], dict[str, Any]]]] = []
            if spec.steady:
                rows.append(("steady", lambda: steady_row(spec, server, port, workdir, idle)))
            if spec.storm:
                rows.append(("storm", lambda: storm_row(spec, server, port, workdir)))
            for name, row in rows:
                print(f"running {name} ({spec.stations} stations) ...", flush=True)
                try:
                    results[name] = row()
                except (RuntimeError, TimeoutError, OSError, ValueError) as exc:
                    results[name] = None
                    results[f"{name}_failure"] = str(exc)[-3000:]
                    print(f"{name} failed: {str(exc)[-1500:]}", flush=True)
            results["server_rss_kib_end"] = server.rss_kib()
            results["node_gc_pauses_whole_run"] = node_metrics.pauses_between(
                {}, node_metrics.pauses_at(port)
            )
            results["server_log_tail"] = server.log_tail(40)
            results["server_exit_code"] = server.stop(grace_s=60)
    return results


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, help="default 10000 (--quick: 1000)")
    parser.add_argument("--seconds", type=float, help="measured seconds (default 60, quick 20)")
    parser.add_argument("--quick", action="store_true", help="1,000 stations, short ramp")
    parser.add_argument("--ramp", type=float, help="ramp seconds (default 60, quick 10)")
    parser.add_argument("--settle", type=float, default=15.0, help="seconds after the ramp")
    parser.add_argument("--heartbeat-interval", type=int, default=60)
    parser.add_argument("--operator-calls", type=int, help="default 200 (quick 50)")
    parser.add_argument("--no-storm", action="store_true", help="skip the reconnect storm")
    parser.add_argument("--storm-only", action="store_true", help="skip the steady fleet row")
    parser.add_argument(
        "--session-spread",
        type=float,
        default=0.0,
        help="charging stations start their first session at a random moment within this "
        "many seconds of their boot (default 0: right after it)",
    )
    args = parser.parse_args(argv)
    quick = bool(args.quick)
    spec = Spec(
        stations=args.stations or (1000 if quick else 10_000),
        seconds=args.seconds or (20.0 if quick else 60.0),
        ramp=args.ramp if args.ramp is not None else (10.0 if quick else 60.0),
        settle=args.settle,
        heartbeat_interval=args.heartbeat_interval,
        meter_interval=10.0,
        charging_fraction=0.2,
        operator_calls=args.operator_calls or (50 if quick else 200),
        storm=not args.no_storm,
        steady=not args.storm_only,
        session_spread=args.session_spread,
    )
    install_cleanup()
    nofile = raise_nofile()
    ports = port_range()
    limits: dict[str, Any] = {"nofile": nofile, "ip_local_port_range": ports}
    limits.update(raise_listen_queue(spec.stations))
    # Each station holds one fd in the simulator and one in the server (plus a few spare).
    if nofile[0] < spec.stations + 200:
        sys.exit(f"open-file limit {nofile} is below {spec.stations} stations")
    if ports[1] - ports[0] < spec.stations + 1000:
        sys.exit(f"ip_local_port_range {ports} has too few ports for {spec.stations} stations")
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="csms-fleet-") as tmp:
        results = run(spec, Path(tmp))
    print(table(results))
    write_run("fleet", started, argv, spec=asdict(spec), limits=limits, results=results)


if __name__ == "__main__":
    run_main(main)
