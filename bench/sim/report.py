"""The run's report: a JSON-ready dict, the human table printed at the end, the progress line."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from bench.sim.config import SimConfig
from bench.sim.stats import ActionStats, FleetStats, LatencyRecorder

MS = 1000.0


def _number(value: float, scale: float = 1.0, digits: int = 3) -> float | None:
    return None if math.isnan(value) else round(value * scale, digits)


def latency_json(recorder: LatencyRecorder, scale: float = MS) -> dict[str, Any]:
    """A recorder's summary (milliseconds by default); None where nothing was recorded."""
    summary = recorder.summary()
    return {
        "count": summary.count,
        "p50": _number(summary.percentiles[50.0], scale),
        "p95": _number(summary.percentiles[95.0], scale),
        "p99": _number(summary.percentiles[99.0], scale),
        "max": _number(summary.maximum, scale),
        "min": _number(summary.minimum, scale),
        "mean": _number(summary.mean, scale),
        "exact": summary.exact,
        "samples_kept": summary.kept,
    }


def action_json(stats: ActionStats, window_s: float) -> dict[str, Any]:
    """One station-sent action: counts, msgs/s over the window, latency (ms)."""
    return {
        "sent": stats.sent,
        "answered": stats.answered,
        "results": stats.results,
        "call_errors": dict(sorted(stats.call_errors.items())),
        "timeouts": stats.timeouts,
        "aborted": stats.aborted,
        "invalid_responses": stats.invalid_responses,
        "msgs_per_s": round(stats.answered / window_s, 3) if window_s > 0 else None,
        "latency_ms": latency_json(stats.latency),
        "steady_latency_ms": (
            None if stats.steady_latency is None else latency_json(stats.steady_latency)
        ),
    }


def build(
    config: SimConfig,
    stats: FleetStats,
    *,
    window_s: float,
    wall_s: float,
    cpu_s: float,
    max_connected: int,
    connected_at_end: int,
    per_second: list[int],
    scenario: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole report as plain JSON-ready data."""
    parameters = dataclasses.asdict(config)
    if parameters.get("password"):
        parameters["password"] = "***"
    connections = stats.connections
    return {
        "scenario": config.scenario,
        "url": config.url,
        "stations": config.stations,
        "parameters": parameters,
        "wall_s": round(wall_s, 3),
        "window_s": round(window_s, 3),
        "simulator_cpu_percent": round(100.0 * cpu_s / wall_s, 1) if wall_s > 0 else None,
        "actions": {
            name: action_json(action, window_s) for name, action in sorted(stats.actions.items())
        },
        "csms_calls": {
            name: {
                "received": calls.received,
                "results": calls.results,
                "call_errors": dict(sorted(calls.call_errors.items())),
            }
            for name, calls in sorted(stats.csms_calls.items())
        },
        "boot_statuses": dict(sorted(stats.boot_statuses.items())),
        "connections": {
            "attempts": connections.attempts,
            "opened": connections.opened,
            "failures": dict(sorted(connections.failures.items())),
            "lost": connections.lost,
            "dropped_by_scenario": connections.dropped,
            "calls_in_flight_at_drop": connections.in_flight_at_drop,
            "subprotocol_mismatch": connections.subprotocol_mismatch,
            "max_connected": max_connected,
            "connected_at_end": connected_at_end,
        },
        "totals": {
            "sent": stats.sent_total,
            "answered": stats.answered_total,
            "call_errors": stats.call_errors_total,
            "timeouts": stats.timeouts_total,
            "errors": stats.errors_total,
        },
        "unexpected_frames": stats.unexpected_frames,
        "schema_violations": dataclasses.asdict(stats.schema_violations),
        "crashes": dataclasses.asdict(stats.crashes),
        "scenario_result": scenario,
        "per_second": per_second,
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render(report: dict[str, Any]) -> str:
    """The human-readable tables."""
    lines = [
        f"scenario {report['scenario']}: {report['stations']} stations on {report['url']}, "
        f"window {report['window_s']:.1f} s (wall {report['wall_s']:.1f} s), "
        f"simulator CPU {report['simulator_cpu_percent']} %",
        "",
        f"{'action':<27}{'sent':>8}{'ok':>8}{'callerr':>8}{'timeout':>8}{'msgs/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}",
    ]
    for name, action in report["actions"].items():
        latency = action["latency_ms"]
        rate = action["msgs_per_s"]
        lines.append(
            f"{name:<27}{action['sent']:>8}{action['results']:>8}"
            f"{sum(action['call_errors'].values()):>8}{action['timeouts']:>8}"
            f"{'-' if rate is None else f'{rate:.1f}':>9}"
            f"{_ms(latency['p50']):>9}{_ms(latency['p95']):>9}{_ms(latency['p99']):>9}"
            f"{_ms(latency['max']):>9}"
            + ("" if latency["exact"] else "  (percentiles from a reservoir)")
        )
    steady = {n: a["steady_latency_ms"] for n, a in report["actions"].items()}
    if any(latency is not None for latency in steady.values()):
        after = report["parameters"]["measure_after"]
        lines += ["", f"steady state (CALLs sent {after:g} s or more into the run):"]
        for name, latency in steady.items():
            if latency is not None and latency["count"]:
                lines.append(
                    f"{name:<27}{latency['count']:>8}"
                    f"{_ms(latency['p50']):>9}{_ms(latency['p95']):>9}{_ms(latency['p99']):>9}"
                    f"{_ms(latency['max']):>9}"
                )
    errors = [
        f"{name} {code} x{count}"
        for name, action in report["actions"].items()
        for code, count in action["call_errors"].items()
    ]
    lines.append("")
    lines.append("CALLERRORs received: " + (", ".join(errors) if errors else "none"))
    other = [
        f"{name} {kind} x{action[kind]}"
        for name, action in report["actions"].items()
        for kind in ("aborted", "invalid_responses")
        if action[kind]
    ]
    if other:
        lines.append("other failures: " + ", ".join(other))
    calls = [
        f"{name} x{c['received']} ({c['results']} CALLRESULT"
        + "".join(f", {code} x{n}" for code, n in c["call_errors"].items())
        + ")"
        for name, c in report["csms_calls"].items()
    ]
    lines.append("CSMS CALLs answered: " + (", ".join(calls) if calls else "none"))
    boots = report["boot_statuses"]
    lines.append("boot answers: " + (", ".join(f"{k} x{v}" for k, v in boots.items()) or "none"))
    c = report["connections"]
    failures = ", ".join(f"{k} x{v}" for k, v in c["failures"].items()) or "none"
    lines.append(
        f"connections: {c['attempts']} attempts, {c['opened']} opened, failures: {failures}, "
        f"{c['lost']} lost, {c['dropped_by_scenario']} dropped by the scenario, "
        f"max {c['max_connected']} connected at once"
    )
    totals = report["totals"]
    lines.append(
        f"totals: {totals['sent']} CALLs sent, {totals['answered']} answered, "
        f"{totals['errors']} errors; unexpected frames {report['unexpected_frames']}, "
        f"schema violations {report['schema_violations']['count']}, "
        f"crashes {report['crashes']['count']}"
    )
    result = report["scenario_result"]
    if result:
        lines.append("")
        lines.extend(_render_scenario(result))
    return "\n".join(lines)


def _render_scenario(result: dict[str, Any]) -> list[str]:
    lines = []
    for key, value in result.items():
        if isinstance(value, dict) and "p50" in value:
            lines.append(
                f"{key}: n={value['count']} p50 {_ms(value['p50'])} p95 {_ms(value['p95'])} "
                f"p99 {_ms(value['p99'])} max {_ms(value['max'])}"
            )
        else:
            lines.append(f"{key}: {value}")
    return lines


def progress_line(
    elapsed: float, stats: FleetStats, stations: int, connected: int, accepted: int, rate: float
) -> str:
    """One progress line: throughput of the last second, connections, errors so far."""
    return (
        f"[{elapsed:7.1f}s] {rate:8.1f} msgs/s | connected {connected}/{stations} "
        f"accepted {accepted} | sent {stats.sent_total} answered {stats.answered_total} "
        f"errors {stats.errors_total} (callerr {stats.call_errors_total}, "
        f"timeouts {stats.timeouts_total}, conn {stats.connections.failed})"
    )
