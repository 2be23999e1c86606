"""During an outage the node's log holds one warning line per kind of failure and dependency,
naming it, without a traceback per request; repeats are counted, not written (issue 24 item
11)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from app.logs import KeyValueFormatter, OutageFilter


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, io.StringIO, Clock]]:
    clock = Clock()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(KeyValueFormatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(OutageFilter(repeat_after=60.0, clock=clock))
    logger = logging.getLogger("test.outage")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream, clock
    logger.removeHandler(handler)
    logger.propagate = True


def refused() -> ConnectionRefusedError:
    try:
        raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
    except ConnectionRefusedError as error:
        return error


def test_an_outage_is_one_warning_line_without_traceback(
    logged: tuple[logging.Logger, io.StringIO, Clock],
) -> None:
    logger, stream, _ = logged
    logger.error("handler failed", exc_info=refused(), extra={"station_id": "CS-1"})
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("WARNING test.outage handler failed: database unavailable: ")
    assert "ConnectionRefusedError" in lines[0] and "station_id=CS-1" in lines[0]
    assert "Traceback" not in stream.getvalue()


def test_repeats_are_left_out_then_counted(
    logged: tuple[logging.Logger, io.StringIO, Clock],
) -> None:
    logger, stream, clock = logged
    for _ in range(5):
        logger.exception("handler failed", exc_info=refused())
    clock.now += 61
    logger.exception("handler failed", exc_info=refused())
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert lines[1].endswith("(4 like it left out)")


def test_other_errors_keep_their_traceback(
    logged: tuple[logging.Logger, io.StringIO, Clock],
) -> None:
    logger, stream, _ = logged
    try:
        raise KeyError("evse")
    except KeyError:
        logger.exception("handler failed")
    assert "ERROR test.outage handler failed" in stream.getvalue()
    assert "Traceback" in stream.getvalue()
