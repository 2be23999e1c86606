"""Smart-charging commands on the memory store: the requests' payloads (schema-valid), the
set and get workflows (checks first, ids allocated and recorded before sending), the result
handlers' stored answers and events, the remote-start profile port, and the offer follower."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.routing import HandlerContext
from modules.remote_control.commands import RemoteStartResults
from modules.remote_control.memory_store import MemoryRemoteControlStore
from modules.smart_charging import (
    ChargingNeedsOffers,
    ChargingProfileCleared,
    ChargingProfileSet,
    ChargingProfilesReported,
    ChargingProfilesRequested,
    ClearCriteria,
    CompositeScheduleReceived,
    MemorySmartChargingStore,
    MemoryTransaction,
    Presence,
    Profile,
    ReportCriteria,
    SmartCharging,
    StartProfiles,
    clear_charging_profile,
    get_composite_schedule,
)
from modules.smart_charging.commands import (
    SmartChargingResults,
    get_charging_profiles,
    set_charging_profile,
)
from modules.smart_charging.records import EvNeeds, StationAnswer
from tests.support.clock import NOW, STATION
from tests.unit.senders import RecordingSender

SCHEDULE = {
    "id": 1,
    "chargingRateUnit": "A",
    "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16}],
}
DEFAULT = Profile(0, 1, 0, "TxDefaultProfile", "Relative", (SCHEDULE,))


def _ctx() -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m1", now=NOW)


class Station(RecordingSender):
    """A CommandSender whose station answers `status` (None: TIMEOUT); the result handlers
    run as the CallSender runs them."""

    def __init__(self, store: MemorySmartChargingStore, status: str | None) -> None:
        super().__init__()
        self.results = SmartChargingResults(store)
        self.status = status
        self.events: list[Any] = []

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """Run the action's result handler with the scripted status."""
        if self.status is None:
            return CallOutcome(Outcome.TIMEOUT)
        ctx = _ctx()
        if action == "SetChargingProfile":
            await self.results.set_charging_profile_result(
                ctx,
                codec.decode(call.SetChargingProfile, payload),
                call_result.SetChargingProfile(enums.ChargingProfileStatusEnumType(self.status)),
            )
        elif action == "GetChargingProfiles":
            await self.results.get_charging_profiles_result(
                ctx,
                codec.decode(call.GetChargingProfiles, payload),
                call_result.GetChargingProfiles(
                    enums.GetChargingProfileStatusEnumType(self.status)
                ),
            )
        self.events.extend(ctx.events)
        return CallOutcome(Outcome.RESULT, {"status": self.status})


def _store() -> MemorySmartChargingStore:
    store = MemorySmartChargingStore()
    store.stations.add(STATION)
    return store


def test_the_requests_are_schema_valid() -> None:
    payload = codec.encode(set_charging_profile(replace(DEFAULT, valid_from=NOW)))
    assert payload == {
        "evseId": 0,
        "chargingProfile": {
            "id": 1,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxDefaultProfile",
            "chargingProfileKind": "Relative",
            "chargingSchedule": [SCHEDULE],
            "validFrom": "2026-11-24T10:00:00.000Z",
        },
    }
    schemas.validate("SetChargingProfile", "Request", payload)
    clear = codec.encode(clear_charging_profile(ClearCriteria(stack_level=2)))
    assert clear == {"chargingProfileCriteria": {"stackLevel": 2}}
    schemas.validate("ClearChargingProfile", "Request", clear)
    get = codec.encode(get_charging_profiles(4, ReportCriteria(sources=("EMS",))))
    assert get == {"requestId": 4, "chargingProfile": {"chargingLimitSource": ["EMS"]}}
    schemas.validate("GetChargingProfiles", "Request", get)
    composite = codec.encode(get_composite_schedule(0, 60, "A"))
    assert composite == {"duration": 60, "evseId": 0, "chargingRateUnit": "A"}


def test_k10_clear_refuses_both_or_neither_and_external_constraints() -> None:
    for criteria, field in [
        (ClearCriteria(), "chargingProfileCriteria"),
        (ClearCriteria(1, evse_id=1), "chargingProfileId"),
        (
            ClearCriteria(purpose="ChargingStationExternalConstraints"),
            "chargingProfileCriteria.chargingProfilePurpose",
        ),
        (ClearCriteria(evse_id=-1), "chargingProfileCriteria.evseId"),
    ]:
        with pytest.raises(InvalidCommand) as caught:
            clear_charging_profile(criteria)
        assert caught.value.field == field


async def test_k01_set_allocates_records_sends_and_stores_the_answer() -> None:
    store = _store()
    station = Station(store, "Accepted")
    done = await SmartCharging(store, station, lambda: NOW).set(STATION, DEFAULT, allocate=True)
    assert (done.outcome, done.profile_id) == (Outcome.RESULT, 1)
    assert done.profile is not None and done.profile.presence is Presence.INSTALLED
    (event,) = station.events
    assert isinstance(event, ChargingProfileSet)
    assert (event.profile_id, event.status, event.purpose) == (1, "Accepted", "TxDefaultProfile")
    silent = Station(store, None)
    second = replace(DEFAULT, stack_level=1)
    timed_out = await SmartCharging(store, silent, lambda: NOW).set(STATION, second, True)
    assert timed_out.profile is not None
    assert (timed_out.profile.presence, timed_out.profile.outcome) == (Presence.FAILED, "TIMEOUT")
    unknown = await SmartCharging(store, silent, lambda: NOW).set("CS-NONE", DEFAULT, True)
    assert (unknown.outcome, unknown.profile_id) == (Outcome.OFFLINE, None)


async def test_k01_a_refused_profile_is_neither_recorded_nor_sent() -> None:
    store = _store()
    station = Station(store, "Accepted")
    tx = replace(DEFAULT, evse_id=1, purpose="TxProfile", transaction_id="TX-1")
    with pytest.raises(InvalidCommand):
        await SmartCharging(store, station, lambda: NOW).set(STATION, tx, allocate=True)
    assert station.sent == [] and await store.profiles(STATION) == []
    store.transactions[STATION] = [MemoryTransaction("TX-1", 1)]
    done = await SmartCharging(store, station, lambda: NOW).set(STATION, tx, allocate=True)
    assert done.profile is not None and done.profile.transaction_id == "TX-1"


async def test_k09_get_allocates_and_no_profiles_completes() -> None:
    store = _store()
    station = Station(store, "NoProfiles")
    criteria = ReportCriteria(purpose="TxDefaultProfile")
    done = await SmartCharging(store, station, lambda: NOW).get(STATION, criteria)
    assert done.request_id == 1 and done.request is not None and done.request.completed
    requested, reported = station.events
    assert isinstance(requested, ChargingProfilesRequested) and requested.status == "NoProfiles"
    assert isinstance(reported, ChargingProfilesReported) and reported.parts == 0


async def test_k10_k08_results_store_and_emit() -> None:
    store = _store()
    await store.open_profile(STATION, DEFAULT, NOW)
    await store.record_set_answer(STATION, DEFAULT, StationAnswer("Accepted"), NOW)
    results = SmartChargingResults(store)
    ctx = _ctx()
    await results.clear_charging_profile_result(
        ctx,
        clear_charging_profile(ClearCriteria(1)),
        call_result.ClearChargingProfile(enums.ClearChargingProfileStatusEnumType.accepted),
    )
    (cleared,) = ctx.events
    assert isinstance(cleared, ChargingProfileCleared) and cleared.cleared == 1
    view = await store.profile(STATION, 1)
    assert view is not None and view.presence is Presence.CLEARED
    composite = datatypes.CompositeScheduleType(
        evse_id=1,
        duration=60,
        schedule_start="2026-11-24T10:00:00Z",
        charging_rate_unit=enums.ChargingRateUnitEnumType.watts,
        charging_schedule_period=[datatypes.ChargingSchedulePeriodType(0, 11000.0)],
    )
    ctx = _ctx()
    await results.get_composite_schedule_result(
        ctx,
        get_composite_schedule(1, 60),
        call_result.GetCompositeSchedule(enums.GenericStatusEnumType.accepted, schedule=composite),
    )
    (received,) = ctx.events
    assert isinstance(received, CompositeScheduleReceived) and received.evse_id == 1
    (stored,) = await store.composites(STATION)
    assert stored.schedule is not None and stored.schedule["chargingRateUnit"] == "W"


async def test_k05_an_accepted_remote_start_records_its_profile_through_the_port() -> None:
    store = _store()
    remote = MemoryRemoteControlStore()
    results = RemoteStartResults(remote, StartProfiles(store))
    profile = {
        "id": 30,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxProfile",
        "chargingProfileKind": "Relative",
        "chargingSchedule": [SCHEDULE],
    }
    payload = {
        "idToken": {"idToken": "RFID", "type": "ISO14443"},
        "remoteStartId": 3,
        "evseId": 2,
        "chargingProfile": profile,
    }
    request = codec.decode(call.RequestStartTransaction, payload)
    for status in ("Rejected", "Accepted"):
        answer = call_result.RequestStartTransaction(
            enums.RequestStartStopStatusEnumType(status), transaction_id="TX-3"
        )
        await results.request_start_transaction_result(_ctx(), request, answer)
    (view,) = await store.profiles(STATION)
    assert (view.profile_id, view.remote_start_id, view.evse_id, view.transaction_id) == (
        30,
        3,
        2,
        "TX-3",
    )


class NoBus:
    """The follower's bus, unused: events are handed to `follow` directly."""

    async def subscribe(self, *args: Any) -> None:
        """Nothing to follow."""


async def test_k15_the_offer_follower_sends_a_tx_profile_and_stores_the_answer() -> None:
    store = _store()
    store.transactions[STATION] = [MemoryTransaction("TX-1", 1)]
    ac = {"energyAmount": 11000, "evMinCurrent": 6, "evMaxCurrent": 32, "evMaxVoltage": 230}
    needs = EvNeeds(
        evse_id=1,
        needs={"requestedEnergyTransfer": "AC_three_phase", "acChargingParameters": ac},
        energy_transfer="AC_three_phase",
        departure_time=NOW + timedelta(hours=1),
        energy_amount=11000,
        max_schedule_tuples=None,
    )
    await store.record_needs(STATION, needs, "TX-1", "Accepted", NOW)
    station = Station(store, "Accepted")
    charging = SmartCharging(store, station, lambda: NOW)
    offers = ChargingNeedsOffers(NoBus(), store, charging, lambda: NOW)  # type: ignore[arg-type]
    assert await offers.offer(STATION, 1) == 1
    assert await offers.offer(STATION, 1) == 1
    (_, action, payload), _ = station.sent
    assert action == "SetChargingProfile"
    schedule = payload["chargingProfile"]["chargingSchedule"][0]
    assert (schedule["chargingSchedulePeriod"], schedule["duration"]) == (
        [{"startPeriod": 0, "limit": 16.0}],
        3600,
    )
    stored = await store.needs(STATION, 1)
    assert stored is not None and (stored.offered_profile_id, stored.offer_status) == (
        1,
        "Accepted",
    )
    assert await offers.offer(STATION, 2) is None
