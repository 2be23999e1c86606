"""Site load management: a site's grid limit shared among the transactions running on its
stations (`site_plan.plan_site`), each limit sent as a TxProfile, the plan stored and
published (SITE_PLAN_CHANGED).

`SitePlanning.request(site_id)` re-plans a site; requests arriving while it runs are folded
into one more round. A round: read the site, its running transactions (suspended when their
chargingState is SuspendedEV or SuspendedEVSE) and its last plan; plan; send the lowered
limits, and once they are all acknowledged the raised ones. A station that does not answer,
times out, is offline or rejects is counted from then on as holding what it may still apply
(the limit it last acknowledged; after a timeout the larger of that and the one sent, since
it may have applied it; with nothing acknowledged, its minimum), and the round plans again
around it, before anything is raised. Each station is tried again on the next re-plan. An
external limit a station notified (K12) on the EVSE or the whole station caps the
transaction's maximum (its lowest period, in the site's unit).

`SitePlanner` follows the events topic on api nodes: TRANSACTION_STARTED, TRANSACTION_ENDED,
TRANSACTION_UPDATED carrying a chargingState, and CHARGING_LIMIT_CHANGED of a station in a
site re-plan that site.

One node at a time re-plans a site: a round holds the site's lease in the database (taken with
a conditional UPDATE, renewed every `RENEW_SECONDS` and before each attempt, released at the
end). A node that finds it held marks the site wanted instead, and the holder runs one more
round before releasing. A node that dies mid-round leaves the lease to expire after
`LEASE_SECONDS`; every api node's `SitePlanner` looks for such sites every
`ORPHAN_SWEEP_SECONDS` and re-plans them."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ocpp.v201.enums import ChargingProfileStatusEnumType as ProfileStatus
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

from modules.kernel import topics
from modules.kernel.commands import InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus
from modules.smart_charging.commands import SmartCharging
from modules.smart_charging.conversions import profile_of
from modules.smart_charging.events import ChargingLimitChanged, SitePlanChanged
from modules.smart_charging.records import PlanEntry, SiteSettings, SiteTransactionRow, SiteView
from modules.smart_charging.site_plan import (
    Allocation,
    Holding,
    Reason,
    SiteLimit,
    SiteTransaction,
    plan_site,
    tx_profile,
)
from modules.smart_charging.store import SmartChargingStore
from modules.smart_charging.units import convert
from modules.transactions import TransactionChanged, TransactionEnded, TransactionStarted

log = logging.getLogger(__name__)

SUBSCRIPTION = "smart-charging-sites"
SITE_STACK_LEVEL = 1
"""The stack level of the TxProfiles site load management sends (above an EV offer's 0)."""
SUSPENDED = frozenset({"SuspendedEV", "SuspendedEVSE"})
"""Charging states of a transaction that is not drawing."""
LEASE_SECONDS = 15.0
"""How long a site's re-plan lease outlives its last renewal: a node that dies mid-round
frees the site this long after (its round renews the lease every `RENEW_SECONDS`)."""
RENEW_SECONDS = 5.0
ORPHAN_SWEEP_SECONDS = 15.0
"""How often every api node looks for sites whose round was left unfinished by a node that
died (its lease expired) or asked for and never run, and re-plans them."""


@dataclass
class _Round:
    """What one re-plan learnt: limits acknowledged, what failed stations may hold, the
    profile id used per transaction."""

    acknowledged: dict[str, float]
    failed: dict[str, float]
    profile_ids: dict[str, int]


def _site_limit(site: SiteSettings) -> SiteLimit:
    return SiteLimit(site.grid_limit, Unit(site.unit), site.phases)


class SitePlanning:
    """Re-plans sites and sends their TxProfiles (see the module's docstring)."""

    def __init__(
        self,
        bus: Bus,
        store: SmartChargingStore,
        charging: SmartCharging,
        now: Callable[[], datetime],
        voltage: float = 230.0,
        timeout: float | None = None,
        node_id: str = "local",
        lease: float = LEASE_SECONDS,
    ) -> None:
        self._bus = bus
        self._store = store
        self._charging = charging
        self._now = now
        self._voltage = voltage
        self._timeout = timeout
        self._node_id = node_id
        self._lease = timedelta(seconds=lease)
        self._locks: dict[str, asyncio.Lock] = {}
        self._dirty: set[str] = set()

    async def sites(self) -> list[SiteView]:
        """Every site with its stations and latest plan."""
        return await self._store.sites()

    async def site(self, site_id: str) -> SiteView | None:
        """One site, or None."""
        return await self._store.site(site_id)

    async def upsert(self, site: SiteSettings) -> None:
        """Create or change the site, then re-plan it."""
        await self._store.upsert_site(site, self._now())
        await self.request(site.site_id)

    async def delete(self, site_id: str) -> bool:
        """Delete the site; whether it existed."""
        return await self._store.delete_site(site_id)

    async def set_stations(self, site_id: str, station_ids: list[str]) -> list[str] | None:
        """Make these the site's stations (unknown ones left out) and re-plan it; None when
        the site is unknown, else the unknown station ids."""
        unknown = await self._store.set_site_stations(site_id, station_ids)
        if unknown is not None:
            await self.request(site_id)
        return unknown

    async def request_for_station(self, station_id: str) -> None:
        """Re-plan the station's site, if it belongs to one."""
        site_id = await self._store.site_of(station_id)
        if site_id is not None:
            await self.request(site_id, station_id)

    async def request(self, site_id: str, about: str | None = None) -> None:
        """Re-plan `site_id` (once more after the running round, when one runs here or on
        another node)."""
        self._dirty.add(site_id)
        lock = self._locks.setdefault(site_id, asyncio.Lock())
        if lock.locked():
            return
        async with lock:
            while site_id in self._dirty:
                self._dirty.discard(site_id)
                if not await self._take(site_id):
                    break  # another node runs a round, and one more for this request
                await self._round(site_id, about)
                if await self._store.release_site_round(site_id, self._node_id):
                    self._dirty.add(site_id)
        self._locks.pop(site_id, None)

    async def replan_orphans(self) -> list[str]:
        """Re-plan the sites whose round a dead node left unfinished or a request left
        wanted; their ids."""
        orphans = await self._store.orphaned_site_rounds(self._now())
        for site_id in orphans:
            log.warning("site %s: re-planning a round another node left unfinished", site_id)
            await self.request(site_id)
        return orphans

    async def _round(self, site_id: str, about: str | None) -> None:
        """One round under the lease, kept alive meanwhile; a failed round lets it lapse."""
        keeper = asyncio.create_task(self._keep(site_id), name=f"site-lease {site_id}")
        failed = True
        try:
            await self._replan(site_id, about)
            failed = False
        finally:
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)
            if failed:
                await self._lapse(site_id)

    async def _keep(self, site_id: str) -> None:
        """Renew the lease every `RENEW_SECONDS` while the round runs."""
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            try:
                if not await self._renew(site_id):
                    log.warning("site %s: the re-plan lease passed to another node", site_id)
                    return
            except Exception:
                log.warning("site %s: could not renew the re-plan lease", site_id, exc_info=True)

    async def _lapse(self, site_id: str) -> None:
        """After a failed round: let the lease lapse at once, so any node's next request for
        the site takes it."""
        past = self._now() - timedelta(microseconds=1)
        with contextlib.suppress(Exception):
            await self._store.take_site_round(site_id, self._node_id, past, past)

    async def _take(self, site_id: str) -> bool:
        """Hold the site's lease; when another node holds it, ask it for one more round, then
        try once more (it may have released in between, missing the request)."""
        if await self._renew(site_id):
            return True
        await self._store.want_site_round(site_id)
        return await self._renew(site_id)

    async def _renew(self, site_id: str) -> bool:
        now = self._now()
        return await self._store.take_site_round(site_id, self._node_id, now, now + self._lease)

    async def _replan(self, site_id: str, about: str | None) -> None:
        view = await self._store.site(site_id)
        if view is None:
            return
        rows = await self._store.site_transactions(site_id)
        caps = await self._external_caps(view.site, rows)
        previous = {entry.transaction_id: entry for entry in view.plan}
        state = _Round(
            acknowledged={},
            failed={},
            profile_ids={
                key: entry.profile_id
                for key, entry in previous.items()
                if entry.profile_id is not None
            },
        )
        now = self._now()
        allocations: tuple[Allocation, ...] = ()
        for attempt in range(len(rows) + 1):
            if attempt and not await self._renew(site_id):
                log.warning("site %s: the re-plan lease passed to another node", site_id)
                return
            txs = [
                self._transaction(row, view.site, previous, state, caps.get(row.transaction_id))
                for row in rows
            ]
            plan = plan_site(_site_limit(view.site), txs, now, self._voltage)
            allocations = plan.allocations
            if not await self._send_all(plan.lowering, state, now) or not await self._send_all(
                plan.raising, state, now
            ):
                continue
            break
        entries = [self._entry(a, previous, state, now) for a in allocations]
        await self._store.replace_plan(site_id, entries)
        if _changed(view, entries):
            await self._publish(view, entries, about or _first_station(view, rows), now)

    def _transaction(
        self,
        row: SiteTransactionRow,
        site: SiteSettings,
        previous: dict[str, PlanEntry],
        state: _Round,
        cap: float | None,
    ) -> SiteTransaction:
        key = row.transaction_id
        highest = site.evse_max if cap is None else max(0.0, min(site.evse_max, cap))
        known = previous.get(key)
        held = state.acknowledged.get(key, known.held if known else None)
        failed = state.failed.get(key)
        may_hold = failed if failed is not None else held
        return SiteTransaction(
            transaction_id=key,
            station_id=row.station_id,
            evse_id=row.evse_id,
            started_at=row.started_at or self._now(),
            min_limit=min(site.evse_min, highest),
            max_limit=highest,
            unit=Unit(site.unit),
            phases=site.phases,
            suspended=row.charging_state in SUSPENDED,
            responsive=failed is None,
            holding=None if may_hold is None else Holding(may_hold),
        )

    async def _external_caps(
        self, site: SiteSettings, rows: list[SiteTransactionRow]
    ) -> dict[str, float]:
        """Per transaction, the lowest limit (site unit) of the external limits in force on
        its EVSE or its whole station (NotifyChargingLimit, K12), over all their periods."""
        caps: dict[str, float] = {}
        for station_id in {row.station_id for row in rows}:
            limits = [v for v in await self._store.limits(station_id) if v.cleared_at is None]
            for row in (r for r in rows if r.station_id == station_id):
                found = [
                    convert(
                        float(period["limit"]),
                        Unit(schedule["chargingRateUnit"]),
                        Unit(site.unit),
                        self._voltage,
                        int(period.get("numberPhases") or site.phases),
                    )
                    for limit in limits
                    if limit.evse_id in (0, row.evse_id)
                    for schedule in (limit.schedules or [])[:1]
                    for period in schedule.get("chargingSchedulePeriod", [])
                ]
                if found:
                    caps[row.transaction_id] = min(found)
        return caps

    async def _send_all(self, batch: tuple[Allocation, ...], state: _Round, now: datetime) -> bool:
        """Send `batch` at once; whether every station acknowledged."""
        results = await asyncio.gather(*(self._send(a, state, now) for a in batch))
        return all(results)

    async def _send(self, allocation: Allocation, state: _Round, now: datetime) -> bool:
        tx = allocation.transaction
        known = state.profile_ids.get(tx.transaction_id)
        request = tx_profile(allocation, known or 0, now, SITE_STACK_LEVEL)
        profile = profile_of(request.charging_profile, tx.evse_id)
        held = tx.holding.at(now) if tx.holding else tx.min_limit
        try:
            done = await self._charging.set(
                tx.station_id, profile, allocate=known is None, timeout=self._timeout
            )
        except (InvalidCommand, OcppError) as refused:
            log.warning("site TxProfile for %s refused: %s", tx.transaction_id, refused)
            state.failed[tx.transaction_id] = held
            return False
        if done.profile_id is not None:
            state.profile_ids[tx.transaction_id] = done.profile_id
        if done.answer is not None and done.answer.status == ProfileStatus.accepted:
            state.acknowledged[tx.transaction_id] = allocation.limit
            return True
        timed_out = done.outcome is Outcome.TIMEOUT
        state.failed[tx.transaction_id] = max(held, allocation.limit) if timed_out else held
        return False

    def _entry(
        self,
        allocation: Allocation,
        previous: dict[str, PlanEntry],
        state: _Round,
        now: datetime,
    ) -> PlanEntry:
        tx = allocation.transaction
        key = tx.transaction_id
        known = previous.get(key)
        failed = key in state.failed
        acknowledged = key in state.acknowledged or (
            not failed and known is not None and known.acknowledged and not allocation.send
        )
        held = state.failed.get(key, state.acknowledged.get(key, known.held if known else None))
        return PlanEntry(
            station_id=tx.station_id,
            evse_id=tx.evse_id,
            transaction_id=key,
            limit=allocation.limit,
            counted=allocation.counted,
            reason=allocation.reason.value,
            acknowledged=acknowledged,
            held=held,
            profile_id=state.profile_ids.get(key),
            planned_at=now,
        )

    async def _publish(
        self, view: SiteView, entries: list[PlanEntry], station_id: str, now: datetime
    ) -> None:
        event = SitePlanChanged(
            station_id=station_id,
            occurred_at=now,
            site_id=view.site.site_id,
            capacity=view.site.grid_limit,
            counted=round(sum(entry.counted for entry in entries), 6),
            unit=view.site.unit,
            allocations=[
                {
                    "stationId": entry.station_id,
                    "evseId": entry.evse_id,
                    "transactionId": entry.transaction_id,
                    "limit": entry.limit,
                    "counted": entry.counted,
                    "reason": entry.reason,
                    "acknowledged": entry.acknowledged,
                }
                for entry in entries
            ],
        )
        await self._bus.publish(topics.EVENTS, event.to_bytes())


def _signature(entries: list[PlanEntry]) -> set[tuple[str, float, str, bool]]:
    return {(e.transaction_id, e.limit, e.reason, e.acknowledged) for e in entries}


def _changed(view: SiteView, entries: list[PlanEntry]) -> bool:
    return _signature(view.plan) != _signature(entries)


def _first_station(view: SiteView, rows: list[SiteTransactionRow]) -> str:
    stations = [row.station_id for row in rows] or view.station_ids
    return stations[0] if stations else view.site.site_id


class SitePlanner(EventsFollower):
    """Re-plans a station's site on its transaction starts, stops, charging-state changes
    and new external limits."""

    def __init__(
        self, bus: Bus, planning: SitePlanning, sweep_seconds: float = ORPHAN_SWEEP_SECONDS
    ) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._planning = planning
        self._counter = itertools.count()
        self._sweep_seconds = sweep_seconds
        self._sweeper: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Follow the events topic, and look for orphaned rounds every `sweep_seconds`."""
        await super().start()
        self._sweeper = asyncio.create_task(self._sweep_forever(), name="site-orphans")

    async def stop(self) -> None:
        """Stop the sweep and the re-plans under way."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            await asyncio.gather(self._sweeper, return_exceptions=True)
            self._sweeper = None
        await super().stop()

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self._sweep_seconds)
            try:
                await self._planning.replan_orphans()
            except Exception:
                log.exception("could not look for orphaned site re-plans")

    def follow(self, event: Event) -> None:
        """Start a re-plan of the station's site for a relevant event."""
        relevant = isinstance(event, TransactionStarted | TransactionEnded | ChargingLimitChanged)
        if isinstance(event, TransactionChanged) and event.charging_state is not None:
            relevant = True
        if relevant:
            key = f"{event.station_id}\x1f{next(self._counter)}"
            self.run_for(key, self._plan(event.station_id))

    async def _plan(self, station_id: str) -> None:
        try:
            await self._planning.request_for_station(station_id)
        except Exception:
            log.exception("could not re-plan the site of %s", station_id)


__all__ = ["Reason", "SitePlanner", "SitePlanning"]
