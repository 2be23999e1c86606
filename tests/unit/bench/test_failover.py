"""bench.failover's arithmetic: per-station times to "every station" and pooled figures, p50
and max against the code's bounds, the table, and which answer counts after a worker's kill."""

from bench.failover_report import FIGURES, every_and_each, spread, summary, table
from bench.failover_workers import first_answers_after


def test_every_station_is_each_trials_slowest_and_each_station_is_pooled() -> None:
    every, each = every_and_each([[0.5, 10.1, 0.4], [9.8], []])

    assert every == [10.1, 9.8]
    assert each == [0.5, 10.1, 0.4, 9.8]


def test_the_spread_is_nearest_rank_p50_and_max_with_fractions_of_the_bound() -> None:
    row = spread([5.2, 4.4, 5.9, 4.9, 5.0], bound_s=6.0)

    assert row == {
        "n": 5,
        "p50_s": 5.0,
        "max_s": 5.9,
        "p50_of_bound": 0.83,
        "max_of_bound": 0.98,
    }


def test_a_figure_without_a_bound_has_no_fraction() -> None:
    row = spread([0.14, 0.2], bound_s=None)

    assert (row["p50_s"], row["max_s"]) == (0.14, 0.2)
    assert row["p50_of_bound"] is None and row["max_of_bound"] is None


def test_the_summary_keeps_only_measured_figures_with_their_bounds() -> None:
    measured = summary({"a_command_offline": [5.04, 4.6], "d_second_every": []})

    assert list(measured) == ["a_command_offline"]
    assert measured["a_command_offline"]["bound_s"] == 6.0  # key TTL 5 s + 1 s liveness poll
    assert measured["a_command_offline"]["max_s"] == 5.04


def test_the_table_shows_seconds_and_the_multiple_of_the_bound() -> None:
    lines = table(summary({"b_read_offline": [6.65, 7.2, 9.9], "c_reconnect_boot": [0.14]}))

    (b_row,) = [line for line in lines if line.startswith("b.")]
    assert "10 s: key TTL 5 s + sweep every 5 s" in b_row
    assert "7.20 s (0.72x)" in b_row and "9.90 s (0.99x)" in b_row
    (c_row,) = [line for line in lines if line.startswith("c.")]
    assert "0.14 s" in c_row and "x)" not in c_row
    assert len(lines) == 3


def test_every_figure_key_is_distinct() -> None:
    keys = [figure.key for figure in FIGURES]

    assert len(keys) == len(set(keys))


def test_after_a_kill_a_station_counts_from_its_first_call_sent_after_it() -> None:
    killed = 100.0
    stations = [
        [(99.9, 100.02), (100.02, 110.1), (110.1, 110.15)],  # in flight, answered, then stuck
        [(99.95, 110.05), (110.05, 110.1)],  # in flight and stuck, then its next one
        [(99.0, 99.5)],  # nothing sent after the kill
    ]

    assert first_answers_after(stations, killed) == [10.1, 10.1, None]
