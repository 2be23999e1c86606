"""Events of the availability block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import Event, register


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class AvailabilityChanged(Event):
    """G03/G04: the station answered a ChangeAvailability (what was asked and its status)."""

    TYPE: ClassVar[str] = "AVAILABILITY_CHANGED"
    operational_status: str
    scope: str
    evse_id: int | None
    connector_id: int | None
    status: str
    reason_code: str | None = None
    additional_info: str | None = None
