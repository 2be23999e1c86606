"""bench.heartbeat's rounds: the median round by ratio, and the spread of the ratios."""

from typing import Any

from bench.heartbeat_rounds import median_round, ratio_of, spread


def measured(echo: float | None, csms: float | None) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    if echo is not None:
        results["echo"] = {"msgs_per_s": echo}
    if csms is not None:
        results["csms"] = {"msgs_per_s": csms}
    return results


def test_the_ratio_is_csms_over_echo_and_needs_both() -> None:
    assert ratio_of(measured(20_000.0, 10_000.0)) == 0.5
    assert ratio_of(measured(None, 10_000.0)) is None


def test_the_median_round_is_picked_by_its_ratio_not_its_rates() -> None:
    rounds = [
        measured(20_000.0, 12_000.0),
        measured(10_000.0, 4_000.0),
        measured(30_000.0, 15_000.0),
    ]

    assert median_round(rounds) == 2  # ratios 0.6, 0.4, 0.5


def test_an_even_count_takes_the_lower_middle_round() -> None:
    rounds = [measured(10.0, 7.0), measured(10.0, 4.0), measured(10.0, 5.0), measured(10.0, 6.0)]

    assert median_round(rounds) == 2  # ratios 0.7, 0.4, 0.5, 0.6: lower middle is 0.5


def test_one_target_only_takes_the_round_with_the_median_rate() -> None:
    rounds = [measured(None, 9_000.0), measured(None, 11_000.0), measured(None, 10_000.0)]

    assert median_round(rounds) == 2


def test_the_spread_lists_every_ratio_with_the_lowest_and_highest() -> None:
    rounds = [measured(10.0, 5.0), measured(10.0, 4.0), measured(None, 6.0)]

    assert spread(rounds) == {"ratios": [0.5, 0.4, None], "min": 0.4, "max": 0.5}
