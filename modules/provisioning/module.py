"""The provisioning routing table."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.kernel.routing import Module, ResultRoute, StationCallRoute
from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.handlers import ProvisioningHandlers
from modules.provisioning.presence import LastSeenBuffer


def build_module(config: ProvisioningConfig, presence: LastSeenBuffer) -> Module:
    """The provisioning module, wired to its configuration and its last-seen buffer."""
    handlers = ProvisioningHandlers(config, presence)
    return Module(
        name="provisioning",
        block="B",
        station_calls={
            "BootNotification": StationCallRoute(
                call.BootNotification, handlers.boot_notification, group_commit=True
            ),
            "Heartbeat": StationCallRoute(call.Heartbeat, handlers.heartbeat, transactional=False),
            "StatusNotification": StationCallRoute(
                call.StatusNotification, handlers.status_notification, group_commit=True
            ),
        },
        commands=frozenset({"Reset", "SetNetworkProfile"}),
        results={
            "SetNetworkProfile": ResultRoute(
                call.SetNetworkProfile,
                call_result.SetNetworkProfile,
                handlers.set_network_profile_result,
            )
        },
        on_connected=handlers.connected,
        on_disconnected=handlers.disconnected,
    )
