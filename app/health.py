"""`/healthz` (the process is alive) and `/readyz` (database, cache and bus reachable).

`/readyz` runs its three checks at once, each within `READINESS_DEADLINE` seconds, so it
answers within a second even when a dependency hangs; a check that fails or runs out of time
counts as unavailable, and the answer (503) names it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from aiohttp import web
from tortoise import Tortoise

from modules.kernel.ports import Bus, Cache

READINESS_DEADLINE = 0.8
"""Seconds each readiness check may take."""


async def healthz(request: web.Request) -> web.Response:
    """Alive."""
    return web.json_response({"status": "ok"})


async def database_reachable() -> bool:
    """Run `SELECT 1` on the default connection."""
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True


async def _within_deadline(check: Awaitable[bool], deadline: float) -> bool:
    try:
        return await asyncio.wait_for(check, deadline)
    except Exception:  # a check that raises or runs out of time: unavailable
        return False


async def readiness(
    cache: Cache, bus: Bus, deadline: float = READINESS_DEADLINE
) -> dict[str, bool]:
    """Each dependency's reachability, checked at once, each within `deadline` seconds."""
    database, cache_ok, bus_ok = await asyncio.gather(
        _within_deadline(database_reachable(), deadline),
        _within_deadline(cache.ping(), deadline),
        _within_deadline(bus.ping(), deadline),
    )
    return {"database": database, "cache": cache_ok, "bus": bus_ok}
