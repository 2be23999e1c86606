"""Events of the local-lists block."""

from __future__ import annotations

from modules.kernel.events import Event, event


@event("LOCAL_LIST_CHANGED")
class LocalListChanged(Event):
    """The station's local list moved on, or it must be resent; the publisher delivers it.
    `reason`: Changed, Assigned, TokenChanged, VersionMismatch or VersionReported."""

    reason: str
    version: int
    list_name: str | None = None


@event("LOCAL_LIST_UPDATED")
class LocalListUpdated(Event):
    """The version the station holds changed (`source`: SendLocalList or
    GetLocalListVersion)."""

    version_number: int
    previous_version: int | None
    source: str
