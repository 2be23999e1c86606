"""One table of every benchmark's headline figures against its target; `make bench` ends with it.

Reads the newest result file of each kind in bench/results (with `--since`, only files written
at or after that time, as named by their UTC timestamp), prints one aligned table (row,
figure, target, result, the command recorded in the file, the file) and writes
bench/results/summary-<UTC timestamp>.json with the same rows.
Run: `python -m bench.summary [--since 20261124T072225Z]`.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from bench import summary_rows as rows

RESULTS = Path(__file__).resolve().parent / "results"
STAMP = "%Y%m%dT%H%M%SZ"
FILE_NAME = re.compile(r"^(?P<prefix>[a-z_-]+)-(?P<stamp>\d{8}T\d{6}Z)\.json$")
# kind -> the file name prefix its benchmark writes
PREFIXES = {
    "heartbeat": "heartbeat",
    "operator": "operator",
    "fleet": "fleet",
    "dashboards": "dashboards",
    "meter_values": "meter-values",
    "device_model_report": "device-model-report",
}
NO_FILE_NOTES = {"device_model_report": "bench.device_model_report writes no result file"}


@dataclass(frozen=True, slots=True)
class Source:
    """The newest result file of one kind and its content, or why there is none."""

    kind: str
    path: Path | None = None
    data: dict[str, Any] | None = None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the summary; `sources` are the (command, file name) pairs it draws on."""

    row: str
    figure: str
    target: str
    verdict: str
    sources: list[tuple[str, str]]

    @property
    def status(self) -> str:
        """`met`, `not met`, `n/a` or `not run`: the verdict without its explanation."""
        return "not run" if self.verdict.startswith("not run") else self.verdict.split(" (")[0]

    def as_json(self) -> dict[str, Any]:
        """The row as written to the summary file."""
        sources = [{"command": command, "file": file} for command, file in self.sources]
        return {
            "row": self.row,
            "figure": self.figure,
            "target": self.target,
            "status": self.status,
            "verdict": self.verdict,
            "sources": sources,
        }


def parse_time(text: str) -> datetime:
    """An ISO 8601 time or a `20261124T072225Z` stamp; a time without a zone is UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def load(kind: str, path: Path) -> Source:
    """Read one result file; an unreadable one gives a Source with its problem."""
    try:
        data = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Source(kind, path, None, f"n/a (unreadable: {exc})")
    if not isinstance(data, dict):
        return Source(kind, path, None, "n/a (unreadable: not a JSON object)")
    return Source(kind, path, data)


def newest_results(results_dir: Path, since: datetime | None = None) -> dict[str, Source]:
    """The newest file of every kind, written at or after `since` when given."""
    newest: dict[str, tuple[datetime, Path]] = {}
    kinds = {prefix: kind for kind, prefix in PREFIXES.items()}
    for path in results_dir.glob("*.json") if results_dir.is_dir() else []:
        match = FILE_NAME.match(path.name)
        kind = kinds.get(match["prefix"]) if match else None
        if match is None or kind is None:
            continue
        written = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
        if since is not None and written < since:
            continue
        if kind not in newest or written > newest[kind][0]:
            newest[kind] = (written, path)
    absent = "not run in this run" if since is not None else "not run"
    sources: dict[str, Source] = {}
    for kind in PREFIXES:
        if kind in newest:
            sources[kind] = load(kind, newest[kind][1])
        else:
            note = f" ({NO_FILE_NOTES[kind]})" if kind in NO_FILE_NOTES else ""
            sources[kind] = Source(kind, problem=absent + note)
    return sources


def make_row(name: str, target: str, extract: rows.Extract, main: Source, *others: Source) -> Row:
    """One row from its result file (`main`) and any other files its figures draw on."""
    used = [
        (str(s.data.get("command", "?")) if s.data is not None else "", s.path.name)
        for s in (main, *others)
        if s.path is not None
    ]
    if main.data is None:
        return Row(name, "", target, main.problem, used)
    outcome = rows.safely(extract, main.data)
    return Row(name, outcome.figure, target, outcome.verdict, used)


def build_rows(sources: dict[str, Source]) -> list[Row]:
    """Every row of the summary: the targets first, then the informational rows."""
    heartbeat, fleet, dash = sources["heartbeat"], sources["fleet"], sources["dashboards"]
    steady = partial(rows.steady_fleet, dashboards=dash.data, why_none=dash.problem)
    return [
        make_row("baseline", "(reference)", rows.baseline, heartbeat),
        make_row("heartbeat flood", "ratio ≥ 0.60", rows.heartbeat_flood, heartbeat),
        make_row("steady fleet", "p99 ≤ 50 ms, ≤ 40 KiB/station", steady, fleet, dash),
        make_row("reconnect storm", "≤ 60 s, 0 errors", rows.reconnect_storm, fleet),
        make_row("operator commands", "p50 ≤ 5 ms", rows.operator_commands, sources["operator"]),
        make_row("dashboards", "p99 ratio ≤ 1.5", rows.live_dashboards, dash),
        make_row("meter values", "", rows.meter_values, sources["meter_values"]),
        make_row("device model", "", rows.device_model, sources["device_model_report"]),
    ]


COLUMNS = ("row", "figure", "target", "result", "command, file")
WRAP = (20, 46, 18, 28, 42)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)


def _cells(row: Row) -> list[list[str]]:
    texts = (row.row, row.figure, row.target, row.verdict)
    cells = [_wrap(text, width) for text, width in zip(texts, WRAP, strict=False)]
    sources = [line for command, file in row.sources for line in [*_wrap(command, WRAP[-1]), file]]
    return [*cells, sources]


def render_table(table: list[Row]) -> str:
    """The rows as one aligned plain-text table; long cells wrap within their column."""
    cells = [_cells(row) for row in table]
    widths = [
        max([len(head)] + [len(line) for row in cells for line in row[i]])
        for i, head in enumerate(COLUMNS)
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for index, row in enumerate(cells):
        if index:
            lines.append("")
        for n in range(max(1, *(len(cell) for cell in row))):
            parts = [
                (c[n] if n < len(c) else "").ljust(w) for c, w in zip(row, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def write_summary(
    table: list[Row], results_dir: Path, now: datetime, since: datetime | None
) -> Path:
    """bench/results/summary-<UTC>.json: the rows, with each one's status."""
    out = {
        "benchmark": "summary",
        "generated_at": now.isoformat(timespec="seconds"),
        "since": since.isoformat(timespec="seconds") if since else None,
        "rows": [row.as_json() for row in table],
    }
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"summary-{now.strftime(STAMP)}.json"
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> None:
    """Entry point: collect the newest results, print the table, write the summary file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--since", type=parse_time, help="only files written at or after it")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the results directory")
    args = parser.parse_args(argv)
    table = build_rows(newest_results(args.results, args.since))
    print(render_table(table))
    path = write_summary(table, args.results, datetime.now(UTC), args.since)
    print(f"summary written to {path}")


if __name__ == "__main__":
    main()
