"""The provisioning module's configuration."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProvisioningConfig:
    """Fleet-wide boot policy."""

    heartbeat_interval: int = 300
    default_registration_status: str = "Accepted"
