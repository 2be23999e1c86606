"""Atomic steps on an entry "<holder> <connection id>" (the station directory's, issue 20 item 2,
fencing): claim a key unless it names a connection of a later generation, and delete it only
while it still holds the same entry.

On Redis each step is one Lua script (EVALSHA, loaded again if Redis forgot it), which Redis
runs with no other command in between. In process the same steps read and write the memory
backend's dict with no await in between, so no other task of the event loop runs in between.
"""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple, Protocol

import redis.asyncio

from modules.kernel.connection_ids import generation_of


class Claimed(NamedTuple):
    """What a claim found and did."""

    stored: bool
    """The key now holds the claimant's entry: the one found was of an older or the same
    generation, or there was none."""
    previous: str | None
    """The entry found: the one replaced, or (not stored) the newer one that stays."""


def generation_held(entry: str) -> int:
    """The generation of the connection an entry names (the text after its first space)."""
    return generation_of(entry.partition(" ")[2])


# generation() is generation_of() over the text after the entry's first space: 16 hex digits
# then "-" in a 36-character id, or 0. Fixed-width lower-case hex compares as text in Lua
# (whose numbers are doubles, exact only up to 2^53) as it compares as a number in Python.
_GENERATION_LUA = """
local function generation(entry)
  local connection = string.match(entry, '^[^ ]* (.*)$')
  if connection == nil or #connection ~= 36 or string.sub(connection, 17, 17) ~= '-' then
    return '0000000000000000'
  end
  local head = string.sub(connection, 1, 16)
  if string.find(head, '^%x+$') == nil then
    return '0000000000000000'
  end
  return string.lower(head)
end
"""

CLAIM_SCRIPT = (
    _GENERATION_LUA
    + """
local current = redis.call('GET', KEYS[1])
if current and generation(current) > generation(ARGV[1]) then
  return {0, current}
end
redis.call('SET', KEYS[1], ARGV[1])
return {1, current}
"""
)
"""KEYS[1] the key, ARGV[1] the claimant's entry; returns {stored 1/0, entry found or nil}."""

DELETE_IF_EQUAL_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
"""KEYS[1] the key, ARGV[1] the entry expected there; returns how many keys it deleted."""


class Claims(Protocol):
    """The two atomic steps on one backend; keys are the backend's full (namespaced) keys."""

    async def claim(self, key: str, entry: str) -> Claimed:
        """Store `entry` unless `key` holds one of a later generation."""
        ...

    async def delete_if_equal(self, key: str, entry: str) -> bool:
        """Delete `key` if it holds `entry`; True when it did."""
        ...


class MemoryClaims:
    """The steps on aiocache's SimpleMemoryCache: its `_cache` dict holds the values and its
    `_handlers` the pending expiries, which a write here cancels as its own `set` does."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend

    async def claim(self, key: str, entry: str) -> Claimed:
        """Store `entry` unless `key` holds one of a later generation."""
        values: dict[str, Any] = self._backend._cache
        found = values.get(key)
        current = None if found is None else str(found)
        if current is not None and generation_held(current) > generation_held(entry):
            return Claimed(stored=False, previous=current)
        self._forget_expiry(key)
        values[key] = entry
        return Claimed(stored=True, previous=current)

    async def delete_if_equal(self, key: str, entry: str) -> bool:
        """Delete `key` if it holds `entry`; True when it did."""
        values: dict[str, Any] = self._backend._cache
        if values.get(key) != entry:
            return False
        self._forget_expiry(key)
        del values[key]
        return True

    def _forget_expiry(self, key: str) -> None:
        handle = self._backend._handlers.pop(key, None)
        if handle is not None:
            handle.cancel()


class RedisClaims:
    """The steps as Lua scripts on a Redis client; each call gives up after `timeout` seconds."""

    def __init__(self, client: redis.asyncio.Redis, timeout: float) -> None:
        self._claim = client.register_script(CLAIM_SCRIPT)
        self._delete_if_equal = client.register_script(DELETE_IF_EQUAL_SCRIPT)
        self._timeout = timeout

    async def claim(self, key: str, entry: str) -> Claimed:
        """Store `entry` unless `key` holds one of a later generation."""
        async with asyncio.timeout(self._timeout):
            stored, previous = await self._claim(keys=[key], args=[entry])
        return Claimed(stored=stored == 1, previous=None if previous is None else previous.decode())

    async def delete_if_equal(self, key: str, entry: str) -> bool:
        """Delete `key` if it holds `entry`; True when it did."""
        async with asyncio.timeout(self._timeout):
            deleted = await self._delete_if_equal(keys=[key], args=[entry])
        return bool(deleted == 1)
