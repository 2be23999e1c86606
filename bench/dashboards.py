"""Live GraphQL dashboards during the steady fleet: events/s delivered, station p99 with/without.

Two runs of the same steady fleet (bench.fleet's csms-sim `steady` scenario, each on a fresh
PostgreSQL database and a fresh node): first without subscribers, then with S single-station
dashboards (default 100, spread over the charging stations) and F whole-fleet dashboards
(default 10), each on its own graphql-transport-ws socket (bench.dashboard_watch). When the
measured window opens, a second csms-sim of 50 charging "probe" stations starts: its latency is
the window's alone (the fleet's own percentiles include the boot ramp). Reports the events/s
delivered to subscribers in the window, their delivery delay, and the p99 per action with
subscribers ÷ without, for the probes and for the fleet. Prints a table and writes
bench/results/dashboards-<UTC timestamp>.json.
Run: `python -m bench.dashboards` (1,000 stations) or `python -m bench.dashboards --stations 10000`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import node_metrics
from bench.fleet import (
    ADMIN_TOKEN,
    Spec,
    csms_env,
    import_tokens,
    percentile,
    raise_nofile,
    sim_argv,
    split_errors,
    wait_sim,
)
from bench.node import csms_node, fresh_database
from bench.output import write_run
from bench.procs import Server, free_port, install_cleanup, run_main
from bench.sim.config import SimConfig

ROOT = Path(__file__).resolve().parents[1]


def watched_stations(spec: Spec, count: int) -> list[str]:
    """`count` station ids spread evenly over the charging stations (csms-sim's own rule)."""
    config = SimConfig(
        url="ws://unused", stations=spec.stations, charging_fraction=spec.charging_fraction
    )
    charging = [config.station_id(i) for i in range(spec.stations) if config.charges(i)]
    if count == 0 or not charging:
        return []
    step = max(1, len(charging) // count)
    return charging[::step][:count]


def probe_argv(url: str, args: argparse.Namespace, out: Path) -> list[str]:
    """A second csms-sim started when the measured window opens: its latency is the window's.

    Its stations all charge (TransactionEvent Updated every `--probe-interval` s); their
    tokens are the fleet's first ones, so the node allows concurrent transactions per token.
    """
    sim = Path(sys.executable).with_name("csms-sim")
    argv = [str(sim), "--url", url, "--stations", str(args.probes), "--id-prefix", "PROBE-"]
    argv += ["--scenario", "steady", "--charging-fraction", "1", "--ramp-seconds", "5"]
    argv += ["--meter-interval", str(args.probe_interval), "--duration", str(args.seconds)]
    argv += ["--json", str(out)]
    return argv


def latency_of(report: dict[str, Any]) -> dict[str, Any]:
    """Per action latency (ms) of a csms-sim report."""
    return {name: action["latency_ms"] for name, action in report["actions"].items()}


def steady_latency_of(report: dict[str, Any]) -> dict[str, Any]:
    """Per action latency (ms) of the CALLs sent in the measured window (--measure-after)."""
    return {
        name: action["steady_latency_ms"]
        for name, action in report["actions"].items()
        if (action.get("steady_latency_ms") or {}).get("count")
    }


def start_watchers(
    port: int, workdir: Path, stations: list[str], fleet: int, operation: str
) -> tuple[Server, Path]:
    """The dashboards' process; returns once every subscription is acknowledged."""
    out = workdir / "watch.json"
    argv = [sys.executable, "-m", "bench.dashboard_watch"]
    argv += ["--url", f"http://127.0.0.1:{port}/graphql", "--token", ADMIN_TOKEN]
    argv += ["--stations", ",".join(stations), "--fleet", str(fleet), "--operation", operation]
    argv += ["--out", str(out)]
    watcher = Server("dashboards", argv, workdir / "watch.log", cwd=ROOT)
    deadline = time.monotonic() + 60
    while "subscribed" not in watcher.log_path.read_text(errors="replace"):
        watcher.check_alive()
        if time.monotonic() > deadline:
            raise TimeoutError(f"dashboards not subscribed after 60 s:\n{watcher.log_tail()}")
        time.sleep(0.1)
    return watcher, out


def delivered(watch: dict[str, Any], began: float, ended: float) -> dict[str, Any]:
    """Events/s the dashboards received in [began, ended) (epoch seconds), and delays."""
    seconds = [int(s) for s in watch["per_second"]]
    inside = [watch["per_second"][str(s)] for s in seconds if began <= s < int(ended)]
    span = max(1, int(ended) - int(began + 0.999))
    delays: list[float] = watch["delays_ms"]
    return {
        "events_per_s_window": round(sum(inside) / span, 1),
        "events_total": len(delays),
        "events_single": watch["events_single"],
        "events_fleet": watch["events_fleet"],
        "missed": watch["missed"],
        "delay_ms": {"p50": percentile(delays, 50), "p99": percentile(delays, 99)},
        "subscriptions": watch["subscriptions"],
        "acked": watch["acked"],
        "errors": watch["errors"],
        "failures": watch["failures"],
        "watcher_cpu_percent": round(watch["watcher_cpu_percent"], 1),
    }


def one_run(spec: Spec, args: argparse.Namespace, workdir: Path, watched: bool) -> dict[str, Any]:
    """A fresh database and node, the steady fleet, and (if `watched`) the dashboards."""
    with fresh_database("csms_bench_dash") as db:
        port = free_port()
        env = csms_env(db, port, spec.heartbeat_interval)
        env["CSMS_ALLOW_CONCURRENT_TX"] = "true"  # the probes reuse the fleet's first tokens
        log = workdir / f"csms-{'with' if watched else 'without'}.log"
        with csms_node(env, log) as server:
            tokens = import_tokens(port, spec.stations)
            watcher, watch_out = None, None
            if watched:
                stations = watched_stations(spec, args.single)
                watcher, watch_out = start_watchers(
                    port, workdir, stations, args.fleet, args.operation
                )
            out = workdir / f"sim-{'with' if watched else 'without'}.json"
            url = f"ws://127.0.0.1:{port}/ocpp"
            sim_log = workdir / f"sim-{'with' if watched else 'without'}.log"
            sim = Server("csms-sim", sim_argv(url, spec, "steady", out), sim_log, cwd=ROOT)
            time.sleep(spec.ramp + spec.settle)
            sim.check_alive()
            pauses_before = node_metrics.pauses_at(port)
            cpu_before, began, wall_began = server.cpu_seconds(), time.monotonic(), time.time()
            probe_out = workdir / f"probe-{'with' if watched else 'without'}.json"
            probe_log = workdir / f"probe-{'with' if watched else 'without'}.log"
            probe = Server("probe", probe_argv(url, args, probe_out), probe_log, cwd=ROOT)
            code = wait_sim(sim, spec.seconds + 120)
            probe_code = wait_sim(probe, 120)
            window, wall_ended = time.monotonic() - began, time.time()
            pauses_after = node_metrics.pauses_at(port)
            server_cpu = 100.0 * (server.cpu_seconds() - cpu_before) / window
            row: dict[str, Any] = {"id_tokens": tokens, "sim_exit_code": code}
            row["probe_exit_code"] = probe_code
            if watcher is not None and watch_out is not None:
                watcher.stop(grace_s=30)
                watch = json.loads(watch_out.read_text())
                row["dashboards"] = delivered(watch, wall_began, wall_ended)
            server.check_alive()
            row["server_cpu_percent_window"] = round(server_cpu, 1)
            row["node_gc_pauses_window"] = node_metrics.pauses_between(pauses_before, pauses_after)
            row["server_rss_kib"] = server.rss_kib()
            row["server_exit_code"] = server.stop(grace_s=60)
        report: dict[str, Any] = json.loads(out.read_text())
        probe_report: dict[str, Any] = json.loads(probe_out.read_text())
        row["probe_latency_ms"] = latency_of(probe_report)
        row["probe_errors"] = split_errors(probe_report)
        row["latency_ms"] = latency_of(report)
        row["steady_latency_ms"] = steady_latency_of(report)
        row["answered"] = {name: a["answered"] for name, a in report["actions"].items()}
        row["max_connected"] = report["connections"]["max_connected"]
        row["simulator_cpu_percent"] = report["simulator_cpu_percent"]
        row.update(split_errors(report))
    return row


def p99_ratios(
    without: dict[str, Any], with_: dict[str, Any], key: str = "latency_ms"
) -> dict[str, float]:
    """Per action: station p99 with dashboards ÷ without."""
    ratios: dict[str, float] = {}
    for action, latency in with_[key].items():
        base = without[key].get(action, {}).get("p99")
        if base and latency.get("p99") is not None:
            ratios[action] = round(latency["p99"] / base, 2)
    return ratios


def table(results: dict[str, Any]) -> str:
    """The human summary."""
    lines = []
    for name in ("without", "with"):
        row = results.get(name)
        if not row:
            continue
        p99 = ", ".join(f"{a} {v['p99']:.1f}" for a, v in sorted(row["latency_ms"].items()))
        probe = ", ".join(f"{a} {v['p99']:.1f}" for a, v in sorted(row["probe_latency_ms"].items()))
        lines.append(
            f"{name} dashboards: {row['max_connected']} connected, errors {row['errors']}, "
            f"server CPU {row['server_cpu_percent_window']} % in the window"
        )
        lines.append(f"  fleet p99 ms (whole run, ramp included): {p99}")
        lines.append(f"  probe p99 ms (measured window only): {probe}")
        pauses = node_metrics.describe(row.get("node_gc_pauses_window") or {})
        lines.append(f"  node garbage collections in the window: {pauses}")
        dash = row.get("dashboards")
        if dash:
            lines.append(
                f"  dashboards: {dash['acked']}/{dash['subscriptions']} subscribed, "
                f"{dash['events_per_s_window']} events/s delivered in the window "
                f"({dash['events_single']} to single-station, {dash['events_fleet']} to fleet "
                f"subscribers in all), delay p50 {dash['delay_ms']['p50']} ms p99 "
                f"{dash['delay_ms']['p99']} ms, missed {dash['missed']}, "
                f"watcher CPU {dash['watcher_cpu_percent']} %"
            )
    if "p99_ratio" in results:
        lines.append(f"probe p99 with / without dashboards: {results['probe_p99_ratio']}")
        lines.append(f"fleet p99 with / without dashboards: {results['p99_ratio']}")
        lines.append(
            f"fleet p99 in the window with / without dashboards: {results.get('steady_p99_ratio')}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured seconds")
    parser.add_argument("--ramp", type=float, help="ramp seconds (default stations/100)")
    parser.add_argument("--settle", type=float, default=10.0)
    parser.add_argument("--single", type=int, default=100, help="single-station dashboards")
    parser.add_argument("--fleet", type=int, default=10, help="whole-fleet dashboards")
    parser.add_argument("--operation", default="stationEvents")
    parser.add_argument("--probes", type=int, default=50, help="probe stations in the window")
    parser.add_argument("--probe-interval", type=float, default=5.0, help="their meter interval")
    parser.add_argument("--only-with", action="store_true", help="skip the run without")
    args = parser.parse_args(argv)
    spec = Spec(
        stations=args.stations,
        seconds=args.seconds,
        ramp=args.ramp if args.ramp is not None else max(10.0, args.stations / 100),
        settle=args.settle,
        heartbeat_interval=60,
        meter_interval=10.0,
        charging_fraction=0.2,
        operator_calls=0,
        storm=False,
    )
    install_cleanup()
    nofile = raise_nofile()
    if nofile[0] < spec.stations + 500:
        sys.exit(f"open-file limit {nofile} is below {spec.stations} stations")
    started = datetime.now(UTC)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="csms-dash-") as tmp:
        runs = [True] if args.only_with else [False, True]
        for watched in runs:
            name = "with" if watched else "without"
            print(f"steady fleet of {spec.stations}, {name} dashboards ...", flush=True)
            results[name] = one_run(spec, args, Path(tmp), watched)
    if "without" in results:
        results["p99_ratio"] = p99_ratios(results["without"], results["with"])
        results["probe_p99_ratio"] = p99_ratios(
            results["without"], results["with"], "probe_latency_ms"
        )
        results["steady_p99_ratio"] = p99_ratios(
            results["without"], results["with"], "steady_latency_ms"
        )
    print(table(results))
    write_run("dashboards", started, argv, spec=asdict(spec), options=vars(args), results=results)


if __name__ == "__main__":
    run_main(main)
