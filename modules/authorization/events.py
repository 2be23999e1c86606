"""Event types the authorization module emits."""

from __future__ import annotations

LOCAL_LIST_CHANGED = "LOCAL_LIST_CHANGED"
"""The station's local list moved on (or it must be resent): payload listName, version,
reason (Changed, Assigned, TokenChanged, VersionMismatch, VersionReported). The local-list
publisher delivers it."""

LOCAL_LIST_UPDATED = "LOCAL_LIST_UPDATED"
"""The version the station holds changed: payload versionNumber, previousVersion, source
(SendLocalList or GetLocalListVersion)."""

CACHE_CLEARED = "CACHE_CLEARED"
"""The station answered ClearCache: payload status (Accepted or Rejected)."""
