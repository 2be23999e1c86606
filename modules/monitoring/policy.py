"""Monitoring rules (pure): which monitor a SetVariableMonitoring may ask for, how a monitor
is linked to the device model, what an eventData item does to an alert, when a multi-part
monitoring report is complete and where it stands.

Alerts (N07/N08): an eventData item with `cleared` true clears the alert of its
component-variable; any other item with trigger Alerting raises it. Delta and Periodic items
(N07.FR.18/19, N08.FR.05-07) report a value, not a condition: they are kept in the feed and
leave the alert state alone.

A monitoring report is complete when the part with tbc false (the final seqNo) and every seqNo
from the first one to it arrived, in any order; the first is 0 for a report this CSMS
requested (N02.FR.09), else the lowest received. A report fails when its request got no answer
(OFFLINE, TIMEOUT, CALL_ERROR), when the station answered other than Accepted (no report
follows), or when no part arrived within the report timeout (`CSMS_REPORT_TIMEOUT_SECONDS`) of
the request or its last part; judged when read, so a late part still counts.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from enum import StrEnum

from modules.kernel.commands import InvalidCommand
from modules.kernel.records import ComponentVariable
from modules.monitoring.records import JudgedReport, MonitoringReportRecord

KEY_SEPARATOR = "\x1f"
DEFAULT_REPORT_TIMEOUT_SECONDS = 300.0
"""How long a report waits for its next part unless CSMS_REPORT_TIMEOUT_SECONDS says."""
MAX_SEVERITY = 9
"""Severities run from 0 (Danger) to 9 (Debug)."""
ACCEPTED = "Accepted"
ANSWERED = "RESULT"
ALERTING = "Alerting"
THRESHOLDS = frozenset({"UpperThreshold", "LowerThreshold"})
PERIODIC = frozenset({"Periodic", "PeriodicClockAligned"})
GONE_AFTER_CLEAR = frozenset({"Accepted", "NotFound"})
"""ClearMonitoringResult statuses after which the station has no monitor of that id."""
BASES_DROPPING_CUSTOM = frozenset({"FactoryDefault", "HardWiredOnly"})
"""SetMonitoringBase values after which the station's custom monitors are gone (N03.FR.04/05)."""


class AlertChange(StrEnum):
    """What an eventData item does to the alert state of its component-variable."""

    RAISE = "RAISE"
    CLEAR = "CLEAR"


class ReportState(StrEnum):
    """Where a monitoring report stands."""

    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


def variable_key(where: ComponentVariable) -> str:
    """The device model's key of the component-variable (`device_variable.key`): names and
    instances lower-cased (OCPP names are case-insensitive), an absent part empty."""
    parts = (
        where.component.lower(),
        (where.component_instance or "").lower(),
        "" if where.evse_id is None else str(where.evse_id),
        "" if where.connector_id is None else str(where.connector_id),
        where.variable.lower(),
        (where.variable_instance or "").lower(),
    )
    return KEY_SEPARATOR.join(parts)


def check_monitor(index: int, type_: str, value: float, severity: int) -> None:
    """InvalidCommand naming `items[index]` when a SetMonitoringData cannot be what the CSMS
    means: a severity outside 0-9, a negative Delta (N04.FR.14), a period not above 0."""
    where = f"items[{index}]"
    if not 0 <= severity <= MAX_SEVERITY:
        raise InvalidCommand(f"{where}.severity", f"must be between 0 and {MAX_SEVERITY}")
    if type_ == "Delta" and value < 0:
        raise InvalidCommand(f"{where}.value", "a Delta monitor's value must not be negative")
    if type_ in PERIODIC and value <= 0:
        raise InvalidCommand(f"{where}.value", "a period must be more than 0 seconds")


def check_level(severity: int) -> None:
    """InvalidCommand when a SetMonitoringLevel severity is outside 0-9 (N05.FR.02)."""
    if not 0 <= severity <= MAX_SEVERITY:
        raise InvalidCommand("severity", f"must be between 0 and {MAX_SEVERITY}")


def alert_change(trigger: str, cleared: bool | None) -> AlertChange | None:
    """N07.FR.02/16/17: what an eventData item does to its alert (None: nothing)."""
    if cleared:
        return AlertChange.CLEAR
    if trigger == ALERTING:
        return AlertChange.RAISE
    return None


def report_complete(
    seq_nos: Collection[int], final_seq_no: int | None, first_seq_no: int | None
) -> bool:
    """Whether the received `seq_nos` complete a report whose tbc=false part is
    `final_seq_no` (None until it arrives); `first_seq_no` 0 for a report this CSMS
    requested, None when unknown (the lowest received is the first)."""
    if final_seq_no is None or not seq_nos:
        return False
    received = set(seq_nos)
    first = min(received) if first_seq_no is None else first_seq_no
    return first <= final_seq_no and all(n in received for n in range(first, final_seq_no + 1))


def report_failure(record: MonitoringReportRecord, now: datetime, timeout: float) -> str | None:
    """Why the report will not complete; None while it may (or when it did)."""
    if record.completed_at is not None:
        return None
    if record.outcome is not None and record.outcome != ANSWERED:
        code = f" ({record.error_code})" if record.error_code else ""
        return f"the request got no answer: {record.outcome}{code}"
    if record.status is not None and record.status != ACCEPTED:
        reason = f" ({record.status_reason})" if record.status_reason else ""
        return f"the station answered {record.status}{reason}: no report follows"
    since = record.last_part_at or record.requested_at
    if since is not None and now - since >= timedelta(seconds=timeout):
        after = "its last part" if record.last_part_at is not None else "the request"
        return (
            f"timed out: no NotifyMonitoringReport part within {timeout:g} s of {after} "
            f"(CSMS_REPORT_TIMEOUT_SECONDS); {record.parts} part(s) received"
        )
    return None


def judge(record: MonitoringReportRecord, now: datetime, timeout: float) -> JudgedReport:
    """The report with its state at `now`, given the report timeout in seconds."""
    if record.completed_at is not None:
        return JudgedReport(record, ReportState.COMPLETED.value)
    reason = report_failure(record, now, timeout)
    if reason is not None:
        return JudgedReport(record, ReportState.FAILED.value, reason)
    return JudgedReport(record, ReportState.PENDING.value)


def whole_set(record: MonitoringReportRecord) -> bool:
    """Whether the report lists every monitor of the station (N02.FR.11): this CSMS asked
    for it without criteria and without component-variables."""
    return (
        record.requested_at is not None and not record.criteria and not record.component_variables
    )
