"""Thinning a long series of meter samples for display (pure)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")


def evenly_spaced(count: int, max_points: int) -> list[int]:
    """Indexes of at most `max_points` items spread evenly over `count`, first and last kept."""
    if max_points < 1:
        raise ValueError("max_points must be >= 1")
    if count <= max_points:
        return list(range(count))
    if max_points == 1:
        return [count - 1]
    step = (count - 1) / (max_points - 1)
    return sorted({round(i * step) for i in range(max_points)})


def downsample(items: Sequence[T], max_points: int, series: Callable[[T], Hashable]) -> list[T]:
    """At most `max_points` items of each series (items with the same `series(item)`),
    evenly spread and keeping each series' first and last; the input order is kept."""
    by_series: dict[Hashable, list[int]] = {}
    for index, item in enumerate(items):
        by_series.setdefault(series(item), []).append(index)
    kept: set[int] = set()
    for indexes in by_series.values():
        kept.update(indexes[i] for i in evenly_spaced(len(indexes), max_points))
    return [item for index, item in enumerate(items) if index in kept]
