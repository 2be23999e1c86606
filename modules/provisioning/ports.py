"""What the provisioning block needs from another block, wired by the composition root.

Commands go through the kernel's `CommandSender` port; opening a GetBaseReport request (its
request id allocated and recorded) belongs to the device-model block, reached through
`ReportOpener`, and so does splitting SetVariables by the station's limits (`VariableSetter`)
and recording the heartbeat interval a boot gave a station (`HeartbeatAdopter`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from ocpp.v201 import call, call_result

from modules.kernel.commands import CommandResult
from modules.kernel.ports import CommandSender

ReportOpener = Callable[[str, str, datetime], Awaitable[int | None]]
"""Allocates and records a GetBaseReport request id: (station, report base, now) -> id, None
when the station is unknown."""

VariableSetter = Callable[
    [str, call.SetVariables, float | None], Awaitable[CommandResult[call_result.SetVariables]]
]
"""Sends SetVariables within the station's ItemsPerMessage / BytesPerMessage (B05.FR.11,
the device-model block's `VariableRequests.send_set_variables`): (station, request, timeout)
-> the answers merged into one."""

CommandPort = CommandSender
"""Transitional alias of the kernel's `CommandSender` for the authorization block's local-list
publisher, which still imports it from here; new code uses `modules.kernel.ports`."""

HeartbeatAdopter = Callable[[str, int, datetime], Awaitable[None]]
"""A boot told the station to use this heartbeat interval (B01.FR.04): (station, seconds,
now) -> its device model says so (the device-model block's `adopt_heartbeat_interval`), in
the boot's transaction."""
