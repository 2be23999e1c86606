"""Schedules offered for EVs' charging needs (K15.FR.07/08): a NotifyEVChargingNeeds answered
Accepted is followed, on an api node, by a SetChargingProfile with a TxProfile for the
EVSE's transaction built by `policy.offer_for` from the EV's needs and the station's
installed ChargingStationMaxProfiles.

It follows the events topic on one subscription shared by every api node (one node acts on
each EV_CHARGING_NEEDS_RECEIVED) and sends in a background task per EVSE, so the event is
acknowledged at once. The offer replaces the CSMS's earlier offer for the same transaction
(same profile id, stack level 0), so renegotiations (K16, K17) never clash with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus
from modules.smart_charging import policy
from modules.smart_charging.commands import SmartCharging
from modules.smart_charging.events import EvChargingNeedsReceived
from modules.smart_charging.records import Presence, Profile
from modules.smart_charging.store import SmartChargingStore

log = logging.getLogger(__name__)

SUBSCRIPTION = "smart-charging-offers"
OFFER_STACK_LEVEL = 0
"""The stack level of an offered TxProfile."""


class ChargingNeedsOffers(EventsFollower):
    """Sends the TxProfile offered for each accepted NotifyEVChargingNeeds."""

    def __init__(
        self,
        bus: Bus,
        store: SmartChargingStore,
        charging: SmartCharging,
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._store = store
        self._charging = charging
        self._now = now

    def follow(self, event: Event) -> None:
        """An accepted EV_CHARGING_NEEDS_RECEIVED starts the offer for its EVSE."""
        if not isinstance(event, EvChargingNeedsReceived) or event.status != "Accepted":
            return
        key = f"{event.station_id}\x1f{event.evse_id}"
        if not self.is_running(key):
            self.run_for(key, self.offer(event.station_id, event.evse_id))

    async def offer(self, station_id: str, evse_id: int) -> int | None:
        """Build and send the offer for the EVSE's last needs; the profile id sent (None when
        nothing was sent: the reason is stored with the needs)."""
        try:
            return await self._offer(station_id, evse_id)
        except Exception:
            log.exception("could not offer a schedule on %s EVSE %s", station_id, evse_id)
            return None

    async def _offer(self, station_id: str, evse_id: int) -> int | None:
        needs = await self._store.needs(station_id, evse_id)
        if needs is None or needs.transaction_id is None:
            return None
        installed = await self._store.profiles(station_id, presences=[Presence.INSTALLED])
        offer = policy.offer_for(needs, installed, self._now())
        if offer is None:
            await self._store.record_offer(station_id, evse_id, None, None, "no EV parameters")
            return None
        earlier = [
            view.profile_id
            for view in await self._store.transaction_profiles(station_id, needs.transaction_id)
            if view.stack_level == OFFER_STACK_LEVEL
        ]
        profile = Profile(
            evse_id=evse_id,
            profile_id=earlier[0] if earlier else 0,
            stack_level=OFFER_STACK_LEVEL,
            purpose=policy.TX_PROFILE,
            kind=policy.RELATIVE,
            schedules=(policy.offer_schedule(offer),),
            transaction_id=needs.transaction_id,
        )
        try:
            done = await self._charging.set(station_id, profile, allocate=not earlier)
        except (InvalidCommand, OcppError) as refused:
            await self._store.record_offer(station_id, evse_id, None, None, str(refused))
            return None
        status = done.answer.status.value if done.answer else done.outcome.value
        await self._store.record_offer(station_id, evse_id, done.profile_id, status, None)
        return done.profile_id
