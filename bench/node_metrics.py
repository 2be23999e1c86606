"""What a benchmarked node's `/metrics` says: its garbage-collection pauses in a window, and
what its message log had done.

A station's p99 can come from the node's own collections or from the simulator's; scraping
the node's `csms_gc_pause_seconds` at both edges of the measured window tells which.
"""

from __future__ import annotations

import math
import urllib.request
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

PAUSE_METRIC = "csms_gc_pause_seconds"

# What the node's message log had done when the load stopped: a log that fell behind
# would do its work after the measured window and flatter the figure.
LOG_METRICS = {
    "csms_message_log_frames_written_total": "log_written_at_end",
    "csms_message_log_queue_depth": "log_queue_depth_at_end",
    "csms_message_log_frames_dropped_total": "log_dropped_at_end",
}

Buckets = dict[str, dict[float, float]]  # generation -> upper bound -> cumulative count


def scrape(port: int) -> str:
    """The node's /metrics page (no token: the benchmarks' nodes set none)."""
    url = f"http://127.0.0.1:{port}/metrics"
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())


def message_log_state(metrics_text: str) -> dict[str, int]:
    """The message log's written / queued / dropped counts from a /metrics page."""
    return {
        LOG_METRICS[sample.name]: int(sample.value)
        for family in text_string_to_metric_families(metrics_text)
        for sample in family.samples
        if sample.name in LOG_METRICS
    }


def pauses_at(port: int) -> Buckets:
    """The node's collection-pause histogram now."""
    return pause_buckets(scrape(port))


def pause_buckets(metrics_text: str) -> Buckets:
    """The collection-pause histogram's cumulative buckets by generation."""
    buckets: Buckets = {}
    for family in text_string_to_metric_families(metrics_text):
        if family.name != PAUSE_METRIC:
            continue
        for sample in family.samples:
            if sample.name == f"{PAUSE_METRIC}_bucket":
                bound = float(sample.labels["le"])
                buckets.setdefault(sample.labels["generation"], {})[bound] = sample.value
    return buckets


def pauses_between(before: Buckets, after: Buckets) -> dict[str, dict[str, Any]]:
    """Per generation: collections between two scrapes, how many took over 0.1 s, and the
    bucket bound the longest stayed within (None: beyond the largest bound)."""
    window: dict[str, dict[str, Any]] = {}
    for generation, bounds in sorted(after.items()):
        earlier = before.get(generation, {})
        counts = {bound: count - earlier.get(bound, 0.0) for bound, count in bounds.items()}
        total = counts.get(math.inf, 0.0)
        if not total:
            continue
        within = [bound for bound, count in sorted(counts.items()) if count == total]
        over_tenth = total - max(
            (count for bound, count in counts.items() if bound <= 0.1), default=0.0
        )
        window[generation] = {
            "collections": int(total),
            "over_100ms": int(over_tenth),
            "longest_at_most_s": None if within[0] == math.inf else within[0],
        }
    return window


def describe(window: dict[str, dict[str, Any]]) -> str:
    """One line for a benchmark's table."""
    if not window:
        return "none timed"
    parts = []
    for generation, pauses in window.items():
        longest = pauses["longest_at_most_s"]
        bound = "over the largest bucket" if longest is None else f"≤ {longest * 1000:g} ms"
        parts.append(
            f"gen{generation} {pauses['collections']} ({pauses['over_100ms']} over 100 ms,"
            f" longest {bound})"
        )
    return ", ".join(parts)
