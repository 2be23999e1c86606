"""Where a device-model report stands (pure): completed, still coming, or failed.

A report that will never complete must not look as if it were still coming: it failed when
its request got no answer (OFFLINE, TIMEOUT, CALL_ERROR), when the station answered something
other than Accepted (no NotifyReport follows: B07/B08), or when no NotifyReport part arrived
for the report timeout (`CSMS_REPORT_TIMEOUT_SECONDS`) since the request or its last part.
Judged when read, so a part that arrives late still counts and can complete it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from enum import Enum

from modules.device_model.records import ReportRecord

DEFAULT_REPORT_TIMEOUT_SECONDS = 300.0
ACCEPTED = "Accepted"
ANSWERED = "RESULT"


class ReportState(Enum):
    """A report's state."""

    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class ReportView(ReportRecord):
    """A report with its state and, when it failed, why."""

    state: ReportState = ReportState.PENDING
    failure_reason: str | None = None


def _failure(record: ReportRecord, now: datetime, timeout: float) -> str | None:
    """Why the report will not complete; None while it may."""
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
            f"timed out: no NotifyReport part within {timeout:g} s of {after} "
            f"(CSMS_REPORT_TIMEOUT_SECONDS); {record.parts} part(s) received"
        )
    return None


def judge(record: ReportRecord, now: datetime, timeout: float) -> ReportView:
    """The report's state at `now`, given the report timeout in seconds."""
    view = ReportView(**{field.name: getattr(record, field.name) for field in fields(ReportRecord)})
    if record.completed_at is not None:
        return replace(view, state=ReportState.COMPLETED)
    reason = _failure(record, now, timeout)
    if reason is None:
        return view
    return replace(view, state=ReportState.FAILED, failure_reason=reason)
