"""The firmware reads GraphQL uses: the catalogue, updates and publications with their status
timelines, and campaigns with their stations."""

from __future__ import annotations

from modules.firmware.records import (
    CampaignView,
    FirmwareUpdateView,
    FirmwareView,
    PublicationView,
    StatusReport,
)
from modules.firmware.store import FirmwareStore
from modules.kernel.services import OnStore


class FirmwareQueries(OnStore[FirmwareStore]):
    """Reads of the firmware block."""

    async def firmwares(self, limit: int, before_id: int | None = None) -> list[FirmwareView]:
        """Catalogue entries, newest first, older than `before_id` when given."""
        return await self._store.firmwares(limit, before_id)

    async def firmware(self, firmware_id: int) -> FirmwareView | None:
        """One catalogue entry, or None."""
        return await self._store.firmware(firmware_id)

    async def firmware_updates(
        self, station_id: str, limit: int, before_row: int | None = None
    ) -> list[FirmwareUpdateView]:
        """A station's UpdateFirmware requests, newest first, each with its timeline."""
        return await self._store.firmware_updates(station_id, limit, before_row)

    async def firmware_update(self, station_id: str, request_id: int) -> FirmwareUpdateView | None:
        """One UpdateFirmware of a station by requestId, or None."""
        return await self._store.firmware_update(station_id, request_id)

    async def firmware_statuses(
        self,
        station_id: str,
        request_id: int | None,
        limit: int,
        before_id: int | None = None,
    ) -> list[StatusReport]:
        """A station's FirmwareStatusNotifications (of one request when given), newest first."""
        return await self._store.firmware_statuses(station_id, request_id, limit, before_id)

    async def publications(
        self, station_id: str, limit: int, before_row: int | None = None
    ) -> list[PublicationView]:
        """A local controller's PublishFirmware requests, newest first, with their timelines."""
        return await self._store.publications(station_id, limit, before_row)

    async def campaigns(
        self, active: bool | None, limit: int, before_id: int | None = None
    ) -> list[CampaignView]:
        """Campaigns, newest first (only active or inactive ones when given)."""
        return await self._store.campaigns(active, limit, before_id)

    async def campaign(self, campaign_id: int) -> CampaignView | None:
        """One campaign with its stations, or None."""
        return await self._store.campaign(campaign_id)
