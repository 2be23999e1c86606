"""Charging station identity rules from the connection URL (Part 4 §3.1.1)."""

from __future__ import annotations

MAX_STATION_ID = 48


def station_id_problem(station_id: str) -> str | None:
    """Why `station_id` (already percent-decoded) is not acceptable, or None if it is."""
    if not station_id:
        return "station id is empty"
    if len(station_id) > MAX_STATION_ID:
        return f"station id longer than {MAX_STATION_ID} characters"
    if ":" in station_id:
        return "station id must not contain ':' (it is the basic-auth username)"
    if any(ord(ch) < 0x20 or ch in "/\\\x7f" for ch in station_id):
        return "station id contains a control character or a slash"
    return None
