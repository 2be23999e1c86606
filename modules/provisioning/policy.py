"""Pure provisioning policy: what a booting station is told."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ocpp.v201.enums import RegistrationStatusEnumType


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
