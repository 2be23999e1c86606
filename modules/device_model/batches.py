"""How many GetVariables / SetVariables items go in one request (pure).

B06.FR.05 and B05.FR.11: the CSMS SHALL NOT send more GetVariableData (SetVariableData)
elements in one request than the station reported as `DeviceDataCtrlr.ItemsPerMessage`
with the instance `GetVariables` (`SetVariables`); `DeviceDataCtrlr.BytesPerMessage` of the
same instance limits the message's size. GetReport has the same pair (B08.FR.06), checked
rather than split: one report is one requestId. The splitting itself is the kernel's
(`modules/kernel/message_limits.py`), shared with the monitoring commands.
"""

from __future__ import annotations

from collections.abc import Mapping

from modules.device_model.identity import VariableRef
from modules.kernel.message_limits import MessageLimits, batches, frame_size, positive

__all__ = ["CONTROLLER", "MessageLimits", "batches", "frame_size", "limit_refs", "limits_of"]

CONTROLLER = "DeviceDataCtrlr"


def limit_refs(action: str) -> tuple[VariableRef, VariableRef]:
    """The ItemsPerMessage and BytesPerMessage variables for `action`."""
    return (
        VariableRef(CONTROLLER, "ItemsPerMessage", variable_instance=action),
        VariableRef(CONTROLLER, "BytesPerMessage", variable_instance=action),
    )


def limits_of(action: str, values: Mapping[str, str | None]) -> MessageLimits:
    """The limits in `values` (Actual values by variable key); a value that is not a
    positive integer is no limit."""
    items, bytes_ = limit_refs(action)
    return MessageLimits(positive(values.get(items.key)), positive(values.get(bytes_.key)))
