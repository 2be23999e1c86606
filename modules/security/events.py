"""Event types the security module emits."""

from __future__ import annotations

SECURITY_EVENT = "SECURITY_EVENT"
