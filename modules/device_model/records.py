"""The device model's plain records: what the store takes and gives (no ORM objects)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from modules.device_model.identity import VariableRef
from modules.kernel.records import ComponentVariable


@dataclass(frozen=True, slots=True)
class Characteristics:
    """A variable's VariableCharacteristics."""

    data_type: str
    supports_monitoring: bool
    unit: str | None = None
    min_limit: float | None = None
    max_limit: float | None = None
    values_list: str | None = None


@dataclass(frozen=True, slots=True)
class VariableRow:
    """A variable to upsert; characteristics None leaves the stored ones as they are."""

    ref: VariableRef
    characteristics: Characteristics | None = None


@dataclass(frozen=True, slots=True)
class DeviceModelRows:
    """What one station message writes into the device model: variables, then their
    attributes."""

    variables: Sequence[VariableRow]
    attributes: Sequence[AttributeRow]


@dataclass(frozen=True, slots=True)
class AttributeRow:
    """An attribute to upsert for the variable with `key`; None mutability, persistent or
    constant keeps the stored value."""

    key: str
    type: str
    value: str | None
    mutability: str | None = None
    persistent: bool | None = None
    constant: bool | None = None


@dataclass(frozen=True, slots=True)
class RequestedReport:
    """What the CSMS asks for: the command, its report base or its criteria."""

    kind: str
    report_base: str | None = None
    details: dict[str, Any] | None = None

    def columns(self, requested_at: datetime) -> dict[str, Any]:
        """The report's request fields (columns), asked for at `requested_at`."""
        return {
            "kind": self.kind,
            "report_base": self.report_base,
            "request": self.details,
            "requested_at": requested_at,
        }


@dataclass(frozen=True, slots=True)
class ReportRequestAnswer:
    """A station's answer to report request `request_id`, which asked for `wanted`: its
    status and the reason code of its statusInfo."""

    request_id: int
    wanted: RequestedReport
    status: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class VariableFilter:
    """Which attributes a `variables` read returns: at most `limit`, ordered by (variable
    key, attribute type), after that pair when given; `component` and `variable` match
    names ignoring case."""

    limit: int
    component: str | None = None
    variable: str | None = None
    after: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ReportPart:
    """One NotifyReport part as received: its place in the report and how many items."""

    request_id: int
    seq_no: int
    tbc: bool
    items: int
    generated_at: datetime


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """A report of a station by request id: what was asked, the answer, the parts.

    `kind` is None for a report this CSMS did not request (its parts arrived first)."""

    request_id: int
    kind: str | None = None
    report_base: str | None = None
    request: dict[str, Any] | None = None
    requested_at: datetime | None = None
    outcome: str | None = None
    status: str | None = None
    status_reason: str | None = None
    error_code: str | None = None
    parts: int = 0
    variables: int = 0
    final_seq_no: int | None = None
    last_part_at: datetime | None = None
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """What one NotifyReport part did to its report."""

    duplicate: bool
    completed: bool
    report: ReportRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributeRecord(ComponentVariable):
    """One stored attribute of one variable, with the variable's identity and
    characteristics (a row of the `variables` read)."""

    key: str
    type: str
    value: str | None
    mutability: str | None
    persistent: bool | None
    constant: bool | None
    data_type: str | None
    unit: str | None
    min_limit: float | None
    max_limit: float | None
    values_list: str | None
    supports_monitoring: bool | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DeviceState:
    """A known station's reboot flag and last boot, as stored."""

    station_id: str
    reboot_required_at: datetime | None
    last_boot_at: datetime | None
