"""The plain counters behind `/metrics`: fixed-bucket histograms and frame counting."""

from __future__ import annotations

import pytest

from app.metrics import GatewayCounters, LatencyHistogram, scrape_allowed


def test_histogram_buckets_are_cumulative_and_inclusive_of_their_bound() -> None:
    histogram = LatencyHistogram((0.01, 0.1, 1.0))
    for seconds in (0.005, 0.01, 0.05, 0.5, 3.0):
        histogram.observe("Heartbeat", seconds)
    histogram.observe("Authorize", 0.2)
    snapshot = {label: (buckets, total) for label, buckets, total in histogram.snapshot()}
    buckets, total = snapshot["Heartbeat"]
    assert buckets == [("0.01", 2), ("0.1", 3), ("1.0", 4), ("+Inf", 5)]
    assert total == pytest.approx(3.565)
    assert snapshot["Authorize"] == ([("0.01", 0), ("0.1", 0), ("1.0", 1), ("+Inf", 1)], 0.2)
    assert [label for label, _, _ in histogram.snapshot()] == ["Authorize", "Heartbeat"]


def test_histogram_without_observations_has_no_series() -> None:
    assert list(LatencyHistogram().snapshot()) == []


def test_frames_with_an_action_ocpp_does_not_define_share_one_label() -> None:
    counters = GatewayCounters()
    counters.count_frame("in", 2, "Heartbeat")
    counters.count_frame("in", 2, "Heartbeat")
    for invented in ("Foo", "Bar", "Baz"):
        counters.count_frame("in", 2, invented)
    counters.count_frame("in", None, None)
    assert counters.frames == {
        ("in", 2, "Heartbeat"): 2,
        ("in", 2, "unknown"): 3,
        ("in", None, None): 1,
    }


@pytest.mark.parametrize(
    ("header", "token", "allowed"),
    [
        (None, "", True),
        ("Bearer anything", "", True),
        (None, "secret-token", False),
        ("Bearer other", "secret-token", False),
        ("secret-token", "secret-token", False),
        ("Bearer secret-token", "secret-token", True),
        ("bearer  secret-token ", "secret-token", True),
    ],
)
def test_scrape_allowed(header: str | None, token: str, allowed: bool) -> None:
    assert scrape_allowed(header, token) is allowed
