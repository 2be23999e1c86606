"""The provisioning reads GraphQL uses: stations and their connectors, boot policy,
configuration and history, network profiles, as the records of `records.py`."""

from __future__ import annotations

from collections.abc import Sequence

from modules.kernel.services import OnStore
from modules.provisioning.policy import check_history_size
from modules.provisioning.records import (
    BootConfigurationRecord,
    BootPolicyRecord,
    BootRecordView,
    ConnectorRecord,
    NetworkProfileRecord,
    StationFilter,
    StationRecord,
)
from modules.provisioning.store import ProvisioningStore


class ProvisioningQueries(OnStore[ProvisioningStore]):
    """Reads over the provisioning store."""

    async def station(self, station_id: str) -> StationRecord | None:
        """One station, None when unknown."""
        return await self._store.station(station_id)

    async def stations(self, wanted: StationFilter) -> list[StationRecord]:
        """One page of stations matching every filter given, ordered by id."""
        return await self._store.stations(wanted)

    async def connectors(self, station_ids: Sequence[str]) -> list[list[ConnectorRecord]]:
        """Each station's connector statuses, in the order of `station_ids` (one round trip
        for the whole batch: the DataLoader of a station listing)."""
        found = await self._store.connectors(station_ids)
        return [found[station_id] for station_id in station_ids]

    async def boot_policy(self, station_id: str) -> BootPolicyRecord | None:
        """The station's own boot policy, None when the fleet default applies."""
        return await self._store.boot_policy(station_id)

    async def boot_configuration(self, station_id: str) -> BootConfigurationRecord | None:
        """The station's boot configuration, None when it has none."""
        return await self._store.boot_configuration(station_id)

    async def boot_history(self, station_id: str, first: int) -> list[BootRecordView]:
        """The station's `first` (1 to 500) newest BootNotifications, newest first;
        InvalidCommand for another `first`."""
        return await self._store.boot_history(station_id, check_history_size(first))

    async def network_profiles(self, station_id: str) -> list[NetworkProfileRecord]:
        """The network profiles the station accepted (B09), by configuration slot."""
        return await self._store.network_profiles(station_id)

    async def network_profile(
        self, station_id: str, configuration_slot: int
    ) -> NetworkProfileRecord | None:
        """The profile the station accepted in one slot, None when there is none."""
        return await self._store.network_profile(station_id, configuration_slot)
