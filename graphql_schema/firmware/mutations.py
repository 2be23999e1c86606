"""Firmware mutations (block L): the catalogue, the commands (their answers stored and
emitted by the block's result handlers by the time a mutation returns), and campaigns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from ocpp.v201 import call_result
from strawberry.types import Info

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.common.records import fields_of
from graphql_schema.context import Context
from graphql_schema.firmware.types import (
    AddFirmwareInput,
    CreateFirmwareCampaignInput,
    FirmwareCampaignType,
    FirmwarePublicationType,
    FirmwareType,
    FirmwareUpdateType,
    PublishFirmwareResult,
    UnpublishFirmwareResult,
    UpdateFirmwareResult,
    origin_of,
)
from modules import firmware
from modules.kernel.commands import CommandResult, InvalidCommand, UnknownCommand
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError

_REFUSALS = (InvalidCommand, UnknownCommand, OcppError)


@strawberry.type
class FirmwareMutation:
    """Firmware catalogue, commands and campaigns (block L)."""

    @mutation(
        "Add a firmware to the catalogue: at an external location (with its MD5 checksum "
        "for PublishFirmware, optional), or, without one, a file the CSMS serves: upload it "
        "to the entry's uploadPath. signature and signingCertificate (PEM) make it signed "
        "firmware (L01)."
    )
    async def add_firmware(
        self, catalogue: firmware.Catalogue, input: AddFirmwareInput
    ) -> FirmwareType:
        """Add a catalogue entry."""
        return FirmwareType.of(await catalogue.add(**fields_of(input)))

    @mutation(
        "Remove a firmware (and the file the CSMS serves) from the catalogue; false when "
        "there is none. Refused while an active campaign rolls it out."
    )
    async def remove_firmware(self, catalogue: firmware.Catalogue, id: int) -> bool:
        """Remove a catalogue entry."""
        return await catalogue.remove(id)

    @mutation(
        "L01/L02: ask the station to download and install a firmware: the catalogue entry "
        "firmwareId, or an explicit location. The CSMS allocates the requestId and records "
        "the update before sending; the station's FirmwareStatusNotifications are its "
        "timeline (firmwareUpdates). Signed (L01: signature and signingCertificate, from the "
        "entry unless given) when both are known, unless signed: false (L02). "
        "retrieveDateTime defaults to now."
    )
    async def update_firmware(
        self,
        call: StationCall,
        firmware_id: int | None = None,
        location: str | None = None,
        signature: str | None = None,
        signing_certificate: str | None = None,
        signed: bool | None = None,
        retrieve_date_time: datetime | None = None,
        install_date_time: datetime | None = None,
        retries: int | None = None,
        retry_interval: int | None = None,
    ) -> UpdateFirmwareResult:
        """L01/L02: allocate a requestId, record the update, send UpdateFirmware."""
        with refusals_as_input_errors(*_REFUSALS):
            target = await call.block(firmware.Catalogue).target(
                firmware_id, location, origin_of(call.info)
            )
            order = firmware.update_firmware(
                target.location,
                retrieve_date_time or datetime.now(UTC),
                install_date_time=install_date_time,
                retries=retries,
                retry_interval=retry_interval,
                signature=signature or target.signature,
                signing_certificate=signing_certificate or target.signing_certificate,
                signed=signed,
                firmware_id=target.firmware_id,
            )
            done = await call.block(firmware.FirmwareUpdates).update(
                call.station_id, order, call.timeout
            )
        # no result: the station is unknown, so nothing was sent
        result = done.result or CommandResult(Outcome.OFFLINE)
        return UpdateFirmwareResult(
            **commands.call_fields(result),
            **commands.status_fields(result.response),
            request_id=done.request_id,
            update=FirmwareUpdateType.of(done.update) if done.update else None,
        )

    @mutation(
        "L03: ask a local controller to download a firmware (the catalogue entry firmwareId, "
        "or an explicit location with its MD5 checksum), verify it and publish it to the "
        "stations behind it; its PublishFirmwareStatusNotifications (with the URIs it "
        "publishes at) are read with firmwarePublications."
    )
    async def publish_firmware(
        self,
        call: StationCall,
        firmware_id: int | None = None,
        location: str | None = None,
        checksum: str | None = None,
        retries: int | None = None,
        retry_interval: int | None = None,
    ) -> PublishFirmwareResult:
        """L03: allocate a requestId, record the publication, send PublishFirmware."""
        with refusals_as_input_errors(*_REFUSALS):
            target = await call.block(firmware.Catalogue).target(
                firmware_id, location, origin_of(call.info)
            )
            md5 = checksum or target.checksum
            if md5 is None:
                raise InvalidCommand("checksum", "the MD5 checksum of the file is needed")
            request = firmware.publish_firmware(target.location, md5, retries, retry_interval)
            done = await call.block(firmware.FirmwarePublications).publish(
                call.station_id, request, target.firmware_id, call.timeout
            )
        result = done.result or CommandResult(Outcome.OFFLINE)
        return PublishFirmwareResult(
            **commands.call_fields(result),
            **commands.status_fields(result.response),
            request_id=done.request_id,
            publication=FirmwarePublicationType.of(done.publication) if done.publication else None,
        )

    @mutation(
        "L04: ask a local controller to stop publishing the firmware with that MD5 checksum "
        "(or the catalogue entry firmwareId's): Unpublished, NoFirmware or DownloadOngoing."
    )
    async def unpublish_firmware(
        self, call: StationCall, checksum: str | None = None, firmware_id: int | None = None
    ) -> UnpublishFirmwareResult:
        """L04: send UnpublishFirmware."""
        if (checksum is None) == (firmware_id is None):
            raise InvalidCommand("checksum", "give either checksum or firmwareId")
        if checksum is None:
            assert firmware_id is not None
            entry = await call.block(firmware.Catalogue).entry(firmware_id)
            if entry.checksum is None:
                raise InvalidCommand("firmwareId", "its MD5 checksum is not known")
            checksum = entry.checksum
        request = firmware.unpublish_firmware(checksum)
        result = await call.send(request, call_result.UnpublishFirmware)
        answer = result.response
        return UnpublishFirmwareResult(
            **commands.call_fields(result), status=answer.status if answer else None
        )

    @mutation(
        "Roll a catalogue firmware out to many stations: the stations listed, "
        "or those with that vendorName and/or model; in waves of at most maxConcurrent, "
        "the next wave wavePauseSeconds after the previous one ended; halted once the failed "
        "stations reach maxFailures or maxFailureFraction of the campaign. A station fails "
        "with a failure status, a refused or unanswered UpdateFirmware, or when "
        "stationTimeoutSeconds pass without Installed. Resumed by any api node after a "
        "restart."
    )
    async def create_firmware_campaign(
        self, info: Info[Context, Any], input: CreateFirmwareCampaignInput
    ) -> FirmwareCampaignType:
        """Create a Running campaign."""
        values = fields_of(input)
        ids = values.pop("station_ids")
        values["wave_pause"] = values.pop("wave_pause_seconds")
        values["station_timeout"] = values.pop("station_timeout_seconds")
        campaigns = info.context.services.block(firmware.Campaigns)
        with refusals_as_input_errors(*_REFUSALS):
            created = await campaigns.create(
                values.pop("name"),
                values.pop("firmware_id"),
                origin_of(info),
                station_ids=None if ids is None else [str(sid) for sid in ids],
                **values,
            )
        return FirmwareCampaignType.of(created)

    @mutation(
        "Cancel a Running campaign: no further wave starts; stations already updating are "
        "followed to their end. Null when there is no such campaign."
    )
    async def cancel_firmware_campaign(
        self, campaigns: firmware.Campaigns, id: int
    ) -> FirmwareCampaignType | None:
        """Cancel a campaign."""
        canceled = await campaigns.cancel(id)
        return None if canceled is None else FirmwareCampaignType.of(canceled)
