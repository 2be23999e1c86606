"""The smart-charging reads GraphQL uses: a station's charging profiles, a transaction's,
GetChargingProfiles requests, external limits, EV charging needs and schedules, composite
schedules."""

from __future__ import annotations

from collections.abc import Sequence

from modules.kernel.services import OnStore
from modules.smart_charging.records import (
    ChargingLimitView,
    CompositeView,
    EvNeedsView,
    EvScheduleView,
    Presence,
    ProfileRequestView,
    ProfileView,
)
from modules.smart_charging.store import SmartChargingStore


class SmartChargingQueries(OnStore[SmartChargingStore]):
    """Reads of the smart-charging block (every list is bounded by what one station holds:
    its profile ids, EVSEs and limit sources)."""

    async def profiles(
        self,
        station_id: str,
        evse_id: int | None = None,
        presences: Sequence[Presence] | None = None,
    ) -> list[ProfileView]:
        """The station's profiles by EVSE, purpose, stack level and id."""
        return await self._store.profiles(station_id, evse_id, presences)

    async def profile(self, station_id: str, profile_id: int) -> ProfileView | None:
        """One profile id of the station, or None."""
        return await self._store.profile(station_id, profile_id)

    async def transaction_profiles(self, station_id: str, transaction_id: str) -> list[ProfileView]:
        """A transaction's TxProfiles (set for it, or sent with its remote start: K05)."""
        return await self._store.transaction_profiles(station_id, transaction_id)

    async def request(self, station_id: str, request_id: int) -> ProfileRequestView | None:
        """One GetChargingProfiles request, or None."""
        return await self._store.request(station_id, request_id)

    async def limits(self, station_id: str) -> list[ChargingLimitView]:
        """The station's external limits."""
        return await self._store.limits(station_id)

    async def needs(self, station_id: str) -> list[EvNeedsView]:
        """The last charging needs on each EVSE."""
        return await self._store.all_needs(station_id)

    async def ev_schedules(self, station_id: str) -> list[EvScheduleView]:
        """The last EV charging schedule on each EVSE."""
        return await self._store.ev_schedules(station_id)

    async def composites(self, station_id: str) -> list[CompositeView]:
        """The last composite schedule answer for each EVSE."""
        return await self._store.composites(station_id)
