"""Smart-charging commands (block K): the typed requests built from an operator's arguments,
the SetChargingProfile and GetChargingProfiles workflows (checked against the station's
device model, its installed profiles and running transactions, ids allocated and recorded
before sending), and the result handlers that store what each answer means (each in the
answer's transaction; events after it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand, send
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.smart_charging import policy
from modules.smart_charging.conversions import ocpp_profile, profile_of
from modules.smart_charging.events import (
    ChargingProfileCleared,
    ChargingProfileSet,
    ChargingProfilesReported,
    ChargingProfilesRequested,
    CompositeScheduleReceived,
)
from modules.smart_charging.records import (
    ClearCriteria,
    CompositeView,
    Presence,
    Profile,
    ProfileRequestView,
    ProfileView,
    ReportCriteria,
    StationAnswer,
)
from modules.smart_charging.store import SmartChargingStore

PLACEHOLDER_ID = 0
"""Stands in for an id the CSMS has not allocated yet while a request is checked."""


def set_charging_profile(profile: Profile) -> call.SetChargingProfile:
    """K01: the request installing `profile` on its EVSE."""
    return call.SetChargingProfile(evse_id=profile.evse_id, charging_profile=ocpp_profile(profile))


def clear_charging_profile(criteria: ClearCriteria) -> call.ClearChargingProfile:
    """K10: the request clearing profile `criteria.profile_id`, or the profiles matching the
    EVSE, purpose and stack level given; InvalidCommand when it addresses nothing."""
    if criteria.profile_id is not None:
        if any(
            value is not None
            for value in (criteria.evse_id, criteria.purpose, criteria.stack_level)
        ):
            raise InvalidCommand("chargingProfileId", "give an id or criteria, not both")
        return call.ClearChargingProfile(charging_profile_id=criteria.profile_id)
    if criteria.evse_id is None and criteria.purpose is None and criteria.stack_level is None:
        raise InvalidCommand(
            "chargingProfileCriteria", "give chargingProfileId or at least one criterion"
        )
    if criteria.evse_id is not None and criteria.evse_id < 0:
        raise InvalidCommand("chargingProfileCriteria.evseId", "must be >= 0")
    if criteria.purpose == policy.EXTERNAL:
        raise InvalidCommand(
            "chargingProfileCriteria.chargingProfilePurpose",
            "external constraints are cleared by their source, not the CSMS",
        )
    return call.ClearChargingProfile(
        charging_profile_criteria=datatypes.ClearChargingProfileType(
            evse_id=criteria.evse_id,
            charging_profile_purpose=(
                enums.ChargingProfilePurposeEnumType(criteria.purpose) if criteria.purpose else None
            ),
            stack_level=criteria.stack_level,
        )
    )


def clear_criteria_of(request: call.ClearChargingProfile) -> ClearCriteria:
    """What a ClearChargingProfile addressed."""
    wanted = request.charging_profile_criteria
    if wanted is None:
        return ClearCriteria(profile_id=request.charging_profile_id)
    purpose = wanted.charging_profile_purpose
    return ClearCriteria(
        request.charging_profile_id,
        wanted.evse_id,
        enums.ChargingProfilePurposeEnumType(purpose).value if purpose else None,
        wanted.stack_level,
    )


def get_charging_profiles(request_id: int, criteria: ReportCriteria) -> call.GetChargingProfiles:
    """K09: the request for the profiles `criteria` select, under `request_id`; InvalidCommand
    when the criteria select nothing (the schema needs at least one criterion)."""
    if criteria.evse_id is not None and criteria.evse_id < 0:
        raise InvalidCommand("evseId", "must be >= 0 (0: the whole station)")
    if (
        criteria.purpose is None
        and criteria.stack_level is None
        and not criteria.profile_ids
        and not criteria.sources
    ):
        raise InvalidCommand(
            "criteria", "give a purpose, stackLevel, chargingProfileIds or limit sources"
        )
    return call.GetChargingProfiles(
        request_id=request_id,
        evse_id=criteria.evse_id,
        charging_profile=datatypes.ChargingProfileCriterionType(
            charging_profile_purpose=(
                enums.ChargingProfilePurposeEnumType(criteria.purpose) if criteria.purpose else None
            ),
            stack_level=criteria.stack_level,
            charging_profile_id=list(criteria.profile_ids) if criteria.profile_ids else None,
            charging_limit_source=(
                [enums.ChargingLimitSourceEnumType(item) for item in criteria.sources]
                if criteria.sources
                else None
            ),
        ),
    )


def _sources(sources: list[enums.ChargingLimitSourceEnumType] | None) -> tuple[str, ...] | None:
    if not sources:
        return None
    return tuple(enums.ChargingLimitSourceEnumType(item).value for item in sources)


def report_criteria_of(request: call.GetChargingProfiles) -> ReportCriteria:
    """What a GetChargingProfiles asked for."""
    wanted = request.charging_profile
    purpose = wanted.charging_profile_purpose
    return ReportCriteria(
        request.evse_id,
        enums.ChargingProfilePurposeEnumType(purpose).value if purpose else None,
        wanted.stack_level,
        tuple(wanted.charging_profile_id) if wanted.charging_profile_id else None,
        tuple(
            enums.ChargingLimitSourceEnumType(item).value for item in wanted.charging_limit_source
        )
        if wanted.charging_limit_source
        else None,
    )


def get_composite_schedule(
    evse_id: int, duration: int, rate_unit: str | None = None
) -> call.GetCompositeSchedule:
    """K08: the request for the EVSE's (0: the station's) composite schedule over `duration`
    seconds; InvalidCommand for an EVSE below 0 or a duration below 1."""
    if evse_id < 0:
        raise InvalidCommand("evseId", "must be >= 0 (0: the whole station)")
    if duration < 1:
        raise InvalidCommand("duration", "must be >= 1 second")
    return call.GetCompositeSchedule(
        duration=duration,
        evse_id=evse_id,
        charging_rate_unit=enums.ChargingRateUnitEnumType(rate_unit) if rate_unit else None,
    )


@dataclass(frozen=True, slots=True)
class SetOutcome:
    """How a SetChargingProfile went: the profile id (None, and nothing sent, when the
    station is unknown), how the call ended, the station's answer, the profile after."""

    outcome: Outcome
    profile_id: int | None = None
    answer: call_result.SetChargingProfile | None = None
    error_code: str | None = None
    error_description: str | None = None
    profile: ProfileView | None = None


@dataclass(frozen=True, slots=True)
class RequestOutcome:
    """How a GetChargingProfiles went: the requestId (None for an unknown station, then
    nothing was sent), how the call ended, the answer, the request as recorded after."""

    outcome: Outcome
    request_id: int | None = None
    answer: call_result.GetChargingProfiles | None = None
    error_code: str | None = None
    error_description: str | None = None
    request: ProfileRequestView | None = None


class SmartCharging:
    """SetChargingProfile (K01-K03) and GetChargingProfiles (K09): checked, recorded (profile
    id or requestId allocated when the CSMS picks it), sent, the answer read back."""

    def __init__(
        self, store: SmartChargingStore, sender: CommandSender, now: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._sender = sender
        self._now = now

    async def check(self, station_id: str, profile: Profile) -> None:
        """Raise InvalidCommand when `profile` cannot be sent (K01 rules), the station's
        SmartChargingCtrlr says it would refuse it, it clashes with a profile the station
        holds, or a TxProfile names no running transaction; the schema's OcppError when its
        payload does not conform."""
        needs = await self._store.needs(station_id, profile.evse_id)
        several = (
            profile.purpose == policy.TX_PROFILE
            and needs is not None
            and needs.transaction_id == profile.transaction_id
        )
        policy.check_profile(profile, several)
        schemas.validate(
            "SetChargingProfile", "Request", codec.encode(set_charging_profile(profile))
        )
        variables = await self._store.capability_variables(station_id)
        installed = await self._store.profiles(station_id, presences=[Presence.INSTALLED])
        policy.check_supported(
            profile, policy.capabilities_of(variables, profile.evse_id), installed
        )
        policy.check_clashes(profile, installed)
        running = None
        if profile.purpose == policy.TX_PROFILE and profile.transaction_id:
            running = await self._store.running_transaction(station_id, profile.transaction_id)
        policy.check_transaction(profile, running)

    async def set(
        self, station_id: str, profile: Profile, allocate: bool, timeout: float | None = None
    ) -> SetOutcome:
        """Check, record (allocating the id when `allocate`), send; the result handler records
        the station's answer, this records a call that got none."""
        await self.check(
            station_id, replace(profile, profile_id=PLACEHOLDER_ID) if allocate else profile
        )
        recorded = await self._store.open_profile(station_id, profile, self._now(), allocate)
        if recorded is None:
            return SetOutcome(Outcome.OFFLINE)
        profile = replace(profile, profile_id=recorded)
        result = await send(
            self._sender,
            station_id,
            set_charging_profile(profile),
            call_result.SetChargingProfile,
            timeout,
        )
        if not result.answered:
            await self._store.record_set_failure(
                station_id, profile.profile_id, result.outcome.value, result.error_code
            )
        return SetOutcome(
            result.outcome,
            profile.profile_id,
            result.response,
            result.error_code,
            result.error_description,
            await self._store.profile(station_id, profile.profile_id),
        )

    async def get(
        self, station_id: str, criteria: ReportCriteria, timeout: float | None = None
    ) -> RequestOutcome:
        """Allocate and record a requestId, send; the station's ReportChargingProfiles follow
        under that requestId."""
        request = get_charging_profiles(PLACEHOLDER_ID, criteria)
        schemas.validate("GetChargingProfiles", "Request", codec.encode(request))
        request_id = await self._store.open_request(station_id, criteria, self._now())
        if request_id is None:
            return RequestOutcome(Outcome.OFFLINE)
        result = await send(
            self._sender,
            station_id,
            replace(request, request_id=request_id),
            call_result.GetChargingProfiles,
            timeout,
        )
        if not result.answered:
            await self._store.record_request_outcome(
                station_id, request_id, result.outcome.value, result.error_code
            )
        return RequestOutcome(
            result.outcome,
            request_id,
            result.response,
            result.error_code,
            result.error_description,
            await self._store.request(station_id, request_id),
        )


class StartProfiles(OnStore[SmartChargingStore]):
    """K05: the TxProfile a station accepted with a RequestStartTransaction, recorded as the
    profile of the transaction that remote start begins (remote control's port)."""

    async def record(
        self,
        station_id: str,
        remote_start_id: int,
        evse_id: int | None,
        profile: datatypes.ChargingProfileType,
        transaction_id: str | None,
        now: datetime,
    ) -> None:
        """Store the profile installed on `evse_id` (0 when the station picks the EVSE), bound
        to the remote start and, when the answer named one, its transaction."""
        record = profile_of(profile, evse_id or 0)
        await self._store.record_start_profile(
            station_id, remote_start_id, record, transaction_id, now
        )


class SmartChargingResults(OnStore[SmartChargingStore]):
    """The result handlers of the block's commands, on its store."""

    async def set_charging_profile_result(
        self,
        ctx: HandlerContext,
        request: call.SetChargingProfile,
        response: call_result.SetChargingProfile,
    ) -> None:
        """K01: store the answer (Accepted: installed with all its fields; Rejected: an
        installed profile of that id stays as it was); emit CHARGING_PROFILE_SET."""
        profile = profile_of(request.charging_profile, request.evse_id)
        answer = answer_fields(response)
        await self._store.record_set_answer(
            ctx.station_id, profile, StationAnswer.of(answer), ctx.now
        )
        ctx.emit(
            ChargingProfileSet(
                **ctx.origin,
                profile_id=profile.profile_id,
                evse_id=profile.evse_id,
                purpose=profile.purpose,
                stack_level=profile.stack_level,
                transaction_id=profile.transaction_id,
                **answer,
            )
        )

    async def clear_charging_profile_result(
        self,
        ctx: HandlerContext,
        request: call.ClearChargingProfile,
        response: call_result.ClearChargingProfile,
    ) -> None:
        """K10: Accepted, the addressed installed profiles are CLEARED; Unknown (K10.FR.01,
        none matched), NOT_ON_STATION. Emit CHARGING_PROFILE_CLEARED."""
        criteria = clear_criteria_of(request)
        answer = answer_fields(response)
        cleared = await self._store.record_clear_answer(
            ctx.station_id,
            criteria,
            StationAnswer.of(answer),
            ctx.now,
        )
        ctx.emit(
            ChargingProfileCleared(
                **ctx.origin,
                profile_id=criteria.profile_id,
                evse_id=criteria.evse_id,
                purpose=criteria.purpose,
                stack_level=criteria.stack_level,
                cleared=cleared,
                **answer,
            )
        )

    async def get_charging_profiles_result(
        self,
        ctx: HandlerContext,
        request: call.GetChargingProfiles,
        response: call_result.GetChargingProfiles,
    ) -> None:
        """K09: store the answer on the request; NoProfiles completes it with nothing reported
        (the installed profiles it covers are no longer believed on the station). Emit
        CHARGING_PROFILES_REQUESTED (and CHARGING_PROFILES_REPORTED when that completed it)."""
        answer = answer_fields(response)
        completed = await self._store.record_request_answer(
            ctx.station_id,
            request.request_id,
            StationAnswer.of(answer),
            ctx.now,
        )
        ctx.emit(ChargingProfilesRequested(**ctx.origin, request_id=request.request_id, **answer))
        if completed:
            ctx.emit(
                ChargingProfilesReported(
                    **ctx.origin, request_id=request.request_id, parts=0, profiles=0
                )
            )

    async def get_composite_schedule_result(
        self,
        ctx: HandlerContext,
        request: call.GetCompositeSchedule,
        response: call_result.GetCompositeSchedule,
    ) -> None:
        """K08: store the station's answer and schedule for the EVSE, replacing the last;
        emit COMPOSITE_SCHEDULE_RECEIVED."""
        answer = answer_fields(response)
        unit = request.charging_rate_unit
        await self._store.record_composite(
            ctx.station_id,
            CompositeView(
                station_id=ctx.station_id,
                evse_id=request.evse_id,
                duration=request.duration,
                charging_rate_unit=enums.ChargingRateUnitEnumType(unit).value if unit else None,
                status=answer["status"],
                status_reason=answer["reason_code"],
                schedule=codec.encode(response.schedule) if response.schedule else None,
                answered_at=ctx.now,
            ),
        )
        ctx.emit(
            CompositeScheduleReceived(
                **ctx.origin, evse_id=request.evse_id, duration=request.duration, **answer
            )
        )
