"""Where a device-model report stands (issue 24 item 16), without database or network."""

from __future__ import annotations

from datetime import timedelta

from modules.device_model import ReportState
from modules.device_model.records import ReportRecord
from modules.device_model.report_state import judge
from tests.support.clock import NOW

ASKED = ReportRecord(request_id=1, kind="GetBaseReport", requested_at=NOW)


def test_a_complete_report_is_completed_whatever_the_time() -> None:
    done = ReportRecord(request_id=1, completed_at=NOW, last_part_at=NOW)
    assert judge(done, NOW + timedelta(days=1), 60).state is ReportState.COMPLETED


def test_an_incomplete_report_is_pending_until_the_timeout_since_its_last_activity() -> None:
    accepted = ReportRecord(
        request_id=1,
        requested_at=NOW,
        outcome="RESULT",
        status="Accepted",
        parts=2,
        last_part_at=NOW + timedelta(seconds=30),
    )
    assert judge(accepted, NOW + timedelta(seconds=89), 60).state is ReportState.PENDING
    late = judge(accepted, NOW + timedelta(seconds=90), 60)
    assert late.state is ReportState.FAILED
    assert late.failure_reason == (
        "timed out: no NotifyReport part within 60 s of its last part "
        "(CSMS_REPORT_TIMEOUT_SECONDS); 2 part(s) received"
    )
    assert judge(ASKED, NOW + timedelta(seconds=59), 60).state is ReportState.PENDING


def test_a_request_refused_or_unanswered_has_failed() -> None:
    refused = ReportRecord(request_id=1, outcome="RESULT", status="Rejected", status_reason="Busy")
    assert judge(refused, NOW, 60).failure_reason == (
        "the station answered Rejected (Busy): no report follows"
    )
    offline = ReportRecord(request_id=1, outcome="CALL_ERROR", error_code="NotSupported")
    assert judge(offline, NOW, 60).failure_reason == (
        "the request got no answer: CALL_ERROR (NotSupported)"
    )
