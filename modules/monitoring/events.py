"""Event types the monitoring module emits."""

from __future__ import annotations

ALERT = "ALERT"
