"""Local authorization lists (OCPP 2.0.1 block D): D01 SendLocalList, D02
GetLocalListVersion.

A list is a versioned set of registry id tokens (block C, through `modules.authorization`),
shared by the stations assigned to it. Every change is one new version; `list_plan` plans
the Full or Differential update that brings a station from its acknowledged version to the
list's, and the `LocalListPublisher` (api nodes) delivers it, split by the station's
ItemsPerMessage / BytesPerMessage. The result handlers store what the stations acknowledge;
`RegistryFollower` makes a registry change of a listed token a new list version.
"""

from modules.local_auth_lists.commands import (
    LocalListCommands,
    LocalListResults,
    RegistryFollower,
    get_local_list_version,
)
from modules.local_auth_lists.events import LocalListChanged, LocalListUpdated
from modules.local_auth_lists.memory_store import MemoryLocalListStore, StationState
from modules.local_auth_lists.module import build_module
from modules.local_auth_lists.policy import LimitVariable, LocalListError
from modules.local_auth_lists.publisher import Delivery, LocalListPublisher
from modules.local_auth_lists.queries import LocalListQueries
from modules.local_auth_lists.returning import Trigger
from modules.local_auth_lists.store import (
    EntryView,
    ListView,
    LocalListStore,
    SqlLocalListStore,
    StationListView,
)

__all__ = [
    "Delivery",
    "EntryView",
    "LimitVariable",
    "ListView",
    "LocalListChanged",
    "LocalListCommands",
    "LocalListError",
    "LocalListPublisher",
    "LocalListQueries",
    "LocalListResults",
    "LocalListStore",
    "LocalListUpdated",
    "MemoryLocalListStore",
    "RegistryFollower",
    "SqlLocalListStore",
    "StationListView",
    "StationState",
    "Trigger",
    "build_module",
    "get_local_list_version",
]
