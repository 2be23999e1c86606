"""The pure statistics: nearest-rank percentiles and exact counts, exact and reservoir modes."""

from __future__ import annotations

import math
import random

import pytest

from bench.sim.stats import FleetStats, LatencyRecorder, LatencySummary, nearest_rank


def _totals(summary: LatencySummary) -> tuple[int, bool, int, float, float, float]:
    """A summary's count, exactness, values kept, minimum, maximum and mean."""
    return (
        summary.count,
        summary.exact,
        summary.kept,
        summary.minimum,
        summary.maximum,
        summary.mean,
    )


def test_nearest_rank_on_one_to_a_hundred() -> None:
    ordered = [float(i) for i in range(1, 101)]
    assert nearest_rank(ordered, 50) == 50.0
    assert nearest_rank(ordered, 95) == 95.0
    assert nearest_rank(ordered, 99) == 99.0
    assert nearest_rank(ordered, 100) == 100.0
    assert nearest_rank(ordered, 0) == 1.0


def test_nearest_rank_on_small_and_odd_sets() -> None:
    ten = [float(i) for i in range(1, 11)]
    assert nearest_rank(ten, 50) == 5.0
    assert nearest_rank(ten, 95) == 10.0
    assert nearest_rank(ten, 99) == 10.0
    assert nearest_rank([7.0], 50) == 7.0
    assert nearest_rank([7.0], 99) == 7.0
    assert math.isnan(nearest_rank([], 50))
    # ranks are computed exactly, not in binary floating point (29 % of 100 is rank 29)
    hundred = [float(i) for i in range(1, 101)]
    assert nearest_rank(hundred, 29) == 29.0
    assert nearest_rank(hundred, 57) == 57.0
    assert nearest_rank([float(i) for i in range(1, 1001)], 99.9) == 999.0


def test_recorder_is_exact_below_its_cap() -> None:
    values = [float(i) for i in range(1, 1001)]
    random.Random(3).shuffle(values)
    recorder = LatencyRecorder(cap=1000)
    for value in values:
        recorder.add(value)
    summary = recorder.summary((50.0, 95.0, 99.0, 100.0))
    assert _totals(summary) == (1000, True, 1000, 1.0, 1000.0, 500.5)
    assert summary.percentiles == {50.0: 500.0, 95.0: 950.0, 99.0: 990.0, 100.0: 1000.0}
    assert recorder.percentile(50) == 500.0


def test_recorder_keeps_a_bounded_reservoir_beyond_its_cap() -> None:
    recorder = LatencyRecorder(cap=100, seed=7)
    for i in range(10_000):
        recorder.add(float(i))
    summary = recorder.summary()
    assert _totals(summary) == (10_000, False, 100, 0.0, 9999.0, 4999.5)
    assert all(0.0 <= p <= 9999.0 for p in summary.percentiles.values())


def test_empty_recorder_reports_nan() -> None:
    summary = LatencyRecorder().summary()
    assert summary.count == 0
    assert math.isnan(summary.maximum) and math.isnan(summary.percentiles[50.0])


def test_recorder_rejects_a_zero_cap() -> None:
    with pytest.raises(ValueError):
        LatencyRecorder(cap=0)


def test_fleet_totals_add_up() -> None:
    stats = FleetStats(sample_cap=10)
    heartbeat = stats.action("Heartbeat")
    heartbeat.sent, heartbeat.results, heartbeat.timeouts = 5, 4, 1
    authorize = stats.action("Authorize")
    authorize.sent = 3
    for _ in range(3):
        authorize.call_error("NotSupported")
    stats.connections.fail("HTTP 404")
    stats.connections.lost = 2
    stats.unexpected_frames = 1
    assert stats.action("Heartbeat") is heartbeat
    assert authorize.answered == 3
    assert authorize.call_errors == {"NotSupported": 3}
    assert stats.sent_total == 8
    assert stats.call_errors_total == 3
    assert stats.timeouts_total == 1
    assert stats.errors_total == 3 + 1 + 1 + 2 + 1
