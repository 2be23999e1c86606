"""Firmware campaigns in the database (store code: only `store.py` uses it).

One node at a time runs a campaign: the one holding its lease (`lease_owner` until
`lease_until`), taken with one conditional UPDATE (free, expired, or already ours), so two
nodes can never both take it, on SQLite or PostgreSQL. Every step the runner writes is
applied in one transaction that first checks, under the campaign row's lock, that the lease is
still the writer's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from typing import Any, Protocol

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from infra.db.models import FirmwareCampaign, FirmwareCampaignStation, FirmwareUpdate, Station
from infra.db.pages import newest_first
from modules.firmware.records import (
    CampaignPlan,
    CampaignStationView,
    CampaignStatus,
    CampaignView,
    StationState,
)
from modules.firmware.rollout import CampaignStep
from modules.kernel.records import NO_RENAMES, record_of

_UPDATE_FIELDS = (
    "request_id",
    "requested_at",
    "outcome",
    "status",
    "last_status",
    "last_status_at",
    "superseded_by",
)
"""What a campaign station shows of its latest update (None before one was recorded)."""


class CampaignStore(Protocol):
    """Campaigns, their stations, and the lease that lets one node run each."""

    async def stations_matching(self, vendor_name: str | None, model: str | None) -> list[str]:
        """The ids of the registered stations with that vendor and model (each when given)."""
        ...

    async def known_stations(self, station_ids: Iterable[str]) -> list[str]:
        """Which of `station_ids` are registered."""
        ...

    async def create_campaign(self, plan: CampaignPlan, station_ids: list[str]) -> int:
        """Store a Running campaign whose first wave is due at once; its id."""
        ...

    async def campaign(self, campaign_id: int) -> CampaignView | None:
        """One campaign with its stations and their latest updates, or None."""
        ...

    async def campaigns(
        self, active: bool | None, limit: int, before_id: int | None
    ) -> list[CampaignView]:
        """Up to `limit` campaigns, newest first (only active or inactive ones when given)."""
        ...

    async def active_campaigns(self) -> list[int]:
        """The ids of the campaigns the runner has something to do for."""
        ...

    async def claim_campaign(
        self, campaign_id: int, node_id: str, now: datetime, until: datetime
    ) -> bool:
        """Take or renew the lease; False when another node holds it."""
        ...

    async def release_campaigns(self, node_id: str) -> None:
        """Give up every lease `node_id` holds."""
        ...

    async def apply_step(
        self, campaign_id: int, node_id: str, step: CampaignStep, now: datetime
    ) -> bool:
        """Write a step, if `node_id` still holds the lease (else False, nothing written)."""
        ...

    async def cancel_campaign(self, campaign_id: int, now: datetime) -> bool:
        """Cancel a Running campaign (no further wave); False when it was not running."""
        ...


def _station_view(
    row: FirmwareCampaignStation, update: FirmwareUpdate | None
) -> CampaignStationView:
    sent: dict[str, Any] = {name: getattr(update, name, None) for name in _UPDATE_FIELDS}
    return record_of(CampaignStationView, row, NO_RENAMES, **sent)


async def _views(rows: list[FirmwareCampaign]) -> list[CampaignView]:
    """Campaigns with their stations: one read for the stations, one for their updates."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    stations = await FirmwareCampaignStation.filter(campaign_id__in=ids).order_by("id")
    updates = await FirmwareUpdate.filter(campaign_id__in=ids).order_by("id")
    latest = {(u.campaign_id, u.station_id): u for u in updates}  # type: ignore[attr-defined]
    mine: dict[int, list[CampaignStationView]] = {}
    for station in stations:
        update = latest.get((station.campaign_id, station.station_id))  # type: ignore[attr-defined]
        mine.setdefault(station.campaign_id, []).append(_station_view(station, update))  # type: ignore[attr-defined]
    return [record_of(CampaignView, row, stations=tuple(mine.get(row.id, ()))) for row in rows]


class SqlCampaignStore:
    """CampaignStore on the ORM."""

    async def stations_matching(self, vendor_name: str | None, model: str | None) -> list[str]:
        """One SELECT of ids, ordered."""
        query = Station.all()
        if vendor_name is not None:
            query = query.filter(vendor_name=vendor_name)
        if model is not None:
            query = query.filter(model=model)
        return [str(sid) for sid in await query.order_by("id").values_list("id", flat=True)]

    async def known_stations(self, station_ids: Iterable[str]) -> list[str]:
        """One SELECT of ids."""
        wanted = list(station_ids)
        found = await Station.filter(id__in=wanted).values_list("id", flat=True)
        return [str(sid) for sid in found]

    async def create_campaign(self, plan: CampaignPlan, station_ids: list[str]) -> int:
        """Two INSERTs in one transaction: the campaign, then its stations in order."""
        async with in_transaction():
            row = await FirmwareCampaign.create(
                **asdict(plan), status=CampaignStatus.RUNNING, next_wave_at=plan.created_at
            )
            await FirmwareCampaignStation.bulk_create(
                [
                    FirmwareCampaignStation(
                        campaign_id=row.id, station_id=sid, state=StationState.PENDING
                    )
                    for sid in station_ids
                ]
            )
        return int(row.id)

    async def campaign(self, campaign_id: int) -> CampaignView | None:
        """Three SELECTs: the campaign, its stations, their updates."""
        row = await FirmwareCampaign.get_or_none(id=campaign_id)
        return None if row is None else (await _views([row]))[0]

    async def campaigns(
        self, active: bool | None, limit: int, before_id: int | None
    ) -> list[CampaignView]:
        """Three SELECTs for the page."""
        query = FirmwareCampaign.all()
        if active is not None:
            query = query.filter(active=active)
        return await _views(list(await newest_first(query, limit, before_id)))

    async def active_campaigns(self) -> list[int]:
        """One SELECT of ids."""
        query = FirmwareCampaign.filter(active=True).order_by("id")
        return [int(row.id) for row in await query.only("id")]

    async def claim_campaign(
        self, campaign_id: int, node_id: str, now: datetime, until: datetime
    ) -> bool:
        """One conditional UPDATE."""
        free = Q(lease_owner__isnull=True) | Q(lease_owner=node_id) | Q(lease_until__lt=now)
        query = FirmwareCampaign.filter(Q(id=campaign_id), Q(active=True), free)
        return bool(await query.update(lease_owner=node_id, lease_until=until))

    async def release_campaigns(self, node_id: str) -> None:
        """One UPDATE."""
        await FirmwareCampaign.filter(lease_owner=node_id).update(
            lease_owner=None, lease_until=None
        )

    async def apply_step(
        self, campaign_id: int, node_id: str, step: CampaignStep, now: datetime
    ) -> bool:
        """In one transaction: lock the campaign row if the lease is ours, then one UPDATE per
        settled station, one for the stations starting, one for the campaign."""
        async with in_transaction():
            mine = FirmwareCampaign.filter(id=campaign_id, lease_owner=node_id)
            if await mine.select_for_update().first() is None:
                return False
            stations = FirmwareCampaignStation.filter(campaign_id=campaign_id)
            for settled in step.settled:
                one = stations.filter(station_id=settled.station_id)
                if settled.state == StationState.PENDING:
                    await one.update(state=settled.state, started_at=None, wave=None)
                else:
                    await one.update(
                        state=settled.state, failure_reason=settled.failure_reason, finished_at=now
                    )
            if step.started:
                await stations.filter(station_id__in=step.started).update(
                    state=StationState.UPDATING, wave=step.wave, started_at=now, finished_at=None
                )
            await FirmwareCampaign.filter(id=campaign_id).update(
                status=step.status,
                active=step.active,
                halted_reason=step.halted_reason,
                wave=step.wave,
                next_wave_at=step.next_wave_at,
                finished_at=step.finished_at,
            )
        return True

    async def cancel_campaign(self, campaign_id: int, now: datetime) -> bool:
        """One conditional UPDATE (the runner deactivates it once nothing is updating)."""
        running = FirmwareCampaign.filter(id=campaign_id, status=CampaignStatus.RUNNING)
        return bool(
            await running.update(status=CampaignStatus.CANCELED, finished_at=now, next_wave_at=None)
        )
