"""Events of the provisioning block: a station's connection, boots and connector statuses."""

from __future__ import annotations

from modules.kernel.events import Event, event


@event("CONNECTED")
class Connected(Event):
    """The station's websocket was accepted on node `node_id`."""

    node_id: str = ""


@event("DISCONNECTED")
class Disconnected(Event):
    """The station's websocket closed (and no newer connection replaced it)."""

    node_id: str = ""


@event("BOOT")
class Booted(Event):
    """B01-B03: a BootNotification was answered `registration_status`; `configure` when a
    boot configuration is still to be applied (the boot configurator acts on it)."""

    reason: str
    registration_status: str
    vendor_name: str | None = None
    model: str | None = None
    firmware_version: str | None = None
    configure: bool = False


@event("STATUS_CHANGED")
class StatusChanged(Event):
    """G01: a connector reported a status other than the one stored; `timestamp` is the
    station's, as it sent it."""

    evse_id: int
    connector_id: int
    status: str
    previous_status: str | None = None
    timestamp: str | None = None


@event("NETWORK_PROFILE_SET")
class NetworkProfileSet(Event):
    """B09: the station answered SetNetworkProfile for `configuration_slot`."""

    configuration_slot: int
    status: str
