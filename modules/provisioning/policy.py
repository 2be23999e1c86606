"""Pure provisioning policy: what a booting station is told."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201.enums import RegistrationStatusEnumType


@dataclass(frozen=True, slots=True)
class BootDecision:
    """The registration status and interval to send back to a booting station."""

    status: RegistrationStatusEnumType
    interval: int


def decide_boot(
    station_status: str | None, default_status: str, heartbeat_interval: int
) -> BootDecision:
    """A station with its own status set keeps it; otherwise the fleet default applies.

    The interval is the heartbeat interval when Accepted, and the retry interval otherwise
    (B02.FR.01, B03.FR.01: the station waits `interval` seconds before booting again).
    """
    status = RegistrationStatusEnumType(station_status or default_status)
    return BootDecision(status=status, interval=heartbeat_interval)
