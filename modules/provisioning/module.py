"""The provisioning routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute, command
from modules.provisioning.commands import ProvisioningCommands
from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.handlers import ProvisioningHandlers
from modules.provisioning.ports import HeartbeatAdopter
from modules.provisioning.presence import LastSeenBuffer
from modules.provisioning.store import ProvisioningStore


def build_module(
    config: ProvisioningConfig,
    store: ProvisioningStore,
    presence: LastSeenBuffer,
    adopt_heartbeat: HeartbeatAdopter | None = None,
) -> Module:
    """The provisioning module (block B: B01-B03, B09, B11, B12; G01, G02 and presence),
    wired to its configuration, its store, its last-seen buffer and the device model's
    `adopt_heartbeat` (the interval a boot gave a station, written where it is shown).

    BootNotification and StatusNotification share group-commit transactions; Heartbeat opens
    none (`transactional=False`): its last-seen time is written in batches by the buffer.
    """
    handlers = ProvisioningHandlers(config, store, presence, adopt_heartbeat)
    results = ProvisioningCommands(store)
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
            "SetNetworkProfile": command("SetNetworkProfile", results.set_network_profile_result),
        },
        on_connected=handlers.connected,
        on_disconnected=handlers.disconnected,
    )
