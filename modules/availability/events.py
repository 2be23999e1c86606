"""Events of the availability block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import register
from modules.kernel.ocpp_parts import Answered


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class AvailabilityChanged(Answered):
    """G03/G04: the station answered a ChangeAvailability (what was asked and its status)."""

    TYPE: ClassVar[str] = "AVAILABILITY_CHANGED"
    operational_status: str
    scope: str
    evse_id: int | None
    connector_id: int | None
