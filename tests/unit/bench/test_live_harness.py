"""The meter-value and dashboard benchmarks' harness: what they send is valid OCPP, and what
they compute from their measurements is right (correctness only, never timings)."""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.dashboards import delivered, p99_ratios, watched_stations
from bench.fleet import Spec
from bench.meter_load import KINDS, Station
from bench.meter_values import ratios
from bench.sim.config import SimConfig
from modules.kernel.schemas import validate


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("samples", [1, 4, 9])
def test_the_meter_load_sends_schema_valid_requests(kind: str, samples: int) -> None:
    station = Station(1, kind, samples)

    validate("TransactionEvent", "Request", station.started())
    for _ in range(3):
        action, payload = station.sample()
        validate(action, "Request", payload)
        assert len(payload["meterValue"][0]["sampledValue"]) == samples


def test_transaction_event_updates_count_their_sequence_numbers_up() -> None:
    station = Station(1, "transaction-event", 2)
    station.started()

    seq_nos = [station.sample()[1]["seqNo"] for _ in range(3)]

    assert seq_nos == [1, 2, 3]


def test_group_commit_ratios_are_on_over_off() -> None:
    off = {"stored_samples_per_s": 100.0, "latency_ms": {"p50": 10.0, "p99": 40.0}}
    on = {"stored_samples_per_s": 150.0, "latency_ms": {"p50": 5.0, "p99": 10.0}}

    assert ratios({"0": off, "2": on}) == {"stored_samples_per_s": 1.5, "p50": 0.5, "p99": 0.25}
    assert ratios({"2": on}) is None


def spec(stations: int) -> Spec:
    return Spec(stations, 10.0, 5.0, 5.0, 60, 10.0, 0.2, 0, False)


def test_single_station_dashboards_watch_distinct_charging_stations() -> None:
    config = SimConfig(url="ws://x", stations=1000, charging_fraction=0.2)
    charging = {config.station_id(i) for i in range(1000) if config.charges(i)}

    watched = watched_stations(spec(1000), 100)

    assert len(watched) == len(set(watched)) == 100
    assert set(watched) <= charging
    assert watched_stations(spec(10), 100) == sorted(
        config.station_id(i) for i in range(10) if config.charges(i)
    )


def test_delivered_events_per_second_count_only_the_window() -> None:
    watch = {
        "per_second": {"99": 50, "100": 10, "101": 20, "102": 30, "103": 70},
        "delays_ms": [1.0, 2.0, 3.0, 4.0],
        "events_single": 1,
        "events_fleet": 3,
        "missed": 0,
        "subscriptions": 2,
        "acked": 2,
        "errors": [],
        "failures": [],
        "watcher_cpu_percent": 1.0,
    }

    result = delivered(watch, began=100.0, ended=103.0)

    assert result["events_per_s_window"] == 20.0  # seconds 100, 101 and 102
    assert result["delay_ms"] == {"p50": 2.0, "p99": 4.0}


def test_p99_ratios_are_per_action_with_over_without() -> None:
    without = {"latency_ms": {"Boot": {"p99": 10.0}, "Heartbeat": {"p99": None}}}
    with_ = {"latency_ms": {"Boot": {"p99": 15.0}, "Heartbeat": {"p99": 3.0}, "New": {"p99": 1}}}

    assert p99_ratios(without, with_) == {"Boot": 1.5}


def test_a_watcher_with_no_dashboards_reports_subscribed_and_an_empty_summary(
    tmp_path: Path,
) -> None:
    """`bench.dashboards --single 0 --fleet 0`: the watcher has nothing to subscribe, so it
    says `subscribed 0` at once, and on SIGTERM writes a summary with no subscriptions."""
    out = tmp_path / "watch.json"
    argv = [sys.executable, "-m", "bench.dashboard_watch", "--url", "http://127.0.0.1:9/graphql"]
    argv += ["--token", "t", "--stations", "", "--fleet", "0", "--out", str(out)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True) as watcher:
        assert watcher.stdout is not None
        ready, _, _ = select.select([watcher.stdout], [], [], 30)
        if not ready:
            watcher.kill()
        assert ready, "no `subscribed` line within 30 s"
        assert watcher.stdout.readline().strip() == "subscribed 0"
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=30) == 0
    summary = json.loads(out.read_text())
    assert (summary["subscriptions"], summary["acked"], summary["missed"]) == (0, 0, 0)
