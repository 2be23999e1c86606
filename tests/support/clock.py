"""The fixed moment and station id that unit and contract tests share."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
"""The tests' "now": 24 November 2026, 10:00 UTC."""

STATION = "CS1"
"""The station id a test talks to when only one station matters."""
