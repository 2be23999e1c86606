"""The rows of the benchmark summary: each row's figure and verdict from result dicts.

Pure functions over the dicts the benchmarks write (bench/results/<kind>-<UTC>.json). A field
the row needs but the dict lacks raises KeyError or TypeError; `safely` turns that into an
"n/a (...)" verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Result = dict[str, Any]
Extract = Callable[[Result], "Outcome"]
REFERENCE = "n/a (reference)"
INFORMATIONAL = "n/a (informational)"


@dataclass(frozen=True, slots=True)
class Check:
    """One target: `value` at most `limit` (or at least, with `at_least`); None = not measured."""

    label: str
    value: float | None
    limit: float
    at_least: bool = False

    @property
    def passed(self) -> bool | None:
        """Whether the value meets the target; None when there is no value."""
        if self.value is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def shortfall(self) -> str:
        """How a failed check missed, e.g. `ratio 0.55 < 0.6`."""
        return f"{self.label} {self.value:.4g} {'<' if self.at_least else '>'} {self.limit:g}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one row shows: its figures and whether they meet the target."""

    figure: str
    verdict: str


def verdict(checks: Sequence[Check]) -> str:
    """`not met (...)` if any check fails, else `n/a (...)` if any lacks a value, else `met`."""
    failed = [c.shortfall() for c in checks if c.passed is False]
    if failed:
        return f"not met ({', '.join(failed)})"
    missing = [c.label for c in checks if c.passed is None]
    if missing or not checks:
        return f"n/a (no {', '.join(missing) or 'figures'})"
    return "met"


def safely(extract: Extract, result: Result) -> Outcome:
    """Run one extraction; a missing or malformed field gives `n/a (...)`, never an exception."""
    try:
        return extract(result)
    except KeyError as exc:
        return Outcome("", f"n/a (missing field {exc.args[0]!r})")
    except (TypeError, ValueError, AttributeError, IndexError, ZeroDivisionError) as exc:
        return Outcome("", f"n/a (malformed result: {exc})")


def num(value: float | None, digits: int = 1) -> str:
    """A figure with `digits` decimals, `-` when absent."""
    return "-" if value is None else f"{value:.{digits}f}"


def failure(results: Result, row: str, absent: str) -> Outcome:
    """The verdict of a row the run lacks: its recorded failure's first line, or `absent`."""
    text = str(results.get(f"{row}_failure") or "").strip()
    reason = f"{row} failed: {text.splitlines()[0][:100]}" if text else absent
    return Outcome("", f"n/a ({reason})")


def baseline(heartbeat: Result) -> Outcome:
    """Bare aiohttp websocket echo msgs/s: the reference of the heartbeat flood."""
    echo = heartbeat["results"].get("echo")
    if echo is None:
        return Outcome("", "n/a (no echo target in this run)")
    return Outcome(f"echo {float(echo['msgs_per_s']):.0f} msgs/s", REFERENCE)


def heartbeat_flood(heartbeat: Result) -> Outcome:
    """CSMS Heartbeats/s and its ratio to the echo (target: at least 0.60)."""
    results = heartbeat["results"]
    if results.get("csms") is None:
        return Outcome("", "n/a (no csms target in this run)")
    rate = float(results["csms"]["msgs_per_s"])
    echo = results.get("echo")
    ratio = rate / float(echo["msgs_per_s"]) if echo is not None else None
    figure = f"{rate:.0f} Heartbeats/s, {num(ratio, 3)} of the echo"
    figure += f", {results['csms']['errors']} errors"
    ratios = heartbeat.get("ratio_spread") or {}
    if len(ratios.get("ratios") or []) > 1:
        figure += (
            f"; median of {len(ratios['ratios'])} rounds,"
            f" {num(ratios['min'], 3)}-{num(ratios['max'], 3)}"
        )
    return Outcome(figure, verdict([Check("ratio", ratio, 0.60, at_least=True)]))


def _p99_checks(latencies: dict[str, Any]) -> tuple[str, list[Check]]:
    """Each action's p99 (ms) shown, and checked against 50 ms."""
    p99 = {action: lat["p99"] for action, lat in sorted(latencies.items())}
    shown = ", ".join(f"{action} {num(value)}" for action, value in p99.items())
    return shown, [Check(f"{action} p99 ms", value, 50) for action, value in p99.items()]


def _probe_p99(dashboards: Result | None, why_none: str) -> tuple[str, list[Check]]:
    """The probe stations' p99 per action in the dashboards run without subscribers."""
    without = None if dashboards is None else dashboards["results"].get("without")
    if without is None:
        reason = why_none if dashboards is None else "dashboards run had no run without"
        return f"probe p99: {reason}", [Check("probe p99", None, 50)]
    stations = dashboards["spec"]["stations"] if dashboards else None
    shown, checks = _p99_checks(without["probe_latency_ms"])
    return f"probe p99 ms ({stations} stations, no subscribers): {shown}", checks


def _window_p99(window: dict[str, Any]) -> tuple[str, list[Check]]:
    """The fleet's own p99 per action over the CALLs sent in the measured window."""
    samples = sum(lat["count"] for lat in window.values())
    shown, checks = _p99_checks(window)
    return f"p99 ms in the window ({samples} round trips): {shown}", checks


def steady_fleet(fleet: Result, dashboards: Result | None, why_none: str = "not run") -> Outcome:
    """Stations connected, msgs/s and KiB per station from the fleet run; the steady p99 from
    the fleet's own round trips in the measured window (CALLs sent after the ramp and settle),
    or, for fleet results without them, from the dashboards run's probes (`why_none` says why
    there is no dashboards result)."""
    results = fleet["results"]
    steady = results.get("steady")
    if steady is None:
        return failure(results, "steady", "no steady fleet in this fleet run")
    kib = steady["kib_per_station"]
    figure = (
        f"{steady['max_connected']}/{fleet['spec']['stations']} connected, "
        f"{num(steady['msgs_per_s_window'])} msgs/s in the window, {num(kib)} KiB/station, "
        f"{steady['errors']} errors; "
    )
    window = steady.get("steady_latency_ms")
    if window:
        p99, checks = _window_p99(window)
    else:
        p99, checks = _probe_p99(dashboards, f"dashboards {why_none}")
    return Outcome(figure + p99, verdict([*checks, Check("KiB/station", kib, 40)]))


def reconnect_storm(fleet: Result) -> Outcome:
    """Time until every station is Accepted again, and errors (target: 60 s, none)."""
    results = fleet["results"]
    storm = results.get("storm")
    if storm is None:
        return failure(results, "storm", "no reconnect storm in this fleet run")
    seconds, errors = storm["time_to_all_accepted_s"], storm["errors"]
    accepted = f"{storm['accepted_again']}/{fleet['spec']['stations']}"
    if seconds is None:
        figure = f"not all accepted again ({accepted}), {errors} errors"
        return Outcome(figure, f"not met (not all accepted again: {accepted})")
    figure = f"all accepted again after {seconds:.1f} s ({accepted}), {errors} errors"
    return Outcome(figure, verdict([Check("seconds", seconds, 60), Check("errors", errors, 0)]))


def operator_commands(operator: Result) -> Outcome:
    """p50/p99 of each GraphQL operator mutation on embedded defaults (target: p50 5 ms)."""
    parts, checks = [], []
    for name, row in operator["results"].items():
        failed = sum(n for outcome, n in row["outcomes"].items() if outcome != "RESULT")
        part = f"{name} p50 {num(row['p50_ms'])} / p99 {num(row['p99_ms'])} ms"
        parts.append(part + (f" ({failed} failed)" if failed else ""))
        checks.append(Check(f"{name} p50 ms", row["p50_ms"], 5))
    return Outcome("; ".join(parts), verdict(checks))


def _dashboards_p99(runs: dict[str, Any]) -> tuple[str, float, float]:
    """Which TransactionEvent p99 to compare, with and without subscribers: the whole fleet's
    round trips in the measured window when both runs kept them, else the probe stations'."""
    key, label = "steady_latency_ms", "fleet window"
    if not all("TransactionEvent" in runs[run].get(key, {}) for run in ("with", "without")):
        key, label = "probe_latency_ms", "probe"
    with_p99 = runs["with"][key]["TransactionEvent"]["p99"]
    without_p99 = runs["without"][key]["TransactionEvent"]["p99"]
    return label, with_p99, without_p99


def live_dashboards(result: Result) -> Outcome:
    """Events/s delivered to subscribers and the stations' TransactionEvent p99, with ÷
    without (the fleet's window round trips, or the probes' for results without them)."""
    runs = result["results"]
    if runs.get("with") is None:
        return Outcome("", "n/a (no run with subscribers)")
    delivered = runs["with"]["dashboards"]
    figure = (
        f"{result['spec']['stations']} stations: {num(delivered['events_per_s_window'])} "
        f"events/s delivered ({delivered['missed']} missed)"
    )
    ratio = None
    if runs.get("without") is None:
        figure += "; no run without subscribers"
    else:
        label, with_p99, without_p99 = _dashboards_p99(runs)
        ratio = with_p99 / without_p99
        figure += f"; {label} TransactionEvent p99 {with_p99:.1f} ÷ {without_p99:.1f} ms"
        figure += f" = x{ratio:.2f}"
    return Outcome(figure, verdict([Check("p99 ratio", ratio, 1.5)]))


def meter_values(result: Result) -> Outcome:
    """Stored samples/s and p99 per group-commit window, and on ÷ off (informational)."""
    parts = [
        f"{'off' if window == '0' else window + ' ms'}: {row['stored_samples_per_s']:.0f} "
        f"samples/s, p99 {row['latency_ms']['p99']:.1f} ms"
        for window, row in result["results"].items()
    ]
    ratio = result.get("ratio_on_over_off")
    if ratio:
        parts.append(
            f"on ÷ off: samples/s x{ratio['stored_samples_per_s']:.2f}, p99 x{ratio['p99']:.2f}"
        )
    return Outcome("; ".join(parts), INFORMATIONAL)


def device_model(result: Result) -> Outcome:
    """Time and SQL statements to store and read back a device-model report (informational)."""
    r = result["results"]
    figure = (
        f"{r['variables']} variables in {r['parts']} parts on {r['database']}: stored in "
        f"{r['store_seconds']:.2f} s ({sum(r['store_queries'].values())} SQL), read back in "
        f"{r['read_seconds']:.2f} s ({sum(r['read_queries'].values())} SQL)"
    )
    return Outcome(figure, INFORMATIONAL)
