"""Smart-charging reads (block K): a station's charging profiles, a transaction's, its
GetChargingProfiles requests, composite schedules, external limits, EV charging needs and
schedules. Every list is bounded by what one station holds."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import query
from graphql_schema.smart_charging.types import (
    ChargingLimitType,
    ChargingProfileRequestType,
    ChargingProfileType,
    CompositeScheduleType,
    EvChargingNeedsType,
    EvChargingScheduleType,
)
from modules.smart_charging import Presence, SmartChargingQueries


@strawberry.type
class SmartChargingQuery:
    """Block K: smart charging."""

    @query(
        "A station's charging profiles as the CSMS knows them (on `evseId`; of the "
        "`presence`s given), by EVSE, purpose, stack level and id."
    )
    async def charging_profiles(
        self,
        charging: SmartChargingQueries,
        station_id: strawberry.ID,
        evse_id: int | None = None,
        presence: list[Presence] | None = None,
    ) -> list[ChargingProfileType]:
        """The station's profiles."""
        views = await charging.profiles(str(station_id), evse_id, presence)
        return [ChargingProfileType.of(view) for view in views]

    @query(
        "The TxProfiles of a transaction: set for it, or sent with the RequestStartTransaction "
        "that began it (K05)."
    )
    async def transaction_charging_profiles(
        self, charging: SmartChargingQueries, station_id: strawberry.ID, transaction_id: str
    ) -> list[ChargingProfileType]:
        """The transaction's profiles by stack level."""
        views = await charging.transaction_profiles(str(station_id), transaction_id)
        return [ChargingProfileType.of(view) for view in views]

    @query("One GetChargingProfiles request of a station; null when the CSMS knows none.")
    async def charging_profile_request(
        self, charging: SmartChargingQueries, station_id: strawberry.ID, request_id: int
    ) -> ChargingProfileRequestType | None:
        """The request, or null."""
        view = await charging.request(str(station_id), request_id)
        return ChargingProfileRequestType.of(view) if view else None

    @query("A station's last GetCompositeSchedule answer for each EVSE.")
    async def composite_schedules(
        self, charging: SmartChargingQueries, station_id: strawberry.ID
    ) -> list[CompositeScheduleType]:
        """By EVSE."""
        return [
            CompositeScheduleType.of(view) for view in await charging.composites(str(station_id))
        ]

    @query("A station's external charging limits (NotifyChargingLimit, ClearedChargingLimit).")
    async def charging_limits(
        self, charging: SmartChargingQueries, station_id: strawberry.ID
    ) -> list[ChargingLimitType]:
        """By EVSE and source."""
        return [ChargingLimitType.of(view) for view in await charging.limits(str(station_id))]

    @query("The last charging needs of the EV on each EVSE of a station, with the offer made.")
    async def ev_charging_needs(
        self, charging: SmartChargingQueries, station_id: strawberry.ID
    ) -> list[EvChargingNeedsType]:
        """By EVSE."""
        return [EvChargingNeedsType.of(view) for view in await charging.needs(str(station_id))]

    @query("The last charging schedule the EV chose on each EVSE of a station.")
    async def ev_charging_schedules(
        self, charging: SmartChargingQueries, station_id: strawberry.ID
    ) -> list[EvChargingScheduleType]:
        """By EVSE."""
        views = await charging.ev_schedules(str(station_id))
        return [EvChargingScheduleType.of(view) for view in views]
