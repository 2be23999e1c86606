"""Events of the availability block."""

from __future__ import annotations

from modules.kernel.events import event
from modules.kernel.ocpp_parts import Answered


@event("AVAILABILITY_CHANGED")
class AvailabilityChanged(Answered):
    """G03/G04: the station answered a ChangeAvailability (what was asked and its status)."""

    operational_status: str
    scope: str
    evse_id: int | None
    connector_id: int | None
