"""Provisioning queries: stations (with their EVSEs and connectors), boot policy,
configuration and history, network profiles; each maps its arguments to the block's
`ProvisioningQueries` and the records it returns to GraphQL types."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.provisioning.types import (
    BootConfigurationType,
    BootPolicyType,
    BootRecordType,
    NetworkProfileType,
    StationType,
)
from modules.provisioning import ProvisioningQueries, StationFilter


def _queries(info: Info[Context, Any]) -> ProvisioningQueries:
    return info.context.services.block(ProvisioningQueries)


async def station(info: Info[Context, Any], id: strawberry.ID) -> StationType | None:
    """The station, or null when unknown."""
    found = await _queries(info).station(str(id))
    return StationType.of(found) if found else None


async def stations(
    info: Info[Context, Any],
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
    return [StationType.of(found) for found in await _queries(info).stations(wanted)]


async def boot_policy(info: Info[Context, Any], station_id: strawberry.ID) -> BootPolicyType | None:
    """The station's boot policy."""
    found = await _queries(info).boot_policy(str(station_id))
    return BootPolicyType.of(found) if found else None


async def boot_configuration(
    info: Info[Context, Any], station_id: strawberry.ID
) -> BootConfigurationType | None:
    """The station's boot configuration."""
    found = await _queries(info).boot_configuration(str(station_id))
    return BootConfigurationType.of(found) if found else None


async def boot_history(
    info: Info[Context, Any], station_id: strawberry.ID, first: int = 20
) -> list[BootRecordType]:
    """The station's boot records."""
    with refusals_as_input_errors():
        boots = await _queries(info).boot_history(str(station_id), first)
    return [BootRecordType.of(boot) for boot in boots]


async def network_profiles(
    info: Info[Context, Any], station_id: strawberry.ID
) -> list[NetworkProfileType]:
    """The station's accepted network profiles."""
    return [
        NetworkProfileType.of(p) for p in await _queries(info).network_profiles(str(station_id))
    ]


@strawberry.type
class ProvisioningQuery:
    """Block B: the stations, what a station is told at boot and what it said."""

    station: StationType | None = strawberry.field(
        resolver=station, description="One station by id."
    )
    stations: list[StationType] = strawberry.field(
        resolver=stations,
        description=(
            "Stations ordered by id; filter by presence, registration status, vendor, model "
            "and `search` (part of the id, any case); page with `first` and `after` (the last "
            "id seen)."
        ),
    )
    boot_policy: BootPolicyType | None = strawberry.field(
        resolver=boot_policy,
        description="A station's own boot policy; null when the fleet default applies.",
    )
    boot_configuration: BootConfigurationType | None = strawberry.field(
        resolver=boot_configuration,
        description="A station's boot configuration; null when it has none.",
    )
    boot_history: list[BootRecordType] = strawberry.field(
        resolver=boot_history, description="A station's BootNotifications, newest first."
    )
    network_profiles: list[NetworkProfileType] = strawberry.field(
        resolver=network_profiles,
        description="The network profiles a station accepted (B09), by configuration slot.",
    )
