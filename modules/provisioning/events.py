"""Event types the provisioning module emits."""

from __future__ import annotations

CONNECTED = "CONNECTED"
DISCONNECTED = "DISCONNECTED"
BOOT = "BOOT"
STATUS_CHANGED = "STATUS_CHANGED"
