"""The memory twin of `store_sql.SqlSiteStore`: sites, their stations and plans in
dictionaries, the transactions read from the twin's `transactions`. Mixed into
`MemorySmartChargingStore`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from modules.smart_charging.records import (
    PlanEntry,
    SiteSettings,
    SiteTransactionRow,
    SiteView,
)

EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class _Site:
    settings: SiteSettings
    updated_at: datetime
    plan: list[PlanEntry] = field(default_factory=list)
    planner_node: str | None = None
    planner_until: datetime | None = None
    replan_wanted: bool = False


class MemorySiteStore:
    """Sites in dictionaries (the twin's `stations` and `transactions` come from its host)."""

    stations: set[str]
    transactions: dict[str, list[Any]]

    def _site_state(self) -> tuple[dict[str, _Site], dict[str, str]]:
        if not hasattr(self, "_sites"):
            self._sites: dict[str, _Site] = {}
            self._members: dict[str, str] = {}
        return self._sites, self._members

    async def upsert_site(self, site: SiteSettings, now: datetime) -> None:
        """Create or replace the settings."""
        sites, _ = self._site_state()
        known = sites.get(site.site_id)
        if known is None:
            sites[site.site_id] = _Site(site, now)
        else:
            known.settings, known.updated_at = site, now

    async def delete_site(self, site_id: str) -> bool:
        """Drop the site and its memberships."""
        sites, members = self._site_state()
        for station in [s for s, owner in members.items() if owner == site_id]:
            del members[station]
        return sites.pop(site_id, None) is not None

    async def set_site_stations(self, site_id: str, station_ids: list[str]) -> list[str] | None:
        """Replace the memberships."""
        sites, members = self._site_state()
        if site_id not in sites:
            return None
        for station in [s for s, owner in members.items() if owner == site_id]:
            del members[station]
        for station in station_ids:
            if station in self.stations:
                members[station] = site_id
        return sorted(set(station_ids) - self.stations)

    def _view(self, site: _Site) -> SiteView:
        _, members = self._site_state()
        key = site.settings.site_id
        return SiteView(
            site=site.settings,
            station_ids=sorted(s for s, owner in members.items() if owner == key),
            plan=sorted(site.plan, key=lambda e: (e.station_id, e.evse_id, e.transaction_id)),
            updated_at=site.updated_at,
        )

    async def sites(self) -> list[SiteView]:
        """By id."""
        sites, _ = self._site_state()
        return [self._view(sites[key]) for key in sorted(sites)]

    async def site(self, site_id: str) -> SiteView | None:
        """One site, or None."""
        sites, _ = self._site_state()
        return self._view(sites[site_id]) if site_id in sites else None

    async def site_of(self, station_id: str) -> str | None:
        """The station's site."""
        return self._site_state()[1].get(station_id)

    async def site_transactions(self, site_id: str) -> list[SiteTransactionRow]:
        """Running transactions on an EVSE of the member stations, by start."""
        _, members = self._site_state()
        rows = [
            SiteTransactionRow(
                station, tx.transaction_id, tx.evse_id, tx.started_at, tx.charging_state
            )
            for station, owner in members.items()
            if owner == site_id
            for tx in self.transactions.get(station, [])
            if tx.active and tx.evse_id
        ]
        return sorted(
            rows, key=lambda r: (r.started_at is not None, r.started_at, r.transaction_id)
        )

    async def replace_plan(self, site_id: str, entries: list[PlanEntry]) -> None:
        """Replace the plan."""
        sites, _ = self._site_state()
        if site_id in sites:
            sites[site_id].plan = list(entries)

    async def take_site_round(
        self, site_id: str, node_id: str, now: datetime, until: datetime
    ) -> bool:
        """Taken when free, expired or this node's."""
        site = self._site_state()[0].get(site_id)
        if site is None:
            return False
        expired = site.planner_until is not None and site.planner_until < now
        if site.planner_node not in (None, node_id) and not expired:
            return False
        site.planner_node, site.planner_until, site.replan_wanted = node_id, until, False
        return True

    async def want_site_round(self, site_id: str) -> None:
        """The flag set."""
        site = self._site_state()[0].get(site_id)
        if site is not None:
            site.replan_wanted = True

    async def release_site_round(self, site_id: str, node_id: str) -> bool:
        """Released unless wanted."""
        site = self._site_state()[0].get(site_id)
        if site is None or site.planner_node != node_id:
            return False
        if site.replan_wanted:
            return True
        site.planner_node, site.planner_until = None, None
        return False

    async def orphaned_site_rounds(self, now: datetime) -> list[str]:
        """Expired while held, or free and wanted."""
        sites = self._site_state()[0]
        return sorted(
            site_id
            for site_id, site in sites.items()
            if (
                site.planner_node is not None
                and site.planner_until is not None
                and site.planner_until < now
            )
            or (site.planner_node is None and site.replan_wanted)
        )
