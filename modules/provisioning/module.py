"""The provisioning routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute, command
from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.handlers import ProvisioningHandlers
from modules.provisioning.presence import LastSeenBuffer


def build_module(config: ProvisioningConfig, presence: LastSeenBuffer) -> Module:
    """The provisioning module, wired to its configuration and its last-seen buffer."""
    handlers = ProvisioningHandlers(config, presence)
    return Module(
        name="provisioning",
        station_calls={
            "BootNotification": StationCallRoute(
                call.BootNotification, handlers.boot_notification, group_commit=True
            ),
            "Heartbeat": StationCallRoute(call.Heartbeat, handlers.heartbeat, transactional=False),
            "StatusNotification": StationCallRoute(
                call.StatusNotification, handlers.status_notification, group_commit=True
            ),
        },
        commands={
            "Reset": command("Reset"),
            "SetNetworkProfile": command("SetNetworkProfile", handlers.set_network_profile_result),
        },
        on_connected=handlers.connected,
        on_disconnected=handlers.disconnected,
    )
