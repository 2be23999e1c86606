"""Pure device-model policy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from modules.device_model.identity import VariableRef
from modules.device_model.records import AttributeRow

REBOOT_REQUIRED = "RebootRequired"
HEARTBEAT_INTERVAL = VariableRef("OCPPCommCtrlr", "HeartbeatInterval")
"""The heartbeat interval a station uses (Part 2 §2.1.5; seconds, minLimit 1)."""


def requires_reboot(statuses: Iterable[str | None]) -> bool:
    """A SetVariables answer with any RebootRequired item flags the station (B05)."""
    return REBOOT_REQUIRED in statuses


def reboot_pending(reboot_required_at: datetime | None, last_boot_at: datetime | None) -> bool:
    """A station that answered RebootRequired still needs a reboot until it boots again: a
    BootNotification after the answer clears the flag."""
    if reboot_required_at is None:
        return False
    return last_boot_at is None or last_boot_at < reboot_required_at


def heartbeat_interval_written(attributes: Iterable[AttributeRow]) -> int | None:
    """The OCPPCommCtrlr.HeartbeatInterval (Actual) a SetVariables answer took, when it took
    one that is a whole number of seconds > 0 (B05: its boots are then answered with it)."""
    written = None
    for row in attributes:
        if row.key == HEARTBEAT_INTERVAL.key and row.type == "Actual" and row.value is not None:
            try:
                seconds = int(row.value.strip())
            except ValueError:
                continue
            if seconds > 0:
                written = seconds
    return written
