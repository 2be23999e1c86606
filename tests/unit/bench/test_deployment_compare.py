"""bench.deployment_compare's table: B ÷ A per figure, cross-node against A's only node."""

from typing import Any

from bench.deployment_compare import ratio, rows


def deployment(rate: float, p50: float, kinds: dict[str, float]) -> dict[str, Any]:
    return {
        "heartbeats_per_s": rate,
        "heartbeat_p50_ms": p50,
        "heartbeat_p99_ms": p50 * 4,
        "operator": {k: {"p50_ms": v, "p99_ms": v * 2} for k, v in kinds.items()},
    }


def test_the_ratio_is_b_over_a_and_needs_both_figures() -> None:
    assert ratio(100.0, 25.0) == 0.25
    assert ratio(None, 25.0) is None
    assert ratio(0.0, 25.0) is None
    assert ratio(4.0, None) is None


def test_cross_node_is_compared_with_the_embedded_nodes_same_node_figure() -> None:
    a = deployment(1000.0, 2.0, {"same-node": 4.0})
    b = deployment(200.0, 50.0, {"same-node": 8.0, "cross-node": 60.0})

    table = {figure: (x, y) for figure, x, y in rows(a, b)}

    assert table["Heartbeats/s"] == (1000.0, 200.0)
    assert table["command same-node p50 ms"] == (4.0, 8.0)
    assert table["command cross-node p50 ms"] == (4.0, 60.0)
    assert table["command cross-node p99 ms"] == (8.0, 120.0)


def test_a_deployment_without_a_second_node_leaves_cross_node_empty() -> None:
    a = deployment(1000.0, 2.0, {"same-node": 4.0})

    table = {figure: (x, y) for figure, x, y in rows(a, a)}

    assert table["command cross-node p50 ms"] == (4.0, None)
