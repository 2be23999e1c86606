"""Heartbeats per second through the full CSMS path, against a bare aiohttp websocket echo.

Runs the same load (bench.load) first against bench.echo_server, then against a fresh CSMS
node on embedded defaults (SQLite file, in-process bus, memory cache, message log on),
prints a table and writes bench/results/heartbeat-<UTC timestamp>.json. With `--rounds N`
both targets are measured N times, alternating, and the round with the median ratio is shown.
Run: `python -m bench.heartbeat --seconds 10 --rounds 5 --connections 50`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from bench import node_metrics
from bench.heartbeat_rounds import median_round, ratio_of, spread
from bench.node import add_what_if_option, apply_what_ifs, csms_node, node_env
from bench.output import write_run
from bench.procs import Server, free_port, install_cleanup, run_capture, run_main
from bench.report import table

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("echo", "csms")


@dataclass(frozen=True, slots=True)
class LoadSpec:
    """The load every target gets."""

    connections: int
    seconds: float
    warmup: float
    timeout: float


def _load(url: str, spec: LoadSpec) -> dict[str, Any]:
    argv = [sys.executable, "-m", "bench.load", "--url", url]
    argv += ["--connections", str(spec.connections), "--seconds", str(spec.seconds)]
    argv += ["--warmup", str(spec.warmup), "--timeout", str(spec.timeout)]
    report: dict[str, Any] = json.loads(run_capture(argv, spec.seconds + spec.warmup + 180))
    return report


def measure(server: Server, url: str, spec: LoadSpec) -> dict[str, Any]:
    """Run the load against a ready server; add its CPU use and resident memory."""
    cpu_before, began = server.cpu_seconds(), time.monotonic()
    report = _load(url, spec)
    wall = time.monotonic() - began
    server.check_alive()
    report["server_cpu_percent"] = 100.0 * (server.cpu_seconds() - cpu_before) / wall
    report["server_rss_kib"] = server.rss_kib()
    return report


def bench_echo(spec: LoadSpec, workdir: Path) -> dict[str, Any]:
    """The baseline: bench.echo_server in its own process."""
    port = free_port()
    argv = [sys.executable, "-m", "bench.echo_server", "--port", str(port)]
    with Server("echo server", argv, workdir / "echo.log", cwd=ROOT) as server:
        server.wait_for_port(port)
        return measure(server, f"ws://127.0.0.1:{port}/ocpp", spec)


def csms_env(workdir: Path, port: int, overrides: list[str]) -> dict[str, str]:
    """The environment of a CSMS node on embedded defaults, with a fresh SQLite file.

    `overrides` are KEY=VALUE strings applied last (what-if runs); `{tmp}` in a value is
    replaced by the run's temporary directory.
    """
    env = node_env(f"sqlite://{workdir}/bench.sqlite3", port)
    apply_what_ifs(env, overrides, "{tmp}", str(workdir))
    return env


def _database_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        logged = db.execute("SELECT count(*) FROM ocpp_message").fetchone()[0]
        seen = db.execute("SELECT count(*) FROM station WHERE last_seen_at IS NOT NULL").fetchone()
    return {"message_log_rows": int(logged), "stations_seen": int(seen[0])}


def bench_csms(spec: LoadSpec, workdir: Path, overrides: list[str]) -> dict[str, Any]:
    """The full path: `python -m app migrate`, then `python -m app run` under load."""
    port = free_port()
    env = csms_env(workdir, port, overrides)
    with csms_node(env, workdir / "csms.log", 120) as server:
        report = measure(server, f"ws://127.0.0.1:{port}/ocpp", spec)
        report.update(node_metrics.message_log_state(node_metrics.scrape(port)))
        report["server_exit_code"] = server.stop()
    db_path = env["CSMS_DATABASE_URL"].removeprefix("sqlite://").partition("?")[0]
    if env["CSMS_DATABASE_URL"].startswith("sqlite://") and Path(db_path).exists():
        report.update(_database_counts(Path(db_path)))
    return report


def main(argv: list[str] | None = None) -> None:
    """Entry point: benchmark the targets, print the table, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per target")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds first")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-request timeout (s)")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated subset")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure the targets this many times, alternating"
    )
    add_what_if_option(parser, "{tmp} = the run's temp dir")
    args = parser.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    if not targets or set(targets) - set(TARGETS):
        parser.error(f"--targets must name some of {TARGETS}")
    if any("=" not in item for item in args.csms_env):
        parser.error("--csms-env takes KEY=VALUE")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    install_cleanup()
    spec = LoadSpec(args.connections, args.seconds, args.warmup, args.timeout)
    started = datetime.now(UTC)
    runners: dict[str, Callable[[LoadSpec, Path], dict[str, Any]]] = {
        "echo": bench_echo,
        "csms": partial(bench_csms, overrides=args.csms_env),
    }
    rounds: list[dict[str, dict[str, Any]]] = []
    for number in range(1, args.rounds + 1):
        results: dict[str, dict[str, Any]] = {}
        with tempfile.TemporaryDirectory(prefix="csms-bench-") as tmp:
            for target in targets:
                print(
                    f"round {number}/{args.rounds}: {target} for {spec.warmup}+{spec.seconds}s",
                    flush=True,
                )
                results[target] = runners[target](spec, Path(tmp))
        rounds.append(results)
    median = median_round(rounds)
    results = rounds[median]
    ratio = ratio_of(results)
    ratios = spread(rounds)
    if args.rounds > 1:
        shown = ", ".join("n/a" if r is None else f"{r:.3f}" for r in ratios["ratios"])
        print(f"ratio per round: {shown}; the table shows round {median + 1}, the median")
    print(table(results, ratio))
    if "log_queue_depth_at_end" in results.get("csms", {}):
        csms = results["csms"]
        print(
            f"message log when the load stopped: {csms['log_written_at_end']} written, "
            f"{csms['log_queue_depth_at_end']} queued, {csms['log_dropped_at_end']} dropped"
        )
    write_run(
        "heartbeat",
        started,
        argv,
        load=asdict(spec),
        csms_env_overrides=args.csms_env,
        results=results,
        ratio_csms_over_echo=ratio,
        median_round=median + 1,
        rounds=rounds,
        ratio_spread=ratios,
    )


if __name__ == "__main__":
    run_main(main)
