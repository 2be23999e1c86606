"""Provisioning (OCPP 2.0.1 block B) and station presence.

Answers BootNotification (B01-B03), Heartbeat (G02) and StatusNotification (G01), and follows
each station's websocket lifecycle to keep `online` and `lastSeenAt` true. Emits CONNECTED,
DISCONNECTED, BOOT and STATUS_CHANGED events.
"""

from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.events import (
    Booted,
    Connected,
    Disconnected,
    NetworkProfileSet,
    StatusChanged,
)
from modules.provisioning.module import build_module

__all__ = [
    "Booted",
    "Connected",
    "Disconnected",
    "NetworkProfileSet",
    "ProvisioningConfig",
    "StatusChanged",
    "build_module",
]
