"""Events of the device-model block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import Event, register


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class ReportCompleted(Event):
    """B07/B08: every part of a report arrived (emitted once per report)."""

    TYPE: ClassVar[str] = "REPORT_COMPLETED"
    request_id: int
    parts: int
    variables: int
    kind: str | None = None
    report_base: str | None = None


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class VariablesRead(Event):
    """B06: the station answered GetVariables; `accepted` values were stored."""

    TYPE: ClassVar[str] = "VARIABLES_READ"
    requested: int
    accepted: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VariableSetStatus:
    """The station's answer for one SetVariables item."""

    component: str
    variable: str
    attribute_type: str
    status: str


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class VariablesSet(Event):
    """B05: the station answered SetVariables, item by item."""

    TYPE: ClassVar[str] = "VARIABLES_SET"
    results: tuple[VariableSetStatus, ...]
    reboot_required: bool
