"""Where benchmark results go: one JSON file per run under bench/results/."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


def write_results(name: str, started: datetime, out: dict[str, Any]) -> Path:
    """Write `out` as bench/results/<name>-<UTC time>.json, say where, return the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"results written to {path.relative_to(ROOT)}")
    return path
