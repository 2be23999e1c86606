"""Firmware handlers: the statuses stations and local controllers report (each runs in one
transaction; events go out after the commit)."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.firmware import policy
from modules.firmware.events import FirmwareStatusReported, PublishFirmwareStatusReported
from modules.firmware.store import FirmwareStore
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore


class FirmwareHandlers(OnStore[FirmwareStore]):
    """The firmware block's answers to station calls, built with its store."""

    async def firmware_status_notification(
        self, ctx: HandlerContext, request: call.FirmwareStatusNotification
    ) -> call_result.FirmwareStatusNotification:
        """L01.FR.01/L02.FR.01: store the status on the update's timeline (L01.FR.10: the
        requestId of the UpdateFirmware; an Idle status may come without one, L01.FR.20) and
        confirm it; emit FIRMWARE_STATUS. A status for a requestId the CSMS never sent is kept
        on the station's timeline all the same."""
        action = "FirmwareStatusNotification"
        request_id = policy.stored_request_id(action, request.request_id)
        status = request.status.value
        await self._store.add_firmware_status(ctx.station_id, request_id, status, ctx.now)
        ctx.emit(FirmwareStatusReported(**ctx.origin, status=status, request_id=request_id))
        return call_result.FirmwareStatusNotification()

    async def publish_firmware_status_notification(
        self, ctx: HandlerContext, request: call.PublishFirmwareStatusNotification
    ) -> call_result.PublishFirmwareStatusNotification:
        """L03.FR.01: store a local controller's publishing status (with the URIs it published
        at, L03.FR.04) on its publication's timeline and confirm it; emit
        PUBLISH_FIRMWARE_STATUS."""
        action = "PublishFirmwareStatusNotification"
        request_id = policy.stored_request_id(action, request.request_id)
        locations = policy.stored_locations(action, request.location)
        status = request.status.value
        await self._store.add_publish_status(ctx.station_id, request_id, status, locations, ctx.now)
        ctx.emit(
            PublishFirmwareStatusReported(
                **ctx.origin, status=status, request_id=request_id, locations=locations
            )
        )
        return call_result.PublishFirmwareStatusNotification()
