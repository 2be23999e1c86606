"""The benchmark summary: each row's figures and verdict from result files shaped like the real
ones, the newest file of each kind (at or after `--since`), and n/a rather than a crash."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bench import summary_rows as rows
from bench.summary import build_rows, main, newest_results, parse_time


def heartbeat(echo: float | None = 1000.0, csms: float = 600.0) -> dict[str, Any]:
    results: dict[str, Any] = {"csms": {"msgs_per_s": csms, "errors": 0}}
    if echo is not None:
        results["echo"] = {"msgs_per_s": echo, "errors": 0}
    return {"benchmark": "heartbeat", "command": "python -m bench.heartbeat", "results": results}


def fleet(
    steady: dict[str, Any] | None = None, storm: dict[str, Any] | None = None
) -> dict[str, Any]:
    results: dict[str, Any] = {"database": "csms_bench_x"}
    if steady is not None:
        results["steady"] = steady
    if storm is not None:
        results["storm"] = storm
    return {"command": "python -m bench.fleet", "spec": {"stations": 100}, "results": results}


def steady(kib: float | None = 40.0) -> dict[str, Any]:
    return {"max_connected": 100, "msgs_per_s_window": 12.5, "kib_per_station": kib, "errors": 0}


def storm(seconds: float | None = 60.0, errors: int = 0) -> dict[str, Any]:
    return {"time_to_all_accepted_s": seconds, "accepted_again": 100, "errors": errors}


def probes(transaction_p99: float, boot_p99: float = 10.0) -> dict[str, Any]:
    return {
        "TransactionEvent": {"p50": 1.0, "p99": transaction_p99},
        "BootNotification": {"p50": 1.0, "p99": boot_p99},
    }


def dashboards(
    without_p99: float | None = 10.0,
    with_p99: float = 15.0,
    window: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """A dashboards result; `window` = fleet window p99 (without, with), when it kept them."""
    results: dict[str, Any] = {
        "with": {
            "dashboards": {"events_per_s_window": 684.0, "missed": 0},
            "probe_latency_ms": probes(with_p99),
        }
    }
    if without_p99 is not None:
        results["without"] = {"probe_latency_ms": probes(without_p99)}
    if window is not None:
        results["without"]["steady_latency_ms"] = probes(window[0])
        results["with"]["steady_latency_ms"] = probes(window[1])
    return {"command": "python -m bench.dashboards", "spec": {"stations": 1000}, "results": results}


def operator(p50: float | None = 5.0) -> dict[str, Any]:
    row = {"calls": 10, "outcomes": {"RESULT": 10}, "p50_ms": p50, "p99_ms": 9.0, "max_ms": 9.5}
    return {"command": "python -m bench.operator", "results": {"changeAvailability": row}}


def test_the_baseline_is_the_echo_and_only_a_reference() -> None:
    outcome = rows.baseline(heartbeat(echo=36304.4))

    assert outcome == rows.Outcome("echo 36304 msgs/s", "n/a (reference)")
    assert rows.baseline(heartbeat(echo=None)).verdict == "n/a (no echo target in this run)"


@pytest.mark.parametrize(
    ("csms", "expected"), [(600.0, "met"), (599.0, "not met (ratio 0.599 < 0.6)")]
)
def test_the_heartbeat_flood_needs_six_tenths_of_the_echo(csms: float, expected: str) -> None:
    outcome = rows.heartbeat_flood(heartbeat(echo=1000.0, csms=csms))

    assert outcome.verdict == expected
    assert outcome.figure.startswith(f"{csms:.0f} Heartbeats/s, {csms / 1000:.3f} of the echo")


def test_a_heartbeat_run_of_several_rounds_shows_the_spread_of_the_ratio() -> None:
    result = heartbeat(echo=1000.0, csms=500.0)
    result["ratio_spread"] = {"ratios": [0.45, 0.5, 0.62], "min": 0.45, "max": 0.62}

    outcome = rows.heartbeat_flood(result)

    assert outcome.figure.endswith("0 errors; median of 3 rounds, 0.450-0.620")
    assert outcome.verdict == "not met (ratio 0.5 < 0.6)"


def test_a_heartbeat_run_without_the_echo_has_no_ratio() -> None:
    assert rows.heartbeat_flood(heartbeat(echo=None)).verdict == "n/a (no ratio)"


@pytest.mark.parametrize(
    ("kib", "transaction_p99", "expected"),
    [
        (40.0, 50.0, "met"),
        (40.5, 50.0, "not met (KiB/station 40.5 > 40)"),
        (40.0, 50.5, "not met (TransactionEvent p99 ms 50.5 > 50)"),
        (None, 50.0, "n/a (no KiB/station)"),
    ],
)
def test_the_steady_fleet_takes_memory_from_the_fleet_and_p99_from_the_probes(
    kib: float | None, transaction_p99: float, expected: str
) -> None:
    outcome = rows.steady_fleet(fleet(steady(kib)), dashboards(without_p99=transaction_p99))

    assert outcome.verdict == expected
    assert "100/100 connected, 12.5 msgs/s in the window" in outcome.figure
    probes_shown = "(1000 stations, no subscribers): BootNotification 10.0, TransactionEvent"
    probes_shown += f" {transaction_p99:.1f}"
    assert probes_shown in outcome.figure


@pytest.mark.parametrize(
    ("transaction_p99", "expected"),
    [(50.0, "met"), (50.5, "not met (TransactionEvent p99 ms 50.5 > 50)")],
)
def test_the_fleets_own_window_round_trips_give_the_steady_p99(
    transaction_p99: float, expected: str
) -> None:
    """A fleet result with window percentiles (csms-sim --measure-after) is judged on them,
    whatever the dashboards' probes say."""
    row = steady(40.0)
    row["steady_latency_ms"] = {
        "TransactionEvent": {"p99": transaction_p99, "count": 9000},
        "Heartbeat": {"p99": 12.0, "count": 1000},
    }
    outcome = rows.steady_fleet(fleet(row), dashboards(without_p99=500.0))

    assert outcome.verdict == expected
    shown = "p99 ms in the window (10000 round trips): Heartbeat 12.0, TransactionEvent "
    assert shown + f"{transaction_p99:.1f}" in outcome.figure
    assert "probe" not in outcome.figure


def test_the_steady_fleet_without_a_dashboards_result_has_no_p99() -> None:
    outcome = rows.steady_fleet(fleet(steady(40.0)), None, "not run in this run")

    assert outcome.verdict == "n/a (no probe p99)"
    assert "probe p99: dashboards not run in this run" in outcome.figure
    assert rows.steady_fleet(fleet(steady(41.0)), None).verdict.startswith("not met (KiB")


def test_a_failed_steady_fleet_gives_its_failure() -> None:
    result = fleet()
    result["results"].update(steady=None, steady_failure="csms-sim still running\nlog tail")

    outcome = rows.steady_fleet(result, dashboards())

    assert outcome.verdict == "n/a (steady failed: csms-sim still running)"
    assert rows.steady_fleet(fleet(), None).verdict == "n/a (no steady fleet in this fleet run)"


@pytest.mark.parametrize(
    ("seconds", "errors", "expected"),
    [
        (60.0, 0, "met"),
        (60.5, 0, "not met (seconds 60.5 > 60)"),
        (30.0, 1, "not met (errors 1 > 0)"),
        (None, 0, "not met (not all accepted again: 100/100)"),
    ],
)
def test_the_reconnect_storm_needs_a_minute_and_no_errors(
    seconds: float | None, errors: int, expected: str
) -> None:
    assert rows.reconnect_storm(fleet(storm=storm(seconds, errors))).verdict == expected


def test_the_storm_figure_and_a_fleet_run_without_a_storm() -> None:
    outcome = rows.reconnect_storm(fleet(storm=storm(29.537, 0)))

    assert outcome.figure == "all accepted again after 29.5 s (100/100), 0 errors"
    assert rows.reconnect_storm(fleet()).verdict == "n/a (no reconnect storm in this fleet run)"


@pytest.mark.parametrize(
    ("p50", "expected"),
    [
        (5.0, "met"),
        (5.01, "not met (changeAvailability p50 ms 5.01 > 5)"),
        (None, "n/a (no changeAvailability p50 ms)"),
    ],
)
def test_operator_commands_need_a_p50_of_five_ms(p50: float | None, expected: str) -> None:
    outcome = rows.operator_commands(operator(p50))

    assert outcome.verdict == expected
    assert outcome.figure.endswith("/ p99 9.0 ms")


@pytest.mark.parametrize(("with_p99", "expected"), [(15.0, "met"), (15.1, "not met")])
def test_dashboards_may_slow_the_probes_by_half(with_p99: float, expected: str) -> None:
    outcome = rows.live_dashboards(dashboards(without_p99=10.0, with_p99=with_p99))

    assert outcome.verdict.split(" (")[0] == expected
    assert outcome.figure.startswith("1000 stations: 684.0 events/s delivered (0 missed); ")


@pytest.mark.parametrize(("window", "expected"), [((20.0, 30.0), "met"), ((20.0, 30.2), "not met")])
def test_dashboards_are_judged_on_the_fleet_window_when_both_runs_kept_it(
    window: tuple[float, float], expected: str
) -> None:
    """The whole fleet's window round trips decide, not the probes (3 times slower here)."""
    outcome = rows.live_dashboards(dashboards(without_p99=10.0, with_p99=30.0, window=window))

    assert outcome.verdict.split(" (")[0] == expected
    assert f"fleet window TransactionEvent p99 {window[1]:.1f} ÷ 20.0 ms" in outcome.figure


def test_dashboards_without_the_run_without_subscribers_have_no_ratio() -> None:
    assert rows.live_dashboards(dashboards(without_p99=None)).verdict == "n/a (no p99 ratio)"


def test_meter_values_and_the_device_model_are_informational() -> None:
    window = {"stored_samples_per_s": 10201.4, "latency_ms": {"p99": 182.33}}
    meter = {
        "results": {"0": window, "2": window},
        "ratio_on_over_off": {"stored_samples_per_s": 1.0, "p99": 1.0},
    }
    figures = {
        "database": "postgres",
        "parts": 50,
        "variables": 5000,
        "store_seconds": 1.234,
        "store_queries": {"insert": 100, "select": 50},
        "read_seconds": 0.5,
        "read_queries": {"select": 5},
    }

    assert rows.meter_values(meter) == rows.Outcome(
        "off: 10201 samples/s, p99 182.3 ms; 2 ms: 10201 samples/s, p99 182.3 ms; "
        "on ÷ off: samples/s x1.00, p99 x1.00",
        "n/a (informational)",
    )
    assert rows.device_model({"results": figures}).figure == (
        "5000 variables in 50 parts on postgres: stored in 1.23 s (150 SQL), "
        "read back in 0.50 s (5 SQL)"
    )


def write(directory: Path, name: str, content: Any) -> None:
    text = content if isinstance(content, str) else json.dumps(content)
    (directory / name).write_text(text)


def by_row(directory: Path, since: datetime | None = None) -> dict[str, str]:
    return {row.row: row.verdict for row in build_rows(newest_results(directory, since))}


def test_kinds_without_a_file_are_not_run(tmp_path: Path) -> None:
    write(tmp_path, "operator-20261124T070000Z.json", operator(4.0))

    verdicts = by_row(tmp_path)

    assert verdicts["operator commands"] == "met"
    assert verdicts["baseline"] == verdicts["reconnect storm"] == "not run"
    assert verdicts["dashboards"] == "not run"


def test_the_newest_file_of_each_kind_counts(tmp_path: Path) -> None:
    write(tmp_path, "operator-20261124T070000Z.json", operator(4.0))
    write(tmp_path, "operator-20261124T080000Z.json", operator(6.0))
    write(tmp_path, "summary-20261124T090000Z.json", {"rows": []})

    table = build_rows(newest_results(tmp_path))

    row = next(r for r in table if r.row == "operator commands")
    assert row.status == "not met"
    assert row.sources == [("python -m bench.operator", "operator-20261124T080000Z.json")]


def test_since_leaves_out_files_written_before_it(tmp_path: Path) -> None:
    write(tmp_path, "operator-20261124T070000Z.json", operator(4.0))
    write(tmp_path, "heartbeat-20261124T080000Z.json", heartbeat())
    write(tmp_path, "dashboards-20261124T075959Z.json", dashboards())
    write(tmp_path, "fleet-20261124T081000Z.json", fleet(steady(10.0)))

    verdicts = by_row(tmp_path, parse_time("20261124T080000Z"))

    assert verdicts["operator commands"] == "not run in this run"
    assert verdicts["dashboards"] == "not run in this run"
    assert verdicts["heartbeat flood"] == "met"
    assert verdicts["steady fleet"] == "n/a (no probe p99)"
    assert by_row(tmp_path)["steady fleet"] == "met"


def test_since_takes_iso_times_in_any_zone() -> None:
    expected = datetime(2026, 11, 24, 7, 22, 25, tzinfo=UTC)

    assert parse_time("20261124T072225Z") == expected
    assert parse_time("2026-11-24T09:22:25+02:00") == expected
    assert parse_time("2026-11-24T07:22:25") == expected


def test_malformed_files_give_n_a_rather_than_an_exception(tmp_path: Path) -> None:
    write(tmp_path, "heartbeat-20261124T080000Z.json", "{not json")
    write(tmp_path, "operator-20261124T080000Z.json", {"results": {"x": {"p50_ms": 1.0}}})
    write(tmp_path, "fleet-20261124T080000Z.json", [1, 2])
    broken = {"spec": {"stations": 1}, "results": {"with": {"dashboards": 3}}}
    write(tmp_path, "dashboards-20261124T080000Z.json", broken)

    verdicts = by_row(tmp_path)

    assert verdicts["heartbeat flood"].startswith("n/a (unreadable: ")
    assert verdicts["operator commands"] == "n/a (missing field 'outcomes')"
    assert verdicts["reconnect storm"] == "n/a (unreadable: not a JSON object)"
    assert verdicts["dashboards"].startswith("n/a (malformed result: ")


def test_the_summary_prints_one_table_and_writes_the_same_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "heartbeat-20261124T080000Z.json", heartbeat())
    write(tmp_path, "fleet-20261124T080100Z.json", fleet(steady(10.0), storm(61.0)))

    main(["--results", str(tmp_path), "--since", "2026-11-24T08:00:00Z"])

    printed = capsys.readouterr().out
    written = json.loads(next(tmp_path.glob("summary-*.json")).read_text())
    statuses = {row["row"]: row["status"] for row in written["rows"]}
    assert statuses == {
        "baseline": "n/a",
        "heartbeat flood": "met",
        "steady fleet": "n/a",
        "reconnect storm": "not met",
        "operator commands": "not run",
        "dashboards": "not run",
        "meter values": "not run",
        "device model": "not run",
    }
    assert written["since"] == "2026-11-24T08:00:00+00:00"
    assert written["rows"][3]["sources"] == [
        {"command": "python -m bench.fleet", "file": "fleet-20261124T080100Z.json"}
    ]
    header = printed.splitlines()[0]
    assert header.split() == ["row", "figure", "target", "result", "command,", "file"]
    for row in written["rows"]:
        assert row["row"] in printed
    assert "not met (seconds 61 > 60)" in printed
