"""The console table of a heartbeat benchmark run."""

from __future__ import annotations

from typing import Any

COLUMNS = [
    "msgs/s",
    "worst 1s",
    "p50ms",
    "p95ms",
    "p99ms",
    "maxms",
    "errors",
    "srvCPU%",
    "genCPU%",
    "RSS MiB",
    "ratio",
]


def _cells(r: dict[str, Any], ratio: float | None) -> list[str]:
    lat = r["latency_ms"]
    return [
        f"{r['msgs_per_s']:.0f}",
        f"{min(r['per_second'])}",
        *(f"{lat[q]:.2f}" for q in ("p50", "p95", "p99", "max")),
        f"{r['errors']}",
        f"{r['server_cpu_percent']:.0f}",
        f"{r['loadgen_cpu_percent']:.0f}",
        f"{r['server_rss_kib'].get('VmRSS', 0) / 1024:.1f}",
        f"{ratio:.3f}" if ratio is not None else "-",
    ]


def table(results: dict[str, dict[str, Any]], ratio: float | None) -> str:
    """The human-readable summary: one row per target, ratio = CSMS msgs/s / echo msgs/s."""
    rows = [f"{'target':<6}" + "".join(f"{c:>9}" for c in COLUMNS)]
    for name, report in results.items():
        own = ratio if name == "csms" else (1.0 if ratio is not None else None)
        rows.append(f"{name:<6}" + "".join(f"{c:>9}" for c in _cells(report, own)))
    return "\n".join(rows)
