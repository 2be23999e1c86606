"""bench.node_metrics: the node's collection pauses between two /metrics scrapes."""

from typing import Any

from bench.node_metrics import describe, pause_buckets, pauses_between


def page(young: list[int], full: list[int]) -> str:
    """A /metrics page whose pause histogram has these cumulative counts at 0.01/0.1/0.5/+Inf."""
    lines = ["# TYPE csms_gc_pause_seconds histogram"]
    for generation, counts in (("0", young), ("2", full)):
        for bound, count in zip(("0.01", "0.1", "0.5", "+Inf"), counts, strict=True):
            lines.append(
                f'csms_gc_pause_seconds_bucket{{generation="{generation}",le="{bound}"}} {count}'
            )
        lines.append(f'csms_gc_pause_seconds_count{{generation="{generation}"}} {counts[-1]}')
        lines.append(f'csms_gc_pause_seconds_sum{{generation="{generation}"}} 1.0')
    lines.append("csms_stations_connected 3.0")
    return "\n".join(lines) + "\n"


def test_only_the_collections_between_the_scrapes_count() -> None:
    before = pause_buckets(page(young=[10, 12, 12, 12], full=[0, 0, 1, 1]))
    after = pause_buckets(page(young=[15, 19, 19, 19], full=[0, 0, 1, 3]))

    assert pauses_between(before, after) == {
        "0": {"collections": 7, "over_100ms": 0, "longest_at_most_s": 0.1},
        "2": {"collections": 2, "over_100ms": 2, "longest_at_most_s": None},
    }


def test_a_generation_without_new_collections_is_left_out() -> None:
    same = pause_buckets(page(young=[1, 1, 1, 1], full=[0, 1, 1, 1]))

    assert pauses_between(same, same) == {}
    assert describe({}) == "none timed"


def test_a_node_without_the_histogram_gives_nothing() -> None:
    assert pause_buckets("csms_stations_connected 3.0\n") == {}


def test_the_line_names_each_generation() -> None:
    window: dict[str, dict[str, Any]] = {
        "0": {"collections": 7, "over_100ms": 0, "longest_at_most_s": 0.1},
        "2": {"collections": 2, "over_100ms": 2, "longest_at_most_s": None},
    }
    assert describe(window) == (
        "gen0 7 (0 over 100 ms, longest ≤ 100 ms), "
        "gen2 2 (2 over 100 ms, longest over the largest bucket)"
    )
