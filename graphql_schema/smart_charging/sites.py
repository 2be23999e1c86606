"""Site load management in GraphQL: sites (a grid limit shared by a group of stations), their
stations and their latest plan; the mutations that define them, each followed by a re-plan."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

from graphql_schema.common.fields import mutation, query
from modules.kernel.commands import InvalidCommand
from modules.smart_charging import PlanEntry, SitePlanning, SiteSettings, SiteView


@strawberry.type(name="SitePlanEntry", description="A transaction's limit in its site's plan.")
class SitePlanEntryType:
    """Where the transaction runs, its limit and what it counts for against the site (both in
    the site's unit), why (share, at_minimum, at_maximum, suspended, unresponsive, no_room),
    whether its station acknowledged the TxProfile, and the profile id used."""

    station_id: strawberry.ID
    evse_id: int
    transaction_id: str
    limit: float
    counted: float
    reason: str
    acknowledged: bool
    profile_id: int | None
    planned_at: datetime

    @classmethod
    def of(cls, entry: PlanEntry) -> SitePlanEntryType:
        """Build from the block's record."""
        return cls(
            station_id=strawberry.ID(entry.station_id),
            evse_id=entry.evse_id,
            transaction_id=entry.transaction_id,
            limit=entry.limit,
            counted=entry.counted,
            reason=entry.reason,
            acknowledged=entry.acknowledged,
            profile_id=entry.profile_id,
            planned_at=entry.planned_at,
        )


@strawberry.type(name="Site", description="A group of stations sharing a grid limit.")
class SiteType:
    """The site's settings, its stations, its latest plan and what that plan counts for."""

    id: strawberry.ID
    name: str
    grid_limit: float
    unit: Unit
    phases: int
    evse_min: float
    evse_max: float
    station_ids: list[strawberry.ID]
    plan: list[SitePlanEntryType]
    counted: float
    updated_at: datetime

    @classmethod
    def of(cls, view: SiteView) -> SiteType:
        """Build from the block's view."""
        site = view.site
        return cls(
            id=strawberry.ID(site.site_id),
            name=site.name,
            grid_limit=site.grid_limit,
            unit=Unit(site.unit),
            phases=site.phases,
            evse_min=site.evse_min,
            evse_max=site.evse_max,
            station_ids=[strawberry.ID(s) for s in view.station_ids],
            plan=[SitePlanEntryType.of(entry) for entry in view.plan],
            counted=round(sum(entry.counted for entry in view.plan), 6),
            updated_at=view.updated_at
            if view.updated_at.tzinfo
            else view.updated_at.replace(tzinfo=UTC),
        )


@strawberry.input(description="A site's settings (limits in `unit`: A per phase, W in total).")
class SiteInput:
    """Grid limit, unit, phases, and each transaction's default minimum and maximum."""

    id: strawberry.ID
    name: str
    grid_limit: float
    unit: Unit = Unit.amps
    phases: int = 3
    evse_min: float = 6.0
    evse_max: float = 32.0

    def settings(self) -> SiteSettings:
        """The block's settings; InvalidCommand for values it cannot take."""
        key = str(self.id)
        if not 1 <= len(key) <= 64:
            raise InvalidCommand("site.id", "must be 1 to 64 characters")
        if self.grid_limit < 0:
            raise InvalidCommand("site.gridLimit", "must be >= 0")
        if self.phases not in (1, 2, 3):
            raise InvalidCommand("site.phases", "must be 1, 2 or 3")
        if not 0 <= self.evse_min <= self.evse_max:
            raise InvalidCommand("site.evseMin", "must be >= 0 and <= evseMax")
        return SiteSettings(
            key,
            self.name,
            self.grid_limit,
            Unit(self.unit).value,
            self.phases,
            self.evse_min,
            self.evse_max,
        )


@strawberry.type
class SiteQuery:
    """Site load management."""

    @query("Every site with its stations and latest plan, by id.")
    async def sites(self, planning: SitePlanning) -> list[SiteType]:
        """By id."""
        return [SiteType.of(view) for view in await planning.sites()]


@strawberry.type
class SiteMutation:
    """Site load management."""

    @mutation(
        "Create a site or change its settings; the site is re-planned (TxProfiles sent to its "
        "stations as needed) before it is returned, unless a re-plan of it is under way, which "
        "then runs once more with the new settings."
    )
    async def upsert_site(self, planning: SitePlanning, site: SiteInput) -> SiteType:
        """The site after its re-plan."""
        settings = site.settings()
        await planning.upsert(settings)
        view = await planning.site(settings.site_id)
        assert view is not None
        return SiteType.of(view)

    @mutation("Delete a site (its stations' TxProfiles stay as last sent); whether it existed.")
    async def delete_site(self, planning: SitePlanning, id: strawberry.ID) -> bool:
        """Whether a site was deleted."""
        return await planning.delete(str(id))

    @mutation(
        "Make these the stations of a site (taken from any other site); the site is re-planned "
        "as by upsertSite. Unknown stations are left out and named in an error."
    )
    async def set_site_stations(
        self, planning: SitePlanning, id: strawberry.ID, station_ids: list[strawberry.ID]
    ) -> SiteType:
        """The site after its re-plan."""
        unknown = await planning.set_stations(str(id), [str(s) for s in station_ids])
        if unknown is None:
            raise InvalidCommand("id", f"no site {id}")
        if unknown:
            raise InvalidCommand("stationIds", f"unknown stations: {', '.join(unknown)}")
        view = await planning.site(str(id))
        assert view is not None
        return SiteType.of(view)
