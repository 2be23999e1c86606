"""Pure device-model policy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

REBOOT_REQUIRED = "RebootRequired"


def requires_reboot(statuses: Iterable[str | None]) -> bool:
    """A SetVariables answer with any RebootRequired item flags the station (B05)."""
    return REBOOT_REQUIRED in statuses


def reboot_pending(reboot_required_at: datetime | None, last_boot_at: datetime | None) -> bool:
    """A station that answered RebootRequired still needs a reboot until it boots again: a
    BootNotification after the answer clears the flag."""
    if reboot_required_at is None:
        return False
    return last_boot_at is None or last_boot_at < reboot_required_at
