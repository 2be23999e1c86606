"""What the boot configurator needs from another block, wired by the composition root.

Commands go through the kernel's `CommandSender` port; opening a GetBaseReport request (its
request id allocated and recorded) belongs to the device-model block, reached through
`ReportOpener`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from modules.kernel.ports import CommandSender

ReportOpener = Callable[[str, str, datetime], Awaitable[int | None]]
"""Allocates and records a GetBaseReport request id: (station, report base, now) -> id, None
when the station is unknown."""

CommandPort = CommandSender
"""Transitional alias of the kernel's `CommandSender` for the authorization block's local-list
publisher, which still imports it from here; new code uses `modules.kernel.ports`."""
