"""The provisioning module's configuration."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProvisioningConfig:
    """Fleet-wide boot policy; `retry_interval` (Pending/Rejected answers) defaults to the
    heartbeat interval."""

    heartbeat_interval: int = 300
    default_registration_status: str = "Accepted"
    retry_interval: int | None = None

    @property
    def boot_retry_interval(self) -> int:
        """The interval of Pending and Rejected answers."""
        return self.heartbeat_interval if self.retry_interval is None else self.retry_interval
