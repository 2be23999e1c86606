"""Firmware rules: the catalogue's and the commands' arguments, what a station may send that
the CSMS can store, and when an update ended."""

from __future__ import annotations

from datetime import timedelta

import pytest

from modules.firmware import policy
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from tests.support.clock import NOW
from tests.support.firmware import CERTIFICATE, SIGNATURE


@pytest.mark.parametrize(
    "value",
    ["https://fw.example/a.bin", "http://10.0.0.1:8180/firmware/files/x", "ftp://h/f", "sftp://h"],
)
def test_locations_are_absolute_uris(value: str) -> None:
    assert policy.location(f"  {value} ") == value


@pytest.mark.parametrize("value", ["", "fw.bin", "/firmware/1", "https://", "http://a b/c"])
def test_other_locations_are_refused(value: str) -> None:
    with pytest.raises(InvalidCommand) as refused:
        policy.location(value)
    assert (refused.value.field, refused.value.code) == ("location", "BAD_USER_INPUT")


def test_a_location_is_at_most_512_characters() -> None:
    assert policy.location("https://h/" + "a" * 502)
    with pytest.raises(InvalidCommand, match="at most 512"):
        policy.location("https://h/" + "a" * 503)


def test_checksums_are_md5_hex_lower_cased() -> None:
    assert policy.checksum("0123456789ABCDEF0123456789abcdef") == "0123456789abcdef" * 2
    assert policy.checksum(None) is None
    for bad in ("0" * 31, "g" * 32, "0" * 33):
        with pytest.raises(InvalidCommand, match="MD5"):
            policy.checksum(bad)


def test_signature_and_certificate_shapes() -> None:
    assert policy.signature(SIGNATURE) == SIGNATURE
    assert policy.signing_certificate(CERTIFICATE) == CERTIFICATE.strip()
    with pytest.raises(InvalidCommand, match="Base64"):
        policy.signature("not base64!")
    with pytest.raises(InvalidCommand, match="PEM"):
        policy.signing_certificate("MIIB...")
    with pytest.raises(InvalidCommand, match="NUL"):
        policy.version("1.0\x00")


def test_signed_parts_follow_l01_fr_11() -> None:
    """Signed carries both (the default when both are known), unsigned neither (L02); signed
    without both is refused."""
    assert policy.signed_parts(None, "s", "c") == ("s", "c")
    assert policy.signed_parts(True, "s", "c") == ("s", "c")
    assert policy.signed_parts(False, "s", "c") == (None, None)
    assert policy.signed_parts(None, "s", None) == (None, None)
    with pytest.raises(InvalidCommand) as refused:
        policy.signed_parts(True, None, "c")
    assert refused.value.field == "signed"


def test_counters_and_times() -> None:
    assert policy.counter("retries", 0) == 0
    assert policy.counter("retries", None) is None
    with pytest.raises(InvalidCommand):
        policy.counter("retryInterval", -1)
    policy.install_after_retrieve(NOW, NOW)
    with pytest.raises(InvalidCommand) as refused:
        policy.install_after_retrieve(NOW, NOW - timedelta(seconds=1))
    assert refused.value.field == "installDateTime"


def test_what_a_station_sends_must_be_storable() -> None:
    assert policy.stored_request_id("A", None) is None
    assert policy.stored_request_id("A", 2**31 - 1) == 2**31 - 1
    for odd in (2**31, -(2**31) - 1, 10**30):
        with pytest.raises(PropertyConstraintViolation):
            policy.stored_request_id("FirmwareStatusNotification", odd)
    assert policy.stored_locations("A", None) == ()
    with pytest.raises(PropertyConstraintViolation):
        policy.stored_locations("PublishFirmwareStatusNotification", ["ok", "N\x00UL"])


@pytest.mark.parametrize(
    ("outcome", "status", "last", "superseded", "ended"),
    [
        (None, None, None, False, None),
        ("RESULT", "Accepted", "Downloading", False, None),
        ("RESULT", "Accepted", "Installed", False, (True, "Installed")),
        ("RESULT", "AcceptedCanceled", "Installed", False, (True, "Installed")),
        ("RESULT", "Accepted", "DownloadFailed", False, (False, "DownloadFailed")),
        ("RESULT", "Accepted", "InstallationFailed", False, (False, "InstallationFailed")),
        (
            "RESULT",
            "Accepted",
            "InstallVerificationFailed",
            False,
            (False, "InstallVerificationFailed"),
        ),
        ("RESULT", "Accepted", "InvalidSignature", False, (False, "InvalidSignature")),
        ("RESULT", "Rejected", None, False, (False, "Rejected")),
        ("RESULT", "InvalidCertificate", None, False, (False, "InvalidCertificate")),
        ("RESULT", "RevokedCertificate", None, False, (False, "RevokedCertificate")),
        ("TIMEOUT", None, None, False, (False, "TIMEOUT")),
        ("OFFLINE", None, None, False, (False, "OFFLINE")),
        ("CALL_ERROR", None, None, False, (False, "CALL_ERROR")),
        ("RESULT", "Accepted", "Downloading", True, (False, "Superseded")),
    ],
)
def test_when_an_update_ended(
    outcome: str | None,
    status: str | None,
    last: str | None,
    superseded: bool,
    ended: tuple[bool, str] | None,
) -> None:
    assert policy.update_outcome(outcome, status, last, superseded) == ended
