"""The SQL half of the smart-charging store that keeps sites (site load management): their
settings, their stations and their latest plan, and reads the transactions running on their
stations. Mixed into `SqlSmartChargingStore`."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from infra.db.models import Site, SitePlanEntry, SiteStation, Station, Transaction
from modules.smart_charging.records import (
    PlanEntry,
    SiteSettings,
    SiteTransactionRow,
    SiteView,
)


def _settings(row: Site) -> SiteSettings:
    return SiteSettings(
        row.id, row.name, row.grid_limit, row.unit, row.phases, row.evse_min, row.evse_max
    )


def _entry(row: SitePlanEntry) -> PlanEntry:
    return PlanEntry(
        station_id=row.station_id,
        evse_id=row.evse_id,
        transaction_id=row.transaction_id,
        limit=row.limit,
        counted=row.counted,
        reason=row.reason,
        acknowledged=row.acknowledged,
        held=row.held,
        profile_id=row.profile_id,
        planned_at=row.planned_at,
    )


class SqlSiteStore:
    """Sites on the ORM (SQLite or PostgreSQL)."""

    async def upsert_site(self, site: SiteSettings, now: datetime) -> None:
        """One upsert."""
        await Site.update_or_create(
            {
                "name": site.name,
                "grid_limit": site.grid_limit,
                "unit": site.unit,
                "phases": site.phases,
                "evse_min": site.evse_min,
                "evse_max": site.evse_max,
                "updated_at": now,
            },
            id=site.site_id,
        )

    async def delete_site(self, site_id: str) -> bool:
        """One DELETE (memberships and plan cascade)."""
        return bool(await Site.filter(id=site_id).delete())

    async def set_site_stations(self, site_id: str, station_ids: list[str]) -> list[str] | None:
        """Replace the memberships in one transaction."""
        async with in_transaction():
            if not await Site.exists(id=site_id):
                return None
            known = set(await Station.filter(id__in=station_ids).values_list("id", flat=True))
            await SiteStation.filter(site_id=site_id).delete()
            await SiteStation.filter(station_id__in=list(known)).delete()
            for station_id in sorted(known):
                await SiteStation.create(site_id=site_id, station_id=station_id)
        return sorted(set(station_ids) - {str(key) for key in known})

    async def sites(self) -> list[SiteView]:
        """Three SELECTs."""
        rows = await Site.all().order_by("id")
        members = (
            await SiteStation.all().order_by("station_id").values_list("site_id", "station_id")
        )
        entries = await SitePlanEntry.all().order_by("station_id", "evse_id", "transaction_id")
        return [
            SiteView(
                site=_settings(row),
                station_ids=[str(station) for site, station in members if site == row.id],
                plan=[_entry(entry) for entry in entries if entry.site_id == row.id],  # type: ignore[attr-defined]
                updated_at=row.updated_at,
            )
            for row in rows
        ]

    async def site(self, site_id: str) -> SiteView | None:
        """Three SELECTs."""
        row = await Site.get_or_none(id=site_id)
        if row is None:
            return None
        members = await SiteStation.filter(site_id=site_id).order_by("station_id")
        entries = await SitePlanEntry.filter(site_id=site_id).order_by(
            "station_id", "evse_id", "transaction_id"
        )
        return SiteView(
            site=_settings(row),
            station_ids=[member.station_id for member in members],  # type: ignore[attr-defined]
            plan=[_entry(entry) for entry in entries],
            updated_at=row.updated_at,
        )

    async def site_of(self, station_id: str) -> str | None:
        """One SELECT."""
        member = await SiteStation.get_or_none(station_id=station_id)
        return None if member is None else str(member.site_id)  # type: ignore[attr-defined]

    async def site_transactions(self, site_id: str) -> list[SiteTransactionRow]:
        """One SELECT joining the memberships."""
        stations = SiteStation.filter(site_id=site_id).values_list("station_id", flat=True)
        rows = await Transaction.filter(
            station_id__in=list(await stations), active=True, evse_id__gt=0
        ).order_by("started_at", "transaction_id")
        return [
            SiteTransactionRow(
                row.station_id,  # type: ignore[attr-defined]
                row.transaction_id,
                int(row.evse_id or 0),
                row.started_at,
                row.charging_state,
            )
            for row in rows
        ]

    async def replace_plan(self, site_id: str, entries: list[PlanEntry]) -> None:
        """Replace the rows in one transaction."""
        async with in_transaction():
            await SitePlanEntry.filter(site_id=site_id).delete()
            await SitePlanEntry.bulk_create(
                [
                    SitePlanEntry(
                        site_id=site_id,
                        station_id=entry.station_id,
                        evse_id=entry.evse_id,
                        transaction_id=entry.transaction_id,
                        limit=entry.limit,
                        counted=entry.counted,
                        reason=entry.reason,
                        acknowledged=entry.acknowledged,
                        held=entry.held,
                        profile_id=entry.profile_id,
                        planned_at=entry.planned_at,
                    )
                    for entry in entries
                ]
            )

    async def take_site_round(
        self, site_id: str, node_id: str, now: datetime, until: datetime
    ) -> bool:
        """One conditional UPDATE (atomic on SQLite and PostgreSQL alike)."""
        free = Q(planner_node=None) | Q(planner_until__lt=now) | Q(planner_node=node_id)
        taken = await Site.filter(Q(id=site_id) & free).update(
            planner_node=node_id, planner_until=until, replan_wanted=False
        )
        return taken == 1

    async def want_site_round(self, site_id: str) -> None:
        """One UPDATE."""
        await Site.filter(id=site_id).update(replan_wanted=True)

    async def release_site_round(self, site_id: str, node_id: str) -> bool:
        """A conditional UPDATE; when it changed nothing, whether the lease is still this
        node's with a round wanted."""
        released = await Site.filter(id=site_id, planner_node=node_id, replan_wanted=False).update(
            planner_node=None, planner_until=None
        )
        if released:
            return False
        return await Site.filter(id=site_id, planner_node=node_id, replan_wanted=True).exists()

    async def orphaned_site_rounds(self, now: datetime) -> list[str]:
        """One SELECT."""
        expired = Q(planner_node__isnull=False) & Q(planner_until__lt=now)
        wanted = Q(planner_node__isnull=True) & Q(replan_wanted=True)
        ids = await Site.filter(expired | wanted).order_by("id").values_list("id", flat=True)
        return [str(site_id) for site_id in ids]
