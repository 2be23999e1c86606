"""Pure device-model policy."""

from __future__ import annotations

from datetime import datetime


def reboot_pending(reboot_required_at: datetime | None, last_boot_at: datetime | None) -> bool:
    """A station that answered RebootRequired still needs a reboot until it boots again: a
    BootNotification after the answer clears the flag."""
    if reboot_required_at is None:
        return False
    return last_boot_at is None or last_boot_at < reboot_required_at
