"""aiocache-backed implementation of the Cache port: in-memory by default, Redis by URL.

Every Redis call has a deadline (aiocache's per-call timeout, and the socket's own timeouts
for connecting and for each reply); a call that fails on the way or misses it raises
`DependencyUnavailable("cache")`, so callers can say what is unavailable. The station
directory's two atomic steps (`claim_newest`, `delete_if_equal`) are in `infra/cache/claims.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar
from urllib.parse import urlparse

from aiocache import RedisCache, SimpleMemoryCache
from aiocache.serializers import StringSerializer
from redis.exceptions import RedisError

from infra.cache.claims import Claimed, Claims, MemoryClaims, RedisClaims
from modules.kernel.outages import CACHE, DependencyUnavailable

T = TypeVar("T")

DEFAULT_TIMEOUT = 2.0
"""Seconds a Redis call (connecting included) may take."""
_OUTAGES = (RedisError, OSError, TimeoutError)


class AioCache:
    """The Cache port on aiocache; keys live under `namespace`."""

    def __init__(self, backend: Any, claims: Claims) -> None:
        self._backend = backend
        self._claims = claims

    @classmethod
    def memory(cls, namespace: str = "csms") -> AioCache:
        """An in-process cache (one node only). Its operations are dict lookups that cannot
        hang, so they run without aiocache's per-call timeout (a wait_for and a timer each:
        a fleet reconnecting at once spent a sixth of the node's time in them)."""
        backend = SimpleMemoryCache(serializer=StringSerializer(), namespace=namespace, timeout=0)
        return cls(backend, MemoryClaims(backend))

    @classmethod
    def redis(cls, url: str, namespace: str = "csms", timeout: float = DEFAULT_TIMEOUT) -> AioCache:
        """A Redis-backed cache shared by every node, from `redis://host:port/db`; each call
        gives up after `timeout` seconds."""
        parsed = urlparse(url)
        db = int(parsed.path.lstrip("/") or 0)
        backend = RedisCache(
            serializer=StringSerializer(),
            namespace=namespace,
            endpoint=parsed.hostname or "127.0.0.1",
            port=parsed.port or 6379,
            db=db,
            password=parsed.password,
            timeout=timeout,
            create_connection_timeout=timeout,
            connection_pool_kwargs={"socket_timeout": timeout},
        )
        return cls(backend, RedisClaims(backend.client, timeout))

    async def get(self, key: str) -> str | None:
        """The value under `key`, or None."""
        value = await _guarded(self._backend.get(key))
        return None if value is None else str(value)

    async def set(self, key: str, value: str, ttl: float | None = None) -> None:
        """Store `value`, with an optional expiry in seconds."""
        await _guarded(self._backend.set(key, value, ttl=ttl))

    async def delete(self, key: str) -> None:
        """Remove `key`."""
        await _guarded(self._backend.delete(key))

    async def increment(self, key: str, delta: int = 1) -> int:
        """INCRBY on Redis; the memory backend's own increment otherwise."""
        return int(await _guarded(self._backend.increment(key, delta)))

    async def claim_newest(self, key: str, entry: str) -> Claimed:
        """Store `entry` ("<holder> <connection id>") under `key` in one atomic step, unless
        the entry there names a connection of a later generation; says what it found."""
        return await _guarded(self._claims.claim(self._backend.build_key(key), entry))

    async def delete_if_equal(self, key: str, entry: str) -> bool:
        """Remove `key` in one atomic step if it still holds `entry`; True when it did."""
        return await _guarded(self._claims.delete_if_equal(self._backend.build_key(key), entry))

    async def ping(self) -> bool:
        """Round-trip a probe key."""
        try:
            await _guarded(self._backend.set("__ping__", "1", ttl=5))
            return bool(await _guarded(self._backend.get("__ping__")) == "1")
        except Exception:
            return False

    async def close(self) -> None:
        """Close connections."""
        await self._backend.close()


async def _guarded(call: Awaitable[T]) -> T:
    """`call`'s result; a connection failure or a missed deadline becomes
    `DependencyUnavailable("cache")`."""
    try:
        return await call
    except _OUTAGES as error:
        raise DependencyUnavailable(CACHE) from error
