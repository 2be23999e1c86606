"""Bounded polling for the simulator tests (never a timing assertion, just a bounded wait)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def poll_until(
    condition: Callable[[], bool], timeout: float = 15.0, interval: float = 0.02
) -> None:
    """Return once `condition()` holds; fail the test after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(interval)
