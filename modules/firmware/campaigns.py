"""Firmware campaigns: created and canceled by the operator (`Campaigns`), rolled out by a
runner on the api nodes (`CampaignRunner`).

The runner wakes every `interval` seconds, takes the lease of each active campaign (one node
at a time runs a campaign: the lease is a database row, taken with a conditional UPDATE and
renewed on every round, released when the node stops, taken over by another node once it
expired), decides the campaign's next step (`rollout.next_step`) from what is stored, writes
it (only while it still holds the lease), sends the UpdateFirmware of each station starting a
wave in a background task (`FirmwareUpdates`: requestId allocated and the update recorded
before sending), and publishes FIRMWARE_CAMPAIGN_PROGRESS for every station that starts or
ends. Everything a campaign is lives in the database, so a node that restarts, or another
api node, picks running campaigns up where they stood.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from modules.firmware import policy, rollout
from modules.firmware.catalogue import Catalogue
from modules.firmware.commands import FirmwareUpdates, update_firmware
from modules.firmware.events import FirmwareCampaignProgress
from modules.firmware.records import CampaignPlan, CampaignView, StationState
from modules.firmware.store import FirmwareStore
from modules.kernel import topics
from modules.kernel.commands import InvalidCommand
from modules.kernel.ports import Bus

log = logging.getLogger(__name__)

MAX_STATIONS = 10_000
"""The most stations one campaign rolls out to."""


def _refuse(field: str, problem: str) -> InvalidCommand:
    return InvalidCommand(field, problem, policy.BAD_USER_INPUT)


class Campaigns:
    """Creates and cancels campaigns (the runner rolls them out)."""

    def __init__(
        self,
        store: FirmwareStore,
        catalogue: Catalogue,
        clock: Callable[[], datetime],
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._catalogue = catalogue
        self._clock = clock
        self._on_change = on_change

    async def _stations(
        self, station_ids: Sequence[str] | None, vendor_name: str | None, model: str | None
    ) -> list[str]:
        """The campaign's stations: the list given (each registered), or the registered
        stations matching the filter."""
        if station_ids is not None:
            if vendor_name is not None or model is not None:
                raise _refuse("stationIds", "give stationIds or a filter, not both")
            wanted = list(dict.fromkeys(station_ids))
            known = set(await self._store.known_stations(wanted))
            unknown = [sid for sid in wanted if sid not in known]
            if unknown:
                raise _refuse("stationIds", f"unknown stations: {', '.join(unknown[:10])}")
            found = wanted
        elif vendor_name is None and model is None:
            raise _refuse("stationIds", "give stationIds, or vendorName and/or model")
        else:
            found = await self._store.stations_matching(vendor_name, model)
        if not found:
            raise _refuse("stationIds", "no station to update")
        if len(found) > MAX_STATIONS:
            raise _refuse("stationIds", f"at most {MAX_STATIONS} stations per campaign")
        return found

    async def create(
        self,
        name: str,
        firmware_id: int,
        origin: str,
        *,
        station_ids: Sequence[str] | None = None,
        vendor_name: str | None = None,
        model: str | None = None,
        max_concurrent: int = 1,
        wave_pause: float = 0.0,
        max_failures: int | None = None,
        max_failure_fraction: float | None = None,
        station_timeout: float = 3600.0,
        retries: int | None = None,
        retry_interval: int | None = None,
        install_date_time: datetime | None = None,
        signed: bool | None = None,
    ) -> CampaignView:
        """Create a Running campaign of catalogue entry `firmware_id` (its first wave starts
        at the runner's next round). InvalidCommand for an argument that does not fit."""
        if max_concurrent < 1:
            raise _refuse("maxConcurrent", "must be >= 1")
        if wave_pause < 0:
            raise _refuse("wavePauseSeconds", "must be >= 0")
        if max_failures is not None and max_failures < 1:
            raise _refuse("maxFailures", "must be >= 1")
        if max_failure_fraction is not None and not 0 < max_failure_fraction <= 1:
            raise _refuse("maxFailureFraction", "must be > 0 and <= 1")
        if station_timeout <= 0:
            raise _refuse("stationTimeoutSeconds", "must be > 0")
        target = await self._catalogue.target(firmware_id, None, origin)
        entry = await self._catalogue.entry(firmware_id)
        now = self._clock()
        order = update_firmware(
            target.location,
            now,
            install_date_time=install_date_time,
            retries=retries,
            retry_interval=retry_interval,
            signature=target.signature,
            signing_certificate=target.signing_certificate,
            signed=signed,
        )
        stations = await self._stations(station_ids, vendor_name, model)
        plan = CampaignPlan(
            name=policy.optional_text("name", name, policy.MAX_CAMPAIGN_NAME) or "",
            firmware_id=firmware_id,
            version=entry.version,
            location=target.location,
            signature=order.request.firmware.signature,
            signing_certificate=order.request.firmware.signing_certificate,
            retries=retries,
            retry_interval=retry_interval,
            install_date_time=install_date_time,
            max_concurrent=max_concurrent,
            wave_pause=wave_pause,
            max_failures=max_failures,
            max_failure_fraction=max_failure_fraction,
            station_timeout=station_timeout,
            created_at=now,
        )
        campaign_id = await self._store.create_campaign(plan, stations)
        self._on_change()
        created = await self._store.campaign(campaign_id)
        assert created is not None
        return created

    async def cancel(self, campaign_id: int) -> CampaignView | None:
        """Cancel a Running campaign: no further wave (stations updating are followed to
        their end). None when there is no such campaign; InvalidCommand when it is over."""
        if not await self._store.cancel_campaign(campaign_id, self._clock()):
            found = await self._store.campaign(campaign_id)
            if found is None:
                return None
            raise _refuse("id", f"campaign {campaign_id} is {found.status}, not Running")
        self._on_change()
        return await self._store.campaign(campaign_id)


class CampaignRunner:
    """Rolls out the active campaigns whose lease this node holds (see the module's doc)."""

    def __init__(
        self,
        store: FirmwareStore,
        updates: FirmwareUpdates,
        bus: Bus,
        node_id: str,
        clock: Callable[[], datetime],
        interval: float = 5.0,
        lease: float = 60.0,
    ) -> None:
        self._store = store
        self._updates = updates
        self._bus = bus
        self._node_id = node_id
        self._clock = clock
        self._interval = interval
        self._lease = lease
        self._task: asyncio.Task[None] | None = None
        self._sending: dict[tuple[int, str], asyncio.Task[None]] = {}
        self._wake = asyncio.Event()

    async def start(self) -> None:
        """Run rounds in the background until stopped."""
        self._task = asyncio.create_task(self._loop())

    def wake(self) -> None:
        """Run a round now (a campaign was created or changed on this node)."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop the rounds and the sends under way, and release this node's leases (another
        node, or this one restarted, takes the campaigns over at once)."""
        tasks = [task for task in (self._task, *self._sending.values()) if task is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self._store.release_campaigns(self._node_id)

    async def drain(self) -> None:
        """Wait until the UpdateFirmware sends under way on this node are done."""
        await asyncio.gather(*self._sending.values(), return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # a database or bus failure: the next round tries again
                log.exception("firmware campaign round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)
            self._wake.clear()

    async def run_once(self) -> None:
        """One round: advance every active campaign whose lease this node holds or takes."""
        for campaign_id in await self._store.active_campaigns():
            now = self._clock()
            until = now + timedelta(seconds=self._lease)
            if await self._store.claim_campaign(campaign_id, self._node_id, now, until):
                await self._advance(campaign_id, now)

    async def _advance(self, campaign_id: int, now: datetime) -> None:
        campaign = await self._store.campaign(campaign_id)
        if campaign is None:
            return
        sending = frozenset(sid for cid, sid in self._sending if cid == campaign_id)
        step = rollout.next_step(campaign, now, self._lease, sending)
        if not step.changes(campaign):
            return
        if not await self._store.apply_step(campaign_id, self._node_id, step, now):
            return
        for station_id in step.started:
            self._send(campaign, station_id)
        after = await self._store.campaign(campaign_id)
        if after is not None:
            changed = [(s.station_id, s.state, s.failure_reason) for s in step.settled]
            changed += [(sid, StationState.UPDATING, None) for sid in step.started]
            await self._announce(after, changed, now)

    def _send(self, campaign: CampaignView, station_id: str) -> None:
        key = (campaign.id, station_id)
        task = asyncio.create_task(self._update(campaign, station_id))
        self._sending[key] = task
        task.add_done_callback(lambda _: self._sending.pop(key, None))

    async def _update(self, campaign: CampaignView, station_id: str) -> None:
        now = self._clock()
        install = campaign.install_date_time
        try:
            order = update_firmware(
                campaign.location,
                now,
                # an install time that has passed means: as soon as it is downloaded
                install_date_time=install if install is not None and install > now else None,
                retries=campaign.retries,
                retry_interval=campaign.retry_interval,
                signature=campaign.signature,
                signing_certificate=campaign.signing_certificate,
                firmware_id=campaign.firmware_id,
                campaign_id=campaign.id,
            )
            await self._updates.update(station_id, order)
        except Exception:  # the station is settled by its timeout
            log.exception("firmware campaign %s: update of %s failed", campaign.id, station_id)
        self.wake()

    async def _announce(
        self, campaign: CampaignView, changed: list[tuple[str, str, str | None]], now: datetime
    ) -> None:
        totals = {
            "pending": campaign.count(StationState.PENDING),
            "updating": campaign.count(StationState.UPDATING),
            "succeeded": campaign.count(StationState.SUCCEEDED),
            "failed": campaign.count(StationState.FAILED),
        }
        for station_id, state, reason in changed:
            event = FirmwareCampaignProgress(
                station_id=station_id,
                occurred_at=now,
                campaign_id=campaign.id,
                campaign_status=campaign.status,
                state=state,
                failure_reason=reason,
                **totals,
            )
            await self._bus.publish(topics.EVENTS, event.to_bytes())
