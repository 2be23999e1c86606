"""Password checks run on a bounded pool: beyond its queue a check is answered "busy" at once,
so guessing cannot occupy every core (issue: 2,000 guesses raised other stations' p99)."""

from __future__ import annotations

import asyncio

from app.gateway.password_checks import PasswordChecks
from modules.kernel.passwords import hash_password


async def test_a_check_verifies_off_the_loop() -> None:
    checks = PasswordChecks(workers=1, queue=1)
    stored = hash_password("right-password-0123")
    assert await checks.verify("right-password-0123", stored) is True
    assert await checks.verify("wrong-password-0123", stored) is False
    checks.close()


async def test_checks_beyond_the_queue_are_answered_busy_without_hashing() -> None:
    checks = PasswordChecks(workers=1, queue=1)
    stored = hash_password("right-password-0123")
    first = asyncio.create_task(checks.verify("guess-1-xxxxxxxxxxxx", stored))
    second = asyncio.create_task(checks.verify("guess-2-xxxxxxxxxxxx", stored))
    await asyncio.sleep(0)
    assert checks.pending == 2
    assert await checks.verify("guess-3-xxxxxxxxxxxx", stored) is None
    assert list(await asyncio.gather(first, second)) == [False, False]
    assert checks.pending == 0
    checks.close()
