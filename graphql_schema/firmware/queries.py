"""Firmware reads (block L): arguments to the block's queries, views to GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.firmware.types import (
    CAMPAIGNS_CURSOR,
    FIRMWARES_CURSOR,
    PUBLICATIONS_CURSOR,
    STATUSES_CURSOR,
    UPDATES_CURSOR,
    FirmwareCampaignType,
    FirmwarePublicationType,
    FirmwareStatusReportType,
    FirmwareType,
    FirmwareUpdateType,
)
from modules.firmware import FirmwareQueries


@strawberry.type
class FirmwareQuery:
    """Firmware reads (block L)."""

    @feed(FIRMWARES_CURSOR, "The firmware catalogue, newest first.")
    async def firmwares(self, firmware: FirmwareQueries, page: IdPage) -> list[FirmwareType]:
        """Catalogue entries, newest first."""
        views = await firmware.firmwares(page.limit, page.after_id)
        return [FirmwareType.of(view) for view in views]

    @query("One catalogue entry by id.")
    async def firmware(self, firmware: FirmwareQueries, id: int) -> FirmwareType | None:
        """The entry, or null."""
        view = await firmware.firmware(id)
        return None if view is None else FirmwareType.of(view)

    @feed(
        UPDATES_CURSOR,
        "A station's UpdateFirmware requests (L01/L02), newest first, each with its "
        "FirmwareStatusNotification timeline and the firmware version it led to.",
    )
    async def firmware_updates(
        self, firmware: FirmwareQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[FirmwareUpdateType]:
        """A page of a station's updates."""
        views = await firmware.firmware_updates(str(station_id), page.limit, page.after_id)
        return [FirmwareUpdateType.of(view) for view in views]

    @query("One UpdateFirmware of a station by its requestId.")
    async def firmware_update(
        self, firmware: FirmwareQueries, station_id: strawberry.ID, request_id: int
    ) -> FirmwareUpdateType | None:
        """The update, or null."""
        view = await firmware.firmware_update(str(station_id), request_id)
        return None if view is None else FirmwareUpdateType.of(view)

    @feed(
        STATUSES_CURSOR,
        "A station's FirmwareStatusNotifications (of one requestId when given; Idle ones "
        "without a request included), newest first.",
    )
    async def firmware_status_notifications(
        self,
        firmware: FirmwareQueries,
        page: IdPage,
        station_id: strawberry.ID,
        request_id: int | None = None,
    ) -> list[FirmwareStatusReportType]:
        """A page of a station's firmware statuses."""
        reports = await firmware.firmware_statuses(
            str(station_id), request_id, page.limit, page.after_id
        )
        return [FirmwareStatusReportType.of(report) for report in reports]

    @feed(
        PUBLICATIONS_CURSOR,
        "A local controller's PublishFirmware requests (L03), newest first, with their "
        "PublishFirmwareStatusNotification timelines and unpublishing (L04).",
    )
    async def firmware_publications(
        self, firmware: FirmwareQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[FirmwarePublicationType]:
        """A page of a controller's publications."""
        views = await firmware.publications(str(station_id), page.limit, page.after_id)
        return [FirmwarePublicationType.of(view) for view in views]

    @feed(CAMPAIGNS_CURSOR, "Firmware campaigns, newest first (active or not, when given).")
    async def firmware_campaigns(
        self, firmware: FirmwareQueries, page: IdPage, active: bool | None = None
    ) -> list[FirmwareCampaignType]:
        """A page of campaigns with their stations."""
        views = await firmware.campaigns(active, page.limit, page.after_id)
        return [FirmwareCampaignType.of(view) for view in views]

    @query("One firmware campaign with its stations, their states and the totals.")
    async def firmware_campaign(
        self, firmware: FirmwareQueries, id: int
    ) -> FirmwareCampaignType | None:
        """The campaign, or null."""
        view = await firmware.campaign(id)
        return None if view is None else FirmwareCampaignType.of(view)
