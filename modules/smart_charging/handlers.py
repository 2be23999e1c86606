"""Smart-charging messages from stations: ReportChargingProfiles (K09), NotifyChargingLimit
and ClearedChargingLimit (K12, K13), NotifyEVChargingNeeds (K15-K17) and
NotifyEVChargingSchedule (K15.FR.10). Each is stored in the call's transaction; its event
goes out after the commit."""

from __future__ import annotations

from enum import Enum

from ocpp.v201 import call, call_result, enums

from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.smart_charging.conversions import moment, profile_of, schedule_json
from modules.smart_charging.events import (
    ChargingLimitChanged,
    ChargingProfilesReported,
    EvChargingNeedsReceived,
    EvChargingScheduleReceived,
)
from modules.smart_charging.records import EvNeeds, NotifiedLimit, ReportedPart
from modules.smart_charging.store import SmartChargingStore

WHOLE_STATION = 0
"""The EVSE id a limit without an evseId is stored under."""


def _value(item: object) -> str:
    return item.value if isinstance(item, Enum) else str(item)


class SmartChargingHandlers(OnStore[SmartChargingStore]):
    """The block's answers to station calls, on its store."""

    async def report_charging_profiles(
        self, ctx: HandlerContext, request: call.ReportChargingProfiles
    ) -> call_result.ReportChargingProfiles:
        """K09: store the part's profiles as installed on its EVSE; the first part with tbc
        false completes the request (CHARGING_PROFILES_REPORTED) and the installed profiles it
        covers that no part reported are no longer believed on the station. A part received
        already (the same EVSE, source, profile ids and tbc: a unique key per request) is
        answered alike and changes nothing."""
        source = _value(request.charging_limit_source)
        profiles = tuple(
            profile_of(profile, request.evse_id, source) for profile in request.charging_profile
        )
        part = ReportedPart(
            request.request_id, request.evse_id, source, profiles, bool(request.tbc)
        )
        outcome = await self._store.receive_part(ctx.station_id, part, ctx.now)
        if outcome.completed:
            ctx.emit(
                ChargingProfilesReported(
                    **ctx.origin,
                    request_id=request.request_id,
                    parts=outcome.request.parts,
                    profiles=outcome.request.profiles,
                )
            )
        return call_result.ReportChargingProfiles()

    async def notify_charging_limit(
        self, ctx: HandlerContext, request: call.NotifyChargingLimit
    ) -> call_result.NotifyChargingLimit:
        """K12: store the external limit (source, grid criticality, schedules) of its EVSE
        (none: the whole station), replacing that source's last; CHARGING_LIMIT_CHANGED."""
        limit = request.charging_limit
        schedules = (
            tuple(schedule_json(item) for item in request.charging_schedule)
            if request.charging_schedule
            else None
        )
        notified = NotifiedLimit(
            request.evse_id or WHOLE_STATION,
            _value(limit.charging_limit_source),
            limit.is_grid_critical,
            schedules,
        )
        await self._store.record_limit(ctx.station_id, notified, ctx.now)
        ctx.emit(
            ChargingLimitChanged(
                **ctx.origin,
                evse_id=notified.evse_id,
                source=notified.source,
                is_grid_critical=notified.is_grid_critical,
                cleared=False,
            )
        )
        return call_result.NotifyChargingLimit()

    async def cleared_charging_limit(
        self, ctx: HandlerContext, request: call.ClearedChargingLimit
    ) -> call_result.ClearedChargingLimit:
        """K13: the source's limit is cleared (on its EVSE; none: everywhere) with the external
        constraint profiles it had set; CHARGING_LIMIT_CHANGED with cleared true."""
        evse_id = request.evse_id or WHOLE_STATION
        source = _value(request.charging_limit_source)
        await self._store.clear_limit(ctx.station_id, evse_id, source, ctx.now)
        ctx.emit(
            ChargingLimitChanged(
                **ctx.origin, evse_id=evse_id, source=source, is_grid_critical=None, cleared=True
            )
        )
        return call_result.ClearedChargingLimit()

    async def notify_ev_charging_needs(
        self, ctx: HandlerContext, request: call.NotifyEVChargingNeeds
    ) -> call_result.NotifyEVChargingNeeds:
        """K15-K17: store the needs; Accepted when a transaction runs on the EVSE (the CSMS
        then offers a TxProfile for it, K15.FR.03/07, `ChargingNeedsOffers`), Rejected when
        none does (no TxProfile can be addressed, K15.FR.04). EV_CHARGING_NEEDS_RECEIVED."""
        needs = request.charging_needs
        payload = codec.encode(needs)
        ac = needs.ac_charging_parameters
        dc = needs.dc_charging_parameters
        energy = ac.energy_amount if ac else dc.energy_amount if dc else None
        record = EvNeeds(
            evse_id=request.evse_id,
            needs=payload,
            energy_transfer=_value(needs.requested_energy_transfer),
            departure_time=moment(needs.departure_time, "chargingNeeds.departureTime"),
            energy_amount=energy,
            max_schedule_tuples=request.max_schedule_tuples,
        )
        running = await self._store.running_on_evse(ctx.station_id, request.evse_id)
        transaction_id = running.transaction_id if running else None
        status = enums.NotifyEVChargingNeedsStatusEnumType.accepted
        if running is None or (ac is None and dc is None):
            status = enums.NotifyEVChargingNeedsStatusEnumType.rejected
        await self._store.record_needs(
            ctx.station_id, record, transaction_id, status.value, ctx.now
        )
        ctx.emit(
            EvChargingNeedsReceived(
                **ctx.origin,
                evse_id=request.evse_id,
                transaction_id=transaction_id,
                status=status.value,
            )
        )
        return call_result.NotifyEVChargingNeeds(status=status)

    async def notify_ev_charging_schedule(
        self, ctx: HandlerContext, request: call.NotifyEVChargingSchedule
    ) -> call_result.NotifyEVChargingSchedule:
        """K15.FR.10/11: store the schedule the EV chose, answer Accepted;
        EV_CHARGING_SCHEDULE_RECEIVED."""
        time_base = moment(request.time_base, "timeBase")
        assert time_base is not None  # required by the schema
        await self._store.record_ev_schedule(
            ctx.station_id,
            request.evse_id,
            time_base,
            schedule_json(request.charging_schedule),
            ctx.now,
        )
        ctx.emit(EvChargingScheduleReceived(**ctx.origin, evse_id=request.evse_id))
        return call_result.NotifyEVChargingSchedule(status=enums.GenericStatusEnumType.accepted)
