"""Pure provisioning rules: what a booting station is told, and which operator arguments
(registration, boot policy and configuration, history size) are acceptable."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ocpp.v201.enums import RegistrationStatusEnumType

from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.station_id import station_id_problem


class ConfigurationState(Enum):
    """Where a station's boot configuration stands."""

    NONE = "none"
    PENDING = "pending"
    APPLIED = "applied"


@dataclass(frozen=True, slots=True)
class StationPolicy:
    """A station's own boot policy: a status (None: the fleet default) and a retry interval
    override (None: the fleet retry interval)."""

    status: str | None = None
    interval: int | None = None


@dataclass(frozen=True, slots=True)
class BootDecision:
    """The registration status and interval to send back to a booting station, and whether
    its boot configuration must now be applied."""

    status: RegistrationStatusEnumType
    interval: int
    configure: bool = False


def decide_boot(
    policy: StationPolicy | None,
    default_status: str,
    heartbeat_interval: int,
    retry_interval: int,
    configuration: ConfigurationState = ConfigurationState.NONE,
) -> BootDecision:
    """The station's own status, or the fleet default, decides; a boot configuration not yet
    applied turns Accepted into Pending (and asks for it to be applied), an applied one turns
    Pending into Accepted: Pending was waiting for it. Rejected stays Rejected.

    Accepted carries the heartbeat interval; Pending and Rejected carry the retry interval
    (the station's override, else the fleet's): B02.FR.01, B03.FR.01, the station waits
    `interval` seconds before booting again.
    """
    wanted = RegistrationStatusEnumType(
        (policy.status if policy is not None else None) or default_status
    )
    retry = policy.interval if policy is not None and policy.interval is not None else None
    retry = retry_interval if retry is None else retry
    if wanted is RegistrationStatusEnumType.rejected:
        return BootDecision(wanted, retry)
    if configuration is ConfigurationState.PENDING:
        return BootDecision(RegistrationStatusEnumType.pending, retry, configure=True)
    if configuration is ConfigurationState.APPLIED or wanted is RegistrationStatusEnumType.accepted:
        return BootDecision(RegistrationStatusEnumType.accepted, heartbeat_interval)
    return BootDecision(wanted, retry)


def heartbeat_changes(decision: BootDecision, reported: str | None) -> bool:
    """Whether an Accepted boot changes the heartbeat interval the station's device model
    says it uses (B01.FR.04: it adopts the answer's interval > 0); False when the device
    model holds no such value."""
    if decision.status is not RegistrationStatusEnumType.accepted or decision.interval <= 0:
        return False
    if reported is None:
        return False
    try:
        return int(reported.strip()) != decision.interval
    except ValueError:
        return True


def check_connector_address(evse_id: int, connector_id: int) -> None:
    """A StatusNotification names a real connector: an EVSE id > 0 (Part 2 EVSEType: "a number
    (>0) designating an EVSE"; 0 is the Charging Station itself, which has no connector
    status) and a connector id > 0 (connectors are numbered from 1 on each EVSE). Anything
    else raises PropertyConstraintViolation naming the field, and nothing is stored."""
    if evse_id <= 0:
        raise PropertyConstraintViolation(
            f"StatusNotification: evseId: {evse_id} is not an EVSE (must be > 0)",
            {"field": "evseId"},
        )
    if connector_id <= 0:
        raise PropertyConstraintViolation(
            f"StatusNotification: connectorId: {connector_id} is not a connector (must be > 0)",
            {"field": "connectorId"},
        )


def configuration_state(has_configuration: bool, applied: bool) -> ConfigurationState:
    """Where a station's boot configuration stands, from whether it has one and whether it
    was applied."""
    if not has_configuration:
        return ConfigurationState.NONE
    return ConfigurationState.APPLIED if applied else ConfigurationState.PENDING


MAX_INTERVAL_SECONDS = 86_400
"""The longest retry interval a station's boot policy may set (a day)."""
MAX_BOOT_HISTORY = 500
"""The most boot records one read returns."""
MIN_PASSWORD, MAX_PASSWORD = 16, 40
"""Basic-auth password lengths (OCPP 2.0.1 Part 2, A00.FR.205: 16 to 40 characters)."""
PASSWORD_SPECIALS = "*-_=:+|@."
"""The special characters of a passwordString (Part 2, 2.1.x primitive datatypes)."""
SECURITY_PROFILES = (1, 2, 3)


def check_retry_interval(interval: int | None) -> None:
    """A boot policy's retry interval: None (the fleet's) or 0 to a day."""
    if interval is not None and not 0 <= interval <= MAX_INTERVAL_SECONDS:
        raise InvalidCommand("intervalSeconds", f"must be 0 to {MAX_INTERVAL_SECONDS}")


def check_boot_configuration(variables: int, fetch_report: bool) -> None:
    """A boot configuration does something: sets a variable or fetches a report."""
    if not variables and not fetch_report:
        raise InvalidCommand("variables", "give at least one, or fetchReport: true")


def check_password(password: str) -> None:
    """A Basic-auth password: 16 to 40 characters of a passwordString (A00.FR.205)."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidCommand("password", f"must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    if not all(
        char.isascii() and (char.isalnum() or char in PASSWORD_SPECIALS) for char in password
    ):
        raise InvalidCommand(
            "password", f"may hold letters, digits and {PASSWORD_SPECIALS} only (passwordString)"
        )


def check_registration(station_id: str, password: str | None, security_profile: int | None) -> None:
    """A station's registration: a usable id, a password of the allowed length, a known
    security profile (each optional but the id)."""
    problem = station_id_problem(station_id)
    if problem:
        raise InvalidCommand("id", problem)
    if password is not None and not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidCommand("password", f"must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    if security_profile is not None and security_profile not in SECURITY_PROFILES:
        raise InvalidCommand("securityProfile", "must be 1, 2 or 3")


def check_history_size(first: int) -> int:
    """How many boot records to read: 1 to MAX_BOOT_HISTORY."""
    if not 1 <= first <= MAX_BOOT_HISTORY:
        raise InvalidCommand("first", f"must be 1 to {MAX_BOOT_HISTORY}")
    return first
