"""The failed-login limit: counted per station id and address, forgotten after the window,
cleared by a right password, and bounded in memory."""

from __future__ import annotations

from app.gateway.auth_throttle import LoginThrottle, ThrottleSettings


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_station_id_is_held_off_after_its_failures_until_the_window_passes() -> None:
    clock = Clock()
    throttle = LoginThrottle(ThrottleSettings(per_station=2, window_seconds=60), clock)
    throttle.failed("CS1", "10.0.0.1")
    assert throttle.retry_after("CS1", "10.0.0.1") is None
    clock.now += 10
    throttle.failed("CS1", "10.0.0.1")
    assert throttle.retry_after("CS1", "10.0.0.9") == 50.0
    assert throttle.retry_after("CS2", "10.0.0.1") is None
    clock.now += 49
    assert throttle.retry_after("CS1", None) == 1.0
    clock.now += 1
    assert throttle.retry_after("CS1", None) is None


def test_one_address_guessing_many_ids_is_held_off() -> None:
    throttle = LoginThrottle(ThrottleSettings(per_station=100, per_address=3), Clock())
    for number in range(3):
        throttle.failed(f"CS{number}", "10.0.0.1")
    assert throttle.retry_after("CS-NEW", "10.0.0.1") is not None
    assert throttle.retry_after("CS-NEW", "10.0.0.2") is None


def test_a_right_password_clears_the_station_failures() -> None:
    throttle = LoginThrottle(ThrottleSettings(per_station=2), Clock())
    throttle.failed("CS1", None)
    throttle.succeeded("CS1")
    throttle.failed("CS1", None)
    assert throttle.retry_after("CS1", None) is None


def test_memory_stays_bounded_however_many_ids_and_addresses_fail() -> None:
    throttle = LoginThrottle(ThrottleSettings(tracked_keys=50), Clock())
    for number in range(10_000):
        throttle.failed(f"CS{number}", f"10.0.{number // 256}.{number % 256}")
    assert throttle.tracked() == 100
