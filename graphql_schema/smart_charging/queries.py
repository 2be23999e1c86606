"""Smart-charging reads (block K): a station's charging profiles, a transaction's, its
GetChargingProfiles requests, composite schedules, external limits, EV charging needs and
schedules. Every list is bounded by what one station holds."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from ocpp.v201 import enums

from graphql_schema.common.fields import query
from graphql_schema.smart_charging.types import (
    ChargingLimitType,
    ChargingProfileRequestType,
    ChargingProfileType,
    CompositeScheduleType,
    EvChargingNeedsType,
    EvChargingScheduleType,
    ExpectedCompositeScheduleType,
)
from modules.smart_charging import ExpectedSchedules, Presence, SmartChargingQueries


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

    @query(
        "The composite schedule the CSMS expects a station to report for `evseId` (0: the "
        "station) over `duration` seconds from `start` (default: now), computed from the "
        "profiles it believes installed and the running transactions, in `chargingRateUnit` "
        "(default: the station's choice as the CSMS guesses it); `reported` is the station's "
        "last GetCompositeSchedule answer for that EVSE, to compare."
    )
    async def expected_composite_schedule(
        self,
        expected: ExpectedSchedules,
        station_id: strawberry.ID,
        evse_id: int,
        duration: int,
        charging_rate_unit: enums.ChargingRateUnitEnumType | None = None,
        start: datetime | None = None,
    ) -> ExpectedCompositeScheduleType:
        """The expected schedule and the station's answer."""
        station = str(station_id)
        moment = start if start is None or start.tzinfo else start.replace(tzinfo=UTC)
        schedule = await expected.expected(station, evse_id, duration, charging_rate_unit, moment)
        reported = next(
            (view for view in await expected.composites(station) if view.evse_id == evse_id),
            None,
        )
        return ExpectedCompositeScheduleType.of(station, schedule, reported)

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
