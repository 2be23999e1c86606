"""`/healthz` (the process is alive) and `/readyz` (database, cache and bus reachable)."""

from __future__ import annotations

from aiohttp import web
from tortoise import Tortoise

from modules.kernel.ports import Bus, Cache


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


async def readiness(cache: Cache, bus: Bus) -> dict[str, bool]:
    """Each dependency's reachability."""
    return {
        "database": await database_reachable(),
        "cache": await cache.ping(),
        "bus": await bus.ping(),
    }
