"""Events of the provisioning block: a station's connection, boots and connector statuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import Event, register


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class Connected(Event):
    """The station's websocket was accepted on node `node_id`."""

    TYPE: ClassVar[str] = "CONNECTED"
    node_id: str = ""


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class Disconnected(Event):
    """The station's websocket closed (and no newer connection replaced it)."""

    TYPE: ClassVar[str] = "DISCONNECTED"
    node_id: str = ""


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class Booted(Event):
    """B01-B03: a BootNotification was answered `registration_status`; `configure` when a
    boot configuration is still to be applied (the boot configurator acts on it)."""

    TYPE: ClassVar[str] = "BOOT"
    reason: str
    registration_status: str
    vendor_name: str | None = None
    model: str | None = None
    firmware_version: str | None = None
    configure: bool = False


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class StatusChanged(Event):
    """G01: a connector reported a status other than the one stored; `timestamp` is the
    station's, as it sent it."""

    TYPE: ClassVar[str] = "STATUS_CHANGED"
    evse_id: int
    connector_id: int
    status: str
    previous_status: str | None = None
    timestamp: str | None = None


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkProfileSet(Event):
    """B09: the station answered SetNetworkProfile for `configuration_slot`."""

    TYPE: ClassVar[str] = "NETWORK_PROFILE_SET"
    configuration_slot: int
    status: str
