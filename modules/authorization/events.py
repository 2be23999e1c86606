"""Events of the authorization block."""

from __future__ import annotations

from modules.kernel.events import Event, event


@event("CACHE_CLEARED")
class CacheCleared(Event):
    """C11: the station answered ClearCache (Accepted or Rejected)."""

    status: str
