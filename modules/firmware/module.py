"""The firmware routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.firmware.commands import FirmwareResults
from modules.firmware.handlers import FirmwareHandlers
from modules.firmware.store import FirmwareStore
from modules.kernel.routing import Module, StationCallRoute, command


def build_module(store: FirmwareStore) -> Module:
    """The firmware module (block L: L01-L04) on `store`."""
    handlers = FirmwareHandlers(store)
    results = FirmwareResults(store)
    return Module(
        name="firmware",
        station_calls={
            "FirmwareStatusNotification": StationCallRoute(
                call.FirmwareStatusNotification, handlers.firmware_status_notification
            ),
            "PublishFirmwareStatusNotification": StationCallRoute(
                call.PublishFirmwareStatusNotification,
                handlers.publish_firmware_status_notification,
            ),
        },
        commands={
            "UpdateFirmware": command("UpdateFirmware", results.update_firmware_result),
            "PublishFirmware": command("PublishFirmware", results.publish_firmware_result),
            "UnpublishFirmware": command("UnpublishFirmware", results.unpublish_firmware_result),
        },
    )
