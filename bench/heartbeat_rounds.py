"""Rounds of the heartbeat benchmark: echo and CSMS measured back to back, the median kept.

The machine's speed drifts by a fifth from minute to minute; a ratio of two targets measured
next to each other cancels most of that, and the median round resists one disturbed round.
"""

from __future__ import annotations

from typing import Any


def ratio_of(results: dict[str, dict[str, Any]]) -> float | None:
    """CSMS msgs/s over echo msgs/s, or None when a target is missing."""
    if "echo" not in results or "csms" not in results:
        return None
    return float(results["csms"]["msgs_per_s"]) / float(results["echo"]["msgs_per_s"])


def median_round(rounds: list[dict[str, dict[str, Any]]]) -> int:
    """The index of the round whose ratio is the median (the lower one of an even count);
    without ratios (one target only), the round with the median CSMS or echo rate."""

    def key(index: int) -> float:
        ratio = ratio_of(rounds[index])
        if ratio is not None:
            return ratio
        only = next(iter(rounds[index].values()))
        return float(only["msgs_per_s"])

    ordered = sorted(range(len(rounds)), key=key)
    return ordered[(len(ordered) - 1) // 2]


def spread(rounds: list[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Every round's ratio and the lowest and highest, for the results file and the table."""
    ratios = [ratio_of(results) for results in rounds]
    known = [ratio for ratio in ratios if ratio is not None]
    return {
        "ratios": ratios,
        "min": min(known) if known else None,
        "max": max(known) if known else None,
    }
