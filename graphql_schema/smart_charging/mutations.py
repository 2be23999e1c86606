"""Smart-charging mutations (block K): arguments to the block's workflows and commands, their
results to GraphQL types. When the station answered, the block's result handler has already
stored what the answer means by the time a mutation returns."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.common import commands
from graphql_schema.common.commands import CallOutcomeEnum, StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.smart_charging.types import (
    ChargingProfileInput,
    ChargingProfileRequestType,
    ChargingProfileType,
    ClearChargingProfileResult,
    CompositeScheduleType,
    GetChargingProfilesResult,
    GetCompositeScheduleResult,
    SetChargingProfileResult,
)
from modules import smart_charging
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError
from modules.smart_charging import (
    ClearCriteria,
    ReportCriteria,
    SmartCharging,
    SmartChargingQueries,
)


@strawberry.input(description="Which profiles a ClearChargingProfile clears (K10).")
class ClearChargingProfileCriteriaInput:
    """Profiles on an EVSE, of a purpose, at a stack level (each omitted: any)."""

    evse_id: int | None = None
    purpose: enums.ChargingProfilePurposeEnumType | None = None
    stack_level: int | None = None


@strawberry.input(description="Which profiles a GetChargingProfiles asks for (K09).")
class ChargingProfileCriteriaInput:
    """Profiles of a purpose, at a stack level, with these ids, from these sources (at
    least one)."""

    purpose: enums.ChargingProfilePurposeEnumType | None = None
    stack_level: int | None = None
    profile_ids: list[int] | None = None
    sources: list[enums.ChargingLimitSourceEnumType] | None = None


@strawberry.type
class SmartChargingMutation:
    """Smart-charging commands (block K)."""

    @mutation(
        "K01-K03: set a charging profile on evseId (0: the whole station); an id the station "
        "holds is replaced. Without `profile.id` the CSMS allocates one. Checked before "
        "sending: K01's rules (no ChargingStationExternalConstraints, a TxProfile on an EVSE "
        "with its running transaction's id, the first period at 0 and periods ascending, "
        "startSchedule by kind, phaseToUse only with numberPhases 1, one schedule), the "
        "station's SmartChargingCtrlr (ProfileStackLevel, PeriodsPerSchedule, RateUnit, "
        "Entries, ACPhaseSwitchingSupported: code UNSUPPORTED_BY_STATION) and the profiles it "
        "holds (same stackLevel and purpose on the EVSE with overlapping validity, K01.FR.06; "
        "code PROFILE_CLASH): an input error naming the field."
    )
    async def set_charging_profile(
        self, call: StationCall, evse_id: int, profile: ChargingProfileInput
    ) -> SetChargingProfileResult:
        """Check, record (allocating the id when none is given), send."""
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await call.block(SmartCharging).set(
                call.station_id, profile.profile(evse_id), profile.id is None, call.timeout
            )
        return SetChargingProfileResult(
            outcome=CallOutcomeEnum(done.outcome.value),
            profile_id=done.profile_id,
            **commands.status_fields(done.answer),
            error_code=done.error_code,
            error_description=done.error_description,
            profile=ChargingProfileType.of(done.profile) if done.profile else None,
        )

    @mutation(
        "K10: clear one profile by `chargingProfileId`, or the profiles matching `criteria`. "
        "Accepted: the CSMS records them CLEARED; Unknown: NOT_ON_STATION."
    )
    async def clear_charging_profile(
        self,
        call: StationCall,
        charging_profile_id: int | None = None,
        criteria: ClearChargingProfileCriteriaInput | None = None,
    ) -> ClearChargingProfileResult:
        """Send ClearChargingProfile; the station's profiles as recorded afterwards."""
        wanted = ClearCriteria(
            charging_profile_id,
            criteria.evse_id if criteria else None,
            criteria.purpose.value if criteria and criteria.purpose else None,
            criteria.stack_level if criteria else None,
        )
        with refusals_as_input_errors(InvalidCommand):
            request = smart_charging.clear_charging_profile(wanted)
        result = await call.send(request, call_result.ClearChargingProfile)
        views = await call.block(SmartChargingQueries).profiles(call.station_id)
        return ClearChargingProfileResult(
            **commands.call_fields(result),
            **commands.status_fields(result.response),
            profiles=[ChargingProfileType.of(view) for view in views],
        )

    @mutation(
        "K09: ask the station for its charging profiles matching `criteria` (on evseId; "
        "omitted: every EVSE) under a requestId the CSMS allocates. Its "
        "ReportChargingProfiles replace what the CSMS believed the station holds for those "
        "criteria; `chargingProfileRequest` says when the last arrived."
    )
    async def get_charging_profiles(
        self,
        call: StationCall,
        criteria: ChargingProfileCriteriaInput,
        evse_id: int | None = None,
    ) -> GetChargingProfilesResult:
        """Allocate a requestId and send GetChargingProfiles."""
        wanted = ReportCriteria(
            evse_id,
            criteria.purpose.value if criteria.purpose else None,
            criteria.stack_level,
            tuple(criteria.profile_ids) if criteria.profile_ids is not None else None,
            tuple(item.value for item in criteria.sources) if criteria.sources else None,
        )
        with refusals_as_input_errors(InvalidCommand, OcppError):
            done = await call.block(SmartCharging).get(call.station_id, wanted, call.timeout)
        return GetChargingProfilesResult(
            outcome=CallOutcomeEnum(done.outcome.value),
            request_id=done.request_id,
            **commands.status_fields(done.answer),
            error_code=done.error_code,
            error_description=done.error_description,
            request=ChargingProfileRequestType.of(done.request) if done.request else None,
        )

    @mutation(
        "K08: ask the station for the composite schedule of evseId (0: the whole station) "
        "over `duration` seconds, in chargingRateUnit (omitted: the station's choice). The "
        "answer is stored (`compositeSchedules`) and returned."
    )
    async def get_composite_schedule(
        self,
        call: StationCall,
        evse_id: int,
        duration: int,
        charging_rate_unit: enums.ChargingRateUnitEnumType | None = None,
    ) -> GetCompositeScheduleResult:
        """Send GetCompositeSchedule; the answer as stored."""
        unit = charging_rate_unit.value if charging_rate_unit else None
        with refusals_as_input_errors(InvalidCommand):
            request = smart_charging.get_composite_schedule(evse_id, duration, unit)
        result = await call.send(request, call_result.GetCompositeSchedule)
        stored = None
        if result.answered:
            views = await call.block(SmartChargingQueries).composites(call.station_id)
            stored = next((view for view in views if view.evse_id == evse_id), None)
        return GetCompositeScheduleResult(
            **commands.call_fields(result),
            **commands.status_fields(result.response),
            composite=CompositeScheduleType.of(stored) if stored else None,
        )
