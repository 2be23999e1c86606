"""Firmware rules, no I/O: what the catalogue, the commands and the campaigns accept, what a
station's statuses and answers mean for an update, and what the CSMS can store of what a
station sends."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime

from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.value_limits import INT_MAX, INT_MIN

BAD_USER_INPUT = "BAD_USER_INPUT"

MAX_VERSION = 50
MAX_LOCATION = 512
MAX_SIGNATURE = 800
MAX_CERTIFICATE = 5500
MAX_DESCRIPTION = 255
MAX_CAMPAIGN_NAME = 100
CHECKSUM_LENGTH = 32

INSTALLED = "Installed"
"""The status that ends an update well (L01.FR.28, L02.FR.20)."""

FAILED_STATUSES = frozenset(
    {"DownloadFailed", "InstallationFailed", "InstallVerificationFailed", "InvalidSignature"}
)
"""Statuses that end an update badly (L01.FR.30, L01.FR.29, L01.FR.03, L02.FR.19)."""

REFUSED_ANSWERS = frozenset({"Rejected", "InvalidCertificate", "RevokedCertificate"})
"""UpdateFirmware answers with which the station will not update (L01.FR.22)."""

REBOOT_STATUSES = frozenset({"InstallRebooting", INSTALLED})
"""Statuses after which the station's next BootNotification reports the new firmware."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+\S*$")
_CHECKSUM = re.compile(r"^[0-9A-Fa-f]{32}$")
_PEM = "-----BEGIN CERTIFICATE-----"


def _refuse(field: str, problem: str) -> InvalidCommand:
    return InvalidCommand(field, problem, BAD_USER_INPUT)


def _text(field: str, value: str, largest: int) -> str:
    """`value` without surrounding spaces, non-empty and at most `largest` characters."""
    value = value.strip()
    if not value:
        raise _refuse(field, "must not be empty")
    if len(value) > largest:
        raise _refuse(field, f"at most {largest} characters")
    if "\x00" in value:
        raise _refuse(field, "must not contain NUL characters")
    return value


def optional_text(field: str, value: str | None, largest: int) -> str | None:
    """`value` checked as `_text` does, or None when absent."""
    return None if value is None else _text(field, value, largest)


def version(value: str) -> str:
    """A catalogue entry's version: 1-50 characters (as BootNotification carries it)."""
    return _text("version", value, MAX_VERSION)


def location(value: str, field: str = "location") -> str:
    """An absolute URI a station can fetch firmware from (scheme://host...), at most 512
    characters (UpdateFirmware and PublishFirmware location)."""
    value = _text(field, value, MAX_LOCATION)
    if not _URL.match(value):
        raise _refuse(field, "must be an absolute URI such as https://host/path")
    return value


def checksum(value: str | None, field: str = "checksum") -> str | None:
    """An MD5 checksum as 32 hexadecimal characters (L03.FR.02), lower-cased; None stays."""
    if value is None:
        return None
    value = value.strip()
    if not _CHECKSUM.match(value):
        raise _refuse(field, "must be an MD5 checksum: 32 hexadecimal characters")
    return value.lower()


def signature(value: str | None) -> str | None:
    """A firmware signature: Base64, at most 800 characters (FirmwareType.signature)."""
    if value is None:
        return None
    value = _text("signature", value, MAX_SIGNATURE)
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _refuse("signature", "must be Base64") from None
    return value


def signing_certificate(value: str | None) -> str | None:
    """A PEM-encoded X.509 certificate, at most 5500 characters (L01.FR.11)."""
    if value is None:
        return None
    value = _text("signingCertificate", value, MAX_CERTIFICATE)
    if _PEM not in value:
        raise _refuse("signingCertificate", f"must be a PEM certificate ({_PEM} ...)")
    return value


def counter(field: str, value: int | None) -> int | None:
    """retries / retryInterval: 0 or more (None: the station decides)."""
    if value is not None and not 0 <= value <= INT_MAX:
        raise InvalidCommand(field, f"must be between 0 and {INT_MAX}")
    return value


def signed_parts(
    wanted: bool | None, signature: str | None, certificate: str | None
) -> tuple[str | None, str | None]:
    """The signature and certificate an UpdateFirmware carries: both when signed (L01; the
    default when both are known), neither when unsigned (L02). Signed without both is refused:
    a secure update SHALL carry the signing certificate (L01.FR.11)."""
    if wanted is False:
        return None, None
    if signature is None or certificate is None:
        if wanted:
            raise InvalidCommand("signed", "a signed update needs a signature and a certificate")
        return None, None
    return signature, certificate


def install_after_retrieve(retrieve: datetime, install: datetime | None) -> None:
    """installDateTime, when given, is not before retrieveDateTime."""
    if install is not None and install < retrieve:
        raise InvalidCommand("installDateTime", "must not be before retrieveDateTime")


def stored_request_id(action: str, request_id: int | None) -> int | None:
    """A requestId a station sent, when the CSMS can store it (a 32-bit integer, as the CSMS
    allocates them); else PropertyConstraintViolation naming it, and nothing is stored."""
    if request_id is not None and not INT_MIN <= request_id <= INT_MAX:
        raise PropertyConstraintViolation(
            f"{action}: requestId: {request_id} is out of range", {"field": "requestId"}
        )
    return request_id


def stored_locations(action: str, locations: list[str] | None) -> tuple[str, ...]:
    """The URIs of a PublishFirmwareStatusNotification, when storable (no NUL character)."""
    for uri in locations or ():
        if "\x00" in uri:
            raise PropertyConstraintViolation(
                f"{action}: location: contains a NUL character", {"field": "location"}
            )
    return tuple(locations or ())


def update_outcome(
    outcome: str | None, status: str | None, last_status: str | None, superseded: bool
) -> tuple[bool, str] | None:
    """Whether an update ended, from how its call went, the station's answer and its last
    status: (True, "Installed") for success, (False, why) for a failure, None while under
    way."""
    if outcome is not None and outcome != "RESULT":
        return False, outcome
    if status in REFUSED_ANSWERS:
        return False, str(status)
    if last_status == INSTALLED:
        return True, INSTALLED
    if last_status in FAILED_STATUSES:
        return False, str(last_status)
    if superseded:
        return False, "Superseded"
    return None
