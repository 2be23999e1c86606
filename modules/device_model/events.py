"""Events of the device-model block."""

from __future__ import annotations

from dataclasses import dataclass

from modules.kernel.events import Event, event


@event("REPORT_COMPLETED")
class ReportCompleted(Event):
    """B07/B08: every part of a report arrived (emitted once per report)."""

    request_id: int
    parts: int
    variables: int
    kind: str | None = None
    report_base: str | None = None


@event("VARIABLES_READ")
class VariablesRead(Event):
    """B06: the station answered GetVariables; `accepted` values were stored."""

    requested: int
    accepted: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VariableSetStatus:
    """The station's answer for one SetVariables item."""

    component: str
    variable: str
    attribute_type: str
    status: str


@event("VARIABLES_SET")
class VariablesSet(Event):
    """B05: the station answered SetVariables, item by item."""

    results: tuple[VariableSetStatus, ...]
    reboot_required: bool
