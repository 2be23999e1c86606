"""Events of the authorization block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import Event, register


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class CacheCleared(Event):
    """C11: the station answered ClearCache (Accepted or Rejected)."""

    TYPE: ClassVar[str] = "CACHE_CLEARED"
    status: str
