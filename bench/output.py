"""Where benchmark results go: one JSON file per run under bench/results/."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import machine

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


def write_results(name: str, started: datetime, out: dict[str, Any]) -> Path:
    """Write `out` as bench/results/<name>-<UTC time>.json, say where, return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"results written to {path.relative_to(ROOT)}")
    return path


def write_run(benchmark: str, started: datetime, argv: list[str] | None, **fields: Any) -> Path:
    """Write the results file of a run of `python -m bench.<benchmark>`: which benchmark, when,
    its command line and the machine, then `fields`."""
    out = {
        "benchmark": benchmark,
        "started_at": started.isoformat(timespec="seconds"),
        "command": " ".join([f"python -m bench.{benchmark}", *(argv or sys.argv[1:])]),
        "machine": machine.describe(ROOT),
        **fields,
    }
    return write_results(benchmark.replace("_", "-"), started, out)
