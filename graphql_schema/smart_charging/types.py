"""GraphQL types of the smart-charging block (K): the OCPP enums spelled as OCPP spells them,
charging profiles and schedules (as the CSMS knows them), GetChargingProfiles requests,
composite schedules, external limits, EV charging needs and schedules, the profile input and
the command results."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from ocpp.v201 import enums
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.records import from_record
from modules.smart_charging import (
    ChargingLimitView,
    CompositeSchedule,
    CompositeView,
    EvNeedsView,
    EvScheduleView,
    Presence,
    Profile,
    ProfileRequestView,
    ProfileView,
)

ChargingProfilePurpose = ocpp_enum(
    enums.ChargingProfilePurposeEnumType,
    "ChargingProfilePurpose",
    "ChargingProfilePurposeEnumType: ChargingStationMaxProfile, TxDefaultProfile, TxProfile, "
    "ChargingStationExternalConstraints (set by external systems only).",
)
ChargingProfileKind = ocpp_enum(
    enums.ChargingProfileKindEnumType,
    "ChargingProfileKind",
    "ChargingProfileKindEnumType: Absolute, Recurring, Relative.",
)
RecurrencyKind = ocpp_enum(
    enums.RecurrencyKindEnumType, "RecurrencyKind", "RecurrencyKindEnumType: Daily, Weekly."
)
ChargingRateUnit = ocpp_enum(
    enums.ChargingRateUnitEnumType, "ChargingRateUnit", "ChargingRateUnitEnumType: A or W."
)
ChargingLimitSource = ocpp_enum(
    enums.ChargingLimitSourceEnumType,
    "ChargingLimitSource",
    "ChargingLimitSourceEnumType: EMS, Other, SO (system operator), CSO.",
)
ChargingProfileStatus = ocpp_enum(
    enums.ChargingProfileStatusEnumType,
    "ChargingProfileStatus",
    "The station's answer to SetChargingProfile: Accepted or Rejected.",
)
ClearChargingProfileStatus = ocpp_enum(
    enums.ClearChargingProfileStatusEnumType,
    "ClearChargingProfileStatus",
    "The station's answer to ClearChargingProfile: Accepted or Unknown (nothing matched).",
)
GetChargingProfileStatus = ocpp_enum(
    enums.GetChargingProfileStatusEnumType,
    "GetChargingProfileStatus",
    "The station's answer to GetChargingProfiles: Accepted (reports follow) or NoProfiles.",
)
GenericStatus = ocpp_enum(
    enums.GenericStatusEnumType, "GenericStatus", "GenericStatusEnumType: Accepted or Rejected."
)
ChargingProfilePresence = strawberry.enum(
    Presence,
    name="ChargingProfilePresence",
    description="Where a charging profile id of a station stands, as far as the CSMS knows: "
    "PENDING (sent, no answer yet), INSTALLED (accepted, or reported by the station), "
    "REJECTED, FAILED (no answer), CLEARED, NOT_ON_STATION (ClearChargingProfile answered "
    "Unknown, left out of a complete report, or its external limit was cleared).",
)


def _utc(moment: datetime | None) -> datetime | None:
    """A date-time as given, or taken as UTC when it carries no offset."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@strawberry.type(name="ChargingSchedulePeriod", description="ChargingSchedulePeriodType.")
class ChargingSchedulePeriodType:
    """One period: from `startPeriod` seconds, at most `limit` (in the schedule's unit)."""

    start_period: int
    limit: float
    number_phases: int | None
    phase_to_use: int | None

    @classmethod
    def of(cls, period: dict[str, Any]) -> ChargingSchedulePeriodType:
        """Build from the period's JSON."""
        return cls(
            start_period=period["startPeriod"],
            limit=float(period["limit"]),
            number_phases=period.get("numberPhases"),
            phase_to_use=period.get("phaseToUse"),
        )


@strawberry.type(name="ChargingSchedule", description="ChargingScheduleType.")
class ChargingScheduleType:
    """A schedule: its id, unit, start (Absolute/Recurring profiles), duration, periods."""

    id: int
    charging_rate_unit: enums.ChargingRateUnitEnumType
    start_schedule: datetime | None
    duration: int | None
    min_charging_rate: float | None
    periods: list[ChargingSchedulePeriodType]
    sales_tariff: JSON | None = strawberry.field(description="SalesTariffType JSON, if any.")

    @classmethod
    def of(cls, schedule: dict[str, Any]) -> ChargingScheduleType:
        """Build from the schedule's JSON."""
        start = schedule.get("startSchedule")
        return cls(
            id=schedule["id"],
            charging_rate_unit=enums.ChargingRateUnitEnumType(schedule["chargingRateUnit"]),
            start_schedule=datetime.fromisoformat(start) if start else None,
            duration=schedule.get("duration"),
            min_charging_rate=schedule.get("minChargingRate"),
            periods=[ChargingSchedulePeriodType.of(p) for p in schedule["chargingSchedulePeriod"]],
            sales_tariff=schedule.get("salesTariff"),
        )


@strawberry.type(
    name="ChargingProfile", description="A charging profile id of a station as the CSMS knows it."
)
class ChargingProfileType:
    """The profile as last set (or reported by the station), where it stands, and the
    station's answer to the last SetChargingProfile or ClearChargingProfile of the id."""

    station_id: strawberry.ID
    evse_id: int = strawberry.field(description="The EVSE it is on; 0: the whole station.")
    profile_id: int
    stack_level: int
    purpose: enums.ChargingProfilePurposeEnumType
    kind: enums.ChargingProfileKindEnumType
    recurrency_kind: enums.RecurrencyKindEnumType | None
    valid_from: datetime | None
    valid_to: datetime | None
    transaction_id: str | None
    remote_start_id: int | None = strawberry.field(
        description="The remote start that sent it (K05), if it came with one."
    )
    charging_limit_source: enums.ChargingLimitSourceEnumType
    schedules: list[ChargingScheduleType]
    presence: Presence
    status: str | None = strawberry.field(
        description="The station's answer to the last Set/ClearChargingProfile of this id."
    )
    status_reason: str | None
    outcome: CallOutcomeEnum | None = strawberry.field(
        description="How the last SetChargingProfile of this id ended."
    )
    error_code: str | None
    reported_request_id: int | None = strawberry.field(
        description="The GetChargingProfiles request that last reported it."
    )
    requested_at: datetime | None
    answered_at: datetime | None
    updated_at: datetime

    @classmethod
    def of(cls, view: ProfileView) -> ChargingProfileType:
        """Build from the block's view."""
        return from_record(
            cls, view, schedules=[ChargingScheduleType.of(item) for item in view.schedules]
        )


@strawberry.type(
    name="ChargingProfileRequest",
    description="A GetChargingProfiles request and the ReportChargingProfiles that answered it.",
)
class ChargingProfileRequestType:
    """One request by requestId; `criteria` is null for a request this CSMS did not send."""

    station_id: strawberry.ID
    request_id: int
    evse_id: int | None
    criteria: JSON | None
    requested_at: datetime | None
    outcome: CallOutcomeEnum | None
    status: enums.GetChargingProfileStatusEnumType | None
    status_reason: str | None
    error_code: str | None
    parts: int = strawberry.field(description="Distinct ReportChargingProfiles received.")
    profiles: int = strawberry.field(description="Profiles those parts carried.")
    completed_at: datetime | None
    completed: bool = strawberry.field(
        description="The last part (tbc false) arrived, or the station had no profiles."
    )

    @classmethod
    def of(cls, view: ProfileRequestView) -> ChargingProfileRequestType:
        """Build from the block's view."""
        return from_record(cls, view, completed=view.completed)


@strawberry.type(name="CompositeSchedule", description="A station's GetCompositeSchedule answer.")
class CompositeScheduleType:
    """The last answer for an EVSE: what was asked, the status, the schedule (JSON
    CompositeScheduleType: evseId, duration, scheduleStart, chargingRateUnit,
    chargingSchedulePeriod)."""

    station_id: strawberry.ID
    evse_id: int
    duration: int
    charging_rate_unit: str | None
    status: enums.GenericStatusEnumType
    status_reason: str | None
    schedule: JSON | None
    answered_at: datetime

    @classmethod
    def of(cls, view: CompositeView) -> CompositeScheduleType:
        """Build from the block's view."""
        return from_record(cls, view)


@strawberry.type(name="ChargingLimit", description="An external limit a station notified.")
class ChargingLimitType:
    """K12/K13: the limit of a source on an EVSE (0: the whole station)."""

    station_id: strawberry.ID
    evse_id: int
    source: enums.ChargingLimitSourceEnumType
    is_grid_critical: bool | None
    schedules: list[ChargingScheduleType] | None
    notified_at: datetime
    cleared_at: datetime | None

    @classmethod
    def of(cls, view: ChargingLimitView) -> ChargingLimitType:
        """Build from the block's view."""
        schedules = [ChargingScheduleType.of(s) for s in view.schedules or []]
        return from_record(cls, view, schedules=schedules if view.schedules else None)


@strawberry.type(name="EvChargingNeeds", description="An EV's last charging needs on an EVSE.")
class EvChargingNeedsType:
    """K15-K17: the needs (JSON ChargingNeedsType), the answer, the schedule offered."""

    station_id: strawberry.ID
    evse_id: int
    needs: JSON
    energy_transfer: str
    departure_time: datetime | None
    energy_amount: int | None
    max_schedule_tuples: int | None
    transaction_id: str | None
    status: str = strawberry.field(description="The NotifyEVChargingNeeds answer.")
    offered_profile_id: int | None = strawberry.field(
        description="The TxProfile offered for these needs."
    )
    offer_status: str | None = strawberry.field(
        description="The station's answer to the offer (or how the call ended)."
    )
    offer_problem: str | None = strawberry.field(description="Why no offer was sent.")
    received_at: datetime

    @classmethod
    def of(cls, view: EvNeedsView) -> EvChargingNeedsType:
        """Build from the block's view."""
        return from_record(cls, view)


@strawberry.type(name="EvChargingSchedule", description="The schedule an EV chose on an EVSE.")
class EvChargingScheduleType:
    """K15.FR.10: NotifyEVChargingSchedule as stored."""

    station_id: strawberry.ID
    evse_id: int
    time_base: datetime
    schedule: ChargingScheduleType
    received_at: datetime

    @classmethod
    def of(cls, view: EvScheduleView) -> EvChargingScheduleType:
        """Build from the block's view."""
        return from_record(cls, view, schedule=ChargingScheduleType.of(view.schedule))


@strawberry.input(description="A ChargingSchedulePeriodType.")
class ChargingSchedulePeriodInput:
    """From `startPeriod` seconds (the first 0), at most `limit`."""

    start_period: int
    limit: float
    number_phases: int | None = None
    phase_to_use: int | None = strawberry.field(
        default=None, description="Only with numberPhases 1 (K01.FR.19)."
    )

    def as_json(self) -> dict[str, Any]:
        """The period's JSON."""
        period: dict[str, Any] = {"startPeriod": self.start_period, "limit": self.limit}
        if self.number_phases is not None:
            period["numberPhases"] = self.number_phases
        if self.phase_to_use is not None:
            period["phaseToUse"] = self.phase_to_use
        return period


@strawberry.input(description="A ChargingScheduleType.")
class ChargingScheduleInput:
    """A schedule: id, unit, start (Absolute and Recurring only), duration, periods."""

    id: int
    charging_rate_unit: enums.ChargingRateUnitEnumType
    periods: list[ChargingSchedulePeriodInput]
    start_schedule: datetime | None = None
    duration: int | None = None
    min_charging_rate: float | None = None

    def as_json(self) -> dict[str, Any]:
        """The schedule's JSON (a start without offset taken as UTC)."""
        schedule: dict[str, Any] = {
            "id": self.id,
            "chargingRateUnit": self.charging_rate_unit.value,
            "chargingSchedulePeriod": [period.as_json() for period in self.periods],
        }
        start = _utc(self.start_schedule)
        if start is not None:
            schedule["startSchedule"] = start.astimezone(UTC).isoformat().replace("+00:00", "Z")
        if self.duration is not None:
            schedule["duration"] = self.duration
        if self.min_charging_rate is not None:
            schedule["minChargingRate"] = self.min_charging_rate
        return schedule


@strawberry.input(description="A charging profile (ChargingProfileType) to set on an EVSE.")
class ChargingProfileInput:
    """What SetChargingProfile sends; `id` null: the CSMS picks one."""

    id: int | None = strawberry.field(
        default=None, description="The profile id; omit it and the CSMS allocates one."
    )
    stack_level: int
    purpose: enums.ChargingProfilePurposeEnumType
    kind: enums.ChargingProfileKindEnumType
    schedules: list[ChargingScheduleInput]
    recurrency_kind: enums.RecurrencyKindEnumType | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    transaction_id: str | None = strawberry.field(
        default=None, description="A TxProfile's running transaction (K01.FR.03); else none."
    )

    def profile(self, evse_id: int) -> Profile:
        """The block's profile on `evse_id` (id 0 until the CSMS allocates one)."""
        return Profile(
            evse_id=evse_id,
            profile_id=self.id if self.id is not None else 0,
            stack_level=self.stack_level,
            purpose=self.purpose.value,
            kind=self.kind.value,
            schedules=tuple(schedule.as_json() for schedule in self.schedules),
            recurrency_kind=self.recurrency_kind.value if self.recurrency_kind else None,
            valid_from=_utc(self.valid_from),
            valid_to=_utc(self.valid_to),
            transaction_id=self.transaction_id,
        )


@strawberry.type(description="How a SetChargingProfile call ended.")
class SetChargingProfileResult:
    """Outcome; the profile id (null when the station is unknown and nothing was sent); with
    RESULT the station's status; the profile as the CSMS records it afterwards."""

    outcome: CallOutcomeEnum
    profile_id: int | None
    status: enums.ChargingProfileStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    profile: ChargingProfileType | None


@strawberry.type(description="How a ClearChargingProfile call ended.")
class ClearChargingProfileResult:
    """Outcome; with RESULT the station's status; the station's profiles as recorded after."""

    outcome: CallOutcomeEnum
    status: enums.ClearChargingProfileStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    profiles: list[ChargingProfileType]


@strawberry.type(description="How a GetChargingProfiles call ended.")
class GetChargingProfilesResult:
    """Outcome; the requestId (null when the station is unknown); with RESULT the station's
    status; the request as recorded (its ReportChargingProfiles follow)."""

    outcome: CallOutcomeEnum
    request_id: int | None
    status: enums.GetChargingProfileStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    request: ChargingProfileRequestType | None


@strawberry.type(description="How a GetCompositeSchedule call ended.")
class GetCompositeScheduleResult:
    """Outcome; with RESULT the station's status and the answer as stored."""

    outcome: CallOutcomeEnum
    status: enums.GenericStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    composite: CompositeScheduleType | None


@strawberry.type(name="CompositeSchedulePeriod", description="One period of a composite schedule.")
class CompositeSchedulePeriodType:
    """From `startPeriod` seconds, at most `limit` (in the schedule's unit) on `numberPhases`."""

    start_period: int
    limit: float
    number_phases: int


@strawberry.type(
    name="ExpectedCompositeSchedule",
    description="The composite schedule the CSMS expects a station to report (K08), computed "
    "from the profiles it believes installed, next to the station's last answer for the EVSE.",
)
class ExpectedCompositeScheduleType:
    """The expected schedule (evseId, start, duration, unit, periods) and, to compare, the
    station's last GetCompositeSchedule answer for the same EVSE (null when none)."""

    station_id: strawberry.ID
    evse_id: int
    schedule_start: datetime
    duration: int
    charging_rate_unit: enums.ChargingRateUnitEnumType
    periods: list[CompositeSchedulePeriodType]
    reported: CompositeScheduleType | None

    @classmethod
    def of(
        cls, station_id: str, schedule: CompositeSchedule, reported: CompositeView | None
    ) -> ExpectedCompositeScheduleType:
        """Build from the calculated schedule and the stored answer."""
        return cls(
            station_id=strawberry.ID(station_id),
            evse_id=schedule.evse_id,
            schedule_start=schedule.schedule_start,
            duration=schedule.duration,
            charging_rate_unit=schedule.unit,
            periods=[
                CompositeSchedulePeriodType(
                    start_period=period.start_period,
                    limit=period.limit,
                    number_phases=period.number_phases,
                )
                for period in schedule.periods
            ],
            reported=CompositeScheduleType.of(reported) if reported else None,
        )
