"""Provisioning (OCPP 2.0.1 block B) and station presence.

Answers BootNotification (B01-B03: boot policy, boot configuration, boot history), Heartbeat
(G02) and StatusNotification (G01), and follows each station's websocket lifecycle to keep
`online` and `lastSeenAt` true. Offers Reset (B11/B12) and SetNetworkProfile (B09, accepted
profiles stored), password rotation (A01: the new hash stored once the station accepted it),
the operator's station registration (with its required security profile, A00), boot policy
and boot configuration writes, and the boot configurator that applies a configuration while
a station is Pending.
Emits CONNECTED, DISCONNECTED, BOOT, STATUS_CHANGED and NETWORK_PROFILE_SET events.
"""

from modules.provisioning.commands import (
    ProvisioningCommands,
    network_profile,
    password_rotation,
    password_taken,
    reset,
    set_network_profile,
)
from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.configurator import BootConfigurator
from modules.provisioning.events import (
    Booted,
    Connected,
    Disconnected,
    NetworkProfileSet,
    StatusChanged,
)
from modules.provisioning.memory_store import MemoryProvisioningStore
from modules.provisioning.module import build_module
from modules.provisioning.ports import ReportOpener
from modules.provisioning.presence import LastSeenBuffer
from modules.provisioning.queries import ProvisioningQueries
from modules.provisioning.records import (
    BootConfigurationRecord,
    BootConfigurationSettings,
    BootPolicyRecord,
    BootRecordView,
    BootVariable,
    ConnectorRecord,
    NetworkProfileRecord,
    StationFilter,
    StationRecord,
)
from modules.provisioning.store import ProvisioningStore, SqlProvisioningStore

__all__ = [
    "BootConfigurationRecord",
    "BootConfigurationSettings",
    "BootConfigurator",
    "BootPolicyRecord",
    "BootRecordView",
    "BootVariable",
    "Booted",
    "Connected",
    "ConnectorRecord",
    "Disconnected",
    "LastSeenBuffer",
    "MemoryProvisioningStore",
    "NetworkProfileRecord",
    "NetworkProfileSet",
    "ProvisioningCommands",
    "ProvisioningConfig",
    "ProvisioningQueries",
    "ProvisioningStore",
    "ReportOpener",
    "SqlProvisioningStore",
    "StationFilter",
    "StationRecord",
    "StatusChanged",
    "build_module",
    "network_profile",
    "password_rotation",
    "password_taken",
    "reset",
    "set_network_profile",
]
