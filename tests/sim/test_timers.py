"""The simulator's periodic timers keep their phase when a tick comes late."""

from __future__ import annotations

import pytest

from bench.sim.station import next_tick


def test_an_on_time_tick_is_one_interval_later() -> None:
    assert next_tick(100.0, 100.0, 10.0) == 110.0


def test_a_late_tick_keeps_its_phase() -> None:
    """Held up 0.3 s (a pause in the simulator), the next tick is still at deadline + 10 s,
    not at now + 10 s: two stations held up together stay 0.2 s apart."""
    assert next_tick(100.0, 100.3, 10.0) == 110.0
    assert next_tick(100.1, 100.3, 10.0) == pytest.approx(110.1)


def test_ticks_missed_entirely_are_skipped_on_the_same_grid() -> None:
    assert next_tick(100.0, 125.0, 10.0) == 130.0
    assert next_tick(100.0, 130.0, 10.0) == 140.0
