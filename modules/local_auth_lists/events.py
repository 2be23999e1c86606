"""Events of the local-lists block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import Event, register


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class LocalListChanged(Event):
    """The station's local list moved on, or it must be resent; the publisher delivers it.
    `reason`: Changed, Assigned, TokenChanged, VersionMismatch or VersionReported."""

    TYPE: ClassVar[str] = "LOCAL_LIST_CHANGED"
    reason: str
    version: int
    list_name: str | None = None


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class LocalListUpdated(Event):
    """The version the station holds changed (`source`: SendLocalList or
    GetLocalListVersion)."""

    TYPE: ClassVar[str] = "LOCAL_LIST_UPDATED"
    version_number: int
    previous_version: int | None
    source: str
