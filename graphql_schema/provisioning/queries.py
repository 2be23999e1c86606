"""Provisioning queries: stations (with their EVSEs and connectors), boot policy,
configuration and history, network profiles; each maps its arguments to the block's
`ProvisioningQueries` and the records it returns to GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import query
from graphql_schema.common.paging import check_page
from graphql_schema.provisioning.types import (
    BootConfigurationType,
    BootPolicyType,
    BootRecordType,
    NetworkProfileType,
    StationType,
)
from modules.provisioning import ProvisioningQueries, StationFilter


@strawberry.type
class ProvisioningQuery:
    """Block B: the stations, what a station is told at boot and what it said."""

    @query("One station by id.")
    async def station(self, stations: ProvisioningQueries, id: strawberry.ID) -> StationType | None:
        """The station, or null when unknown."""
        found = await stations.station(str(id))
        return StationType.of(found) if found else None

    @query(
        "Stations ordered by id; filter by presence, registration status, vendor, model "
        "and `search` (part of the id, any case); page with `first` and `after` (the last "
        "id seen)."
    )
    async def stations(
        self,
        stations: ProvisioningQueries,
        online: bool | None = None,
        registration_status: str | None = None,
        vendor_name: str | None = None,
        model: str | None = None,
        search: str | None = None,
        first: int = 100,
        after: strawberry.ID | None = None,
    ) -> list[StationType]:
        """One page of stations matching every filter given."""
        wanted = StationFilter(
            first=check_page(first, "first"),
            online=online,
            registration_status=registration_status,
            vendor_name=vendor_name,
            model=model,
            search=search,
            after=str(after) if after is not None else None,
        )
        return [StationType.of(found) for found in await stations.stations(wanted)]

    @query("A station's own boot policy; null when the fleet default applies.")
    async def boot_policy(
        self, stations: ProvisioningQueries, station_id: strawberry.ID
    ) -> BootPolicyType | None:
        """The station's boot policy."""
        found = await stations.boot_policy(str(station_id))
        return BootPolicyType.of(found) if found else None

    @query("A station's boot configuration; null when it has none.")
    async def boot_configuration(
        self, stations: ProvisioningQueries, station_id: strawberry.ID
    ) -> BootConfigurationType | None:
        """The station's boot configuration."""
        found = await stations.boot_configuration(str(station_id))
        return BootConfigurationType.of(found) if found else None

    @query("A station's BootNotifications, newest first.")
    async def boot_history(
        self, stations: ProvisioningQueries, station_id: strawberry.ID, first: int = 20
    ) -> list[BootRecordType]:
        """The station's boot records."""
        boots = await stations.boot_history(str(station_id), first)
        return [BootRecordType.of(boot) for boot in boots]

    @query("The network profiles a station accepted (B09), by configuration slot.")
    async def network_profiles(
        self, stations: ProvisioningQueries, station_id: strawberry.ID
    ) -> list[NetworkProfileType]:
        """The station's accepted network profiles."""
        profiles = await stations.network_profiles(str(station_id))
        return [NetworkProfileType.of(profile) for profile in profiles]
