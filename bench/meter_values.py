"""Meter values stored per second on PostgreSQL, with and without group commit.

For each group-commit window (default 0 = off, then 2 ms) a fresh PostgreSQL database is
created and migrated, a CSMS node is started on it with `CSMS_GROUP_COMMIT_WINDOW_MS=<w>`, and
`bench.meter_load` drives N stations, each with one running transaction, flooding MeterValues
(or TransactionEvent Updated) in a closed loop. Reports stored samples/s (rows of meter_sample
over the window), reply p50/p99 and the ratios window/off; prints a table and writes
bench/results/meter-values-<UTC timestamp>.json.
Run: `python -m bench.meter_values --stations 100 --seconds 20` or `... --quick`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.fleet import csms_env
from bench.meter_load import KINDS
from bench.node import (
    add_what_if_option,
    apply_what_ifs,
    csms_node,
    fresh_database,
    postgres_url,
    psql,
)
from bench.output import write_run
from bench.procs import free_port, install_cleanup, run_capture, run_main


def postgres_cpu_seconds() -> float:
    """User + system CPU seconds of every live `postgres` process (server and backends)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, _, rest = text.partition(" (")[2].partition(")")
        if name == "postgres":
            fields = rest.split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def load_argv(url: str, dsn: str, args: argparse.Namespace) -> list[str]:
    """The bench.meter_load command line."""
    argv = [sys.executable, "-m", "bench.meter_load", "--url", url, "--count-dsn", dsn]
    argv += ["--stations", str(args.stations), "--seconds", str(args.seconds)]
    argv += ["--warmup", str(args.warmup), "--samples", str(args.samples), "--kind", args.kind]
    return argv


def one_window(window_ms: float, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """A fresh database and node with this group-commit window, under the meter-value load."""
    with fresh_database("csms_bench_mv") as db:
        dsn = postgres_url(db)
        port = free_port()
        env = csms_env(db, port, heartbeat_interval=300)
        env["CSMS_GROUP_COMMIT_WINDOW_MS"] = f"{window_ms:g}"
        env["CSMS_MESSAGE_LOG_ENABLED"] = "true" if args.message_log else "false"
        apply_what_ifs(env, args.csms_env, "{db}", db)
        with csms_node(env, workdir / f"csms-{window_ms:g}ms.log") as server:
            cpu_before, began = server.cpu_seconds(), time.monotonic()
            pg_before, busy_before = postgres_cpu_seconds(), machine_busy_jiffies()
            url = f"ws://127.0.0.1:{port}/ocpp"
            limit = args.seconds + args.warmup + 300
            report: dict[str, Any] = json.loads(run_capture(load_argv(url, dsn, args), limit))
            wall = time.monotonic() - began
            server.check_alive()
            busy_after = machine_busy_jiffies()
            report["server_cpu_percent"] = 100.0 * (server.cpu_seconds() - cpu_before) / wall
            report["postgres_cpu_percent"] = 100.0 * (postgres_cpu_seconds() - pg_before) / wall
            report["machine_busy_percent"] = (
                100.0 * (busy_after[0] - busy_before[0]) / (busy_after[1] - busy_before[1])
            )
            report["server_rss_kib"] = server.rss_kib()
            report["server_log_tail"] = server.log_tail(20)
            report["server_exit_code"] = server.stop()
        report["total_meter_sample_rows"] = int(psql("SELECT count(*) FROM meter_sample", db))
        report["group_commit_window_ms"] = window_ms
    return report


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, float] | None:
    """Group commit on ÷ off for stored samples/s, p50 and p99 (None without both rows)."""
    off = results.get("0")
    on = next((r for w, r in results.items() if w != "0"), None)
    if off is None or on is None:
        return None
    lat_on, lat_off = on["latency_ms"], off["latency_ms"]
    return {
        "stored_samples_per_s": on["stored_samples_per_s"] / off["stored_samples_per_s"],
        "p50": lat_on["p50"] / lat_off["p50"],
        "p99": lat_on["p99"] / lat_off["p99"],
    }


def table(results: dict[str, dict[str, Any]], ratio: dict[str, float] | None) -> str:
    """The human summary: one row per window, then the ratios."""
    head = ["window", "msgs/s", "samples/s", "acked/s", "p50ms", "p95ms", "p99ms", "maxms"]
    head += ["errors", "srvCPU%", "pgCPU%", "genCPU%", "busy%"]
    rows = ["".join(f"{h:>11}" for h in head)]
    for window, r in results.items():
        lat = r["latency_ms"]
        cells = [f"{window} ms", f"{r['msgs_per_s']:.0f}", f"{r['stored_samples_per_s']:.0f}"]
        cells += [f"{r['acknowledged_samples_per_s']:.0f}"]
        cells += [f"{lat[q]:.2f}" for q in ("p50", "p95", "p99", "max")]
        cells += [str(r["errors"]), f"{r['server_cpu_percent']:.0f}"]
        cells += [f"{r['postgres_cpu_percent']:.0f}", f"{r['loadgen_cpu_percent']:.0f}"]
        cells += [f"{r['machine_busy_percent']:.0f}"]
        rows.append("".join(f"{c:>11}" for c in cells))
    if ratio:
        rows.append(
            f"group commit on / off: stored samples/s x{ratio['stored_samples_per_s']:.2f}, "
            f"p50 x{ratio['p50']:.2f}, p99 x{ratio['p99']:.2f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run every window, print the table, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, help="default 100 (quick 50)")
    parser.add_argument("--seconds", type=float, help="measured seconds (default 20, quick 5)")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--samples", type=int, default=4, help="sampled values per message")
    parser.add_argument("--kind", choices=KINDS, default="meter-values")
    parser.add_argument("--windows", default="0,2", help="group-commit windows in ms")
    parser.add_argument("--no-message-log", dest="message_log", action="store_false")
    parser.add_argument("--quick", action="store_true", help="50 stations, 5 s per window")
    add_what_if_option(parser, "{db} = the run's database name")
    args = parser.parse_args(argv)
    args.stations = args.stations or (50 if args.quick else 100)
    args.seconds = args.seconds or (5.0 if args.quick else 20.0)
    windows = [float(w) for w in args.windows.split(",") if w]
    install_cleanup()
    started = datetime.now(UTC)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="csms-meter-") as tmp:
        for window_ms in windows:
            print(f"group commit window {window_ms:g} ms: {args.stations} stations ...", flush=True)
            results[f"{window_ms:g}"] = one_window(window_ms, args, Path(tmp))
    ratio = ratios(results)
    print(table(results, ratio))
    write_run(
        "meter_values", started, argv, options=vars(args), results=results, ratio_on_over_off=ratio
    )


if __name__ == "__main__":
    run_main(main)
