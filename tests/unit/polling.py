"""A bounded wait for plain state that tasks change (never a timing assertion)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest


async def eventually(
    condition: Callable[[], bool],
    what: str = "the condition",
    timeout: float = 5.0,
    interval: float = 0.001,
) -> None:
    """Return once `condition()` holds; fail the test if it does not within `timeout` seconds."""
    try:
        async with asyncio.timeout(timeout):
            while not condition():  # noqa: ASYNC110 - conditions are plain state, not events
                await asyncio.sleep(interval)
    except TimeoutError:
        pytest.fail(f"timed out waiting for {what}")
