"""Log rules (N01): the GetLog window and counters, the upload URL and its token's digest,
stored file names, and where a request stands."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.logs import State, get_log, state_of
from modules.logs.policy import (
    file_name,
    stored_request_id,
    token_digest,
    upload_location,
)
from tests.support.clock import NOW


def test_the_window_needs_zones_and_order() -> None:
    with pytest.raises(InvalidCommand) as late:
        get_log("DiagnosticsLog", NOW, NOW - timedelta(seconds=1))
    assert late.value.field == "toTime"
    with pytest.raises(InvalidCommand) as naive:
        get_log("SecurityLog", datetime(2026, 1, 1))
    assert naive.value.field == "fromTime"
    assert get_log("SecurityLog", NOW, NOW).wanted.oldest_timestamp == NOW


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [("retries", {"retries": -1}), ("retryInterval", {"retry_interval": 2**31})],
)
def test_retries_and_interval_are_counts(field: str, kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidCommand) as refused:
        get_log("DiagnosticsLog", **kwargs)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_upload_url_fits_remote_location() -> None:
    """GetLogRequest log.remoteLocation holds at most 512 characters."""
    assert upload_location("https://csms.example/", "tok") == "https://csms.example/logs/upload/tok"
    with pytest.raises(InvalidCommand):
        upload_location("https://csms.example/" + "x" * 480, "t" * 43)


def test_only_a_digest_of_the_token_is_kept() -> None:
    digest = token_digest("secret-token")
    assert len(digest) == 64 and "secret-token" not in digest
    assert digest == token_digest("secret-token") != token_digest("secret-tokeN")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("diag_20261124.zip", "diag_20261124.zip"),
        ("../../etc/passwd", "passwd"),
        ("C:\\logs\\security log.tar.gz", "security log.tar.gz"),
        ('a"b;c\r\n.log', "a_b_c__.log"),
        ("..", "fallback.log"),
        (None, "fallback.log"),
        ("x" * 300, "x" * 255),
    ],
)
def test_stored_file_names_are_safe(given: str | None, stored: str) -> None:
    assert file_name(given, "fallback.log") == stored


def test_a_request_id_past_32_bits_is_not_stored() -> None:
    assert stored_request_id(None) is None and stored_request_id(7) == 7
    with pytest.raises(PropertyConstraintViolation):
        stored_request_id(2**31)


@pytest.mark.parametrize(
    ("outcome", "status", "last", "uploaded", "state"),
    [
        (None, None, None, False, State.REQUESTED),
        ("TIMEOUT", None, None, False, State.FAILED),
        ("RESULT", "Rejected", None, False, State.REJECTED),
        ("RESULT", "Accepted", None, False, State.ACCEPTED),
        ("RESULT", "AcceptedCanceled", None, False, State.ACCEPTED),
        ("RESULT", "Accepted", "Uploading", False, State.UPLOADING),
        ("RESULT", "Accepted", "Uploading", True, State.UPLOADED),
        ("RESULT", "Accepted", "Uploaded", False, State.UPLOADED),
        ("RESULT", "Accepted", "PermissionDenied", False, State.UPLOAD_FAILED),
        ("RESULT", "Accepted", "AcceptedCanceled", False, State.CANCELED),
    ],
)
def test_where_a_request_stands(
    outcome: str | None, status: str | None, last: str | None, uploaded: bool, state: State
) -> None:
    assert state_of(outcome, status, last, uploaded) is state
