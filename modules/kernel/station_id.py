"""Charging station identity rules from the connection URL (Part 4 §3.1.1).

The identity is an identifierString (Part 2, primitive datatypes): only ASCII letters, digits
and `* - _ = : + | @ .`, at most 48 characters. The colon is refused as well, as Part 4 §3.1.1
says: the identity is the basic-auth username and ':' ends that username (RFC 7617), so a
station whose id held one could never authenticate. Anything else (spaces, '<', non-ASCII look-
alikes such as U+2010 for '-') is refused, so that one station cannot appear under many
spellings. The same rule guards the connection URL and the operator's registration.
"""

from __future__ import annotations

import string

MAX_STATION_ID = 48

ALLOWED_CHARACTERS = frozenset(string.ascii_letters + string.digits + "*-_=+|@.")
"""identifierString's characters without ':' (the basic-auth username separator)."""


def station_id_problem(station_id: str) -> str | None:
    """Why `station_id` (already percent-decoded) is not acceptable, or None if it is."""
    if not station_id:
        return "station id is empty"
    if len(station_id) > MAX_STATION_ID:
        return f"station id longer than {MAX_STATION_ID} characters"
    if ALLOWED_CHARACTERS.issuperset(station_id):
        return None
    if ":" in station_id:
        return "station id must not contain ':' (it is the basic-auth username)"
    return (
        "station id may only contain the identifierString characters "
        "A-Z a-z 0-9 * - _ = + | @ . (Part 4 §3.1.1)"
    )
