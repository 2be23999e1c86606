"""Password checks of station handshakes, run on a small pool of threads with a bounded queue.

A check costs a memory-hard hash (tens of milliseconds of CPU). Run on the default executor,
a flood of wrong guesses would occupy every core and delay every other station's frames; here
at most `workers` hashes run at once, at most `queue` more wait, and a check beyond that is
answered "busy" at once (the handshake gets 503), so guessing cannot starve the node.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from modules.kernel.passwords import verify_password


class PasswordChecks:
    """Bounded, off-loop password verification."""

    def __init__(self, workers: int = 1, queue: int = 32) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="password")
        self._limit = workers + queue
        self._pending = 0

    @property
    def pending(self) -> int:
        """Checks running or waiting."""
        return self._pending

    async def verify(self, password: str, stored: str) -> bool | None:
        """Whether `password` matches `stored`; None when too many checks are pending."""
        if self._pending >= self._limit:
            return None
        self._pending += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, verify_password, password, stored)
        finally:
            self._pending -= 1

    def close(self) -> None:
        """Stop the threads (checks under way finish)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
