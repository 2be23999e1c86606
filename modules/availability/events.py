"""Event types the availability module emits."""

from __future__ import annotations

AVAILABILITY_CHANGED = "AVAILABILITY_CHANGED"
