"""The stations' smart-charging messages on the memory store: ReportChargingProfiles parts
(K09), limits (K12/K13), EV charging needs (K15) and schedules, each stored and its event
emitted; an unreadable date-time answered PropertyConstraintViolation."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call

from modules.kernel import codec
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.routing import HandlerContext
from modules.smart_charging import (
    ChargingLimitChanged,
    ChargingProfilesReported,
    EvChargingNeedsReceived,
    EvChargingScheduleReceived,
    MemorySmartChargingStore,
    MemoryTransaction,
    Presence,
)
from modules.smart_charging.handlers import SmartChargingHandlers
from tests.support.clock import NOW, STATION
from tests.support.smart_charging import station_profile


def _ctx() -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m", now=NOW)


async def _run(store: MemorySmartChargingStore, action: str, payload: dict[str, Any]) -> Any:
    ctx = _ctx()
    handlers = SmartChargingHandlers(store)
    request = codec.decode(getattr(call, action), payload)
    name = "".join(f"_{c.lower()}" if c.isupper() else c for c in action).lstrip("_")
    answer = await getattr(handlers, name.replace("e_v_", "ev_"))(ctx, request)
    return ctx.events, codec.encode(answer)


async def test_k09_parts_complete_once_and_carry_their_source() -> None:
    store = MemorySmartChargingStore()
    part = {"requestId": 3, "chargingLimitSource": "EMS", "evseId": 1, "tbc": True}
    events, answer = await _run(
        store, "ReportChargingProfiles", {**part, "chargingProfile": [station_profile(1)]}
    )
    assert (events, answer) == ([], {})
    last = {**part, "tbc": False, "chargingProfile": [station_profile(2)]}
    (event,), _ = await _run(store, "ReportChargingProfiles", last)
    assert isinstance(event, ChargingProfilesReported)
    assert (event.request_id, event.parts, event.profiles) == (3, 2, 2)
    again, _ = await _run(store, "ReportChargingProfiles", last)
    assert again == []
    views = await store.profiles(STATION)
    assert [(v.profile_id, v.charging_limit_source, v.presence) for v in views] == [
        (1, "EMS", Presence.INSTALLED),
        (2, "EMS", Presence.INSTALLED),
    ]


async def test_k12_k13_limits_without_an_evse_are_the_station_s() -> None:
    store = MemorySmartChargingStore()
    (event,), _ = await _run(
        store, "NotifyChargingLimit", {"chargingLimit": {"chargingLimitSource": "Other"}}
    )
    assert isinstance(event, ChargingLimitChanged) and (event.evse_id, event.cleared) == (0, False)
    (event,), _ = await _run(store, "ClearedChargingLimit", {"chargingLimitSource": "Other"})
    assert isinstance(event, ChargingLimitChanged) and event.cleared
    (limit,) = await store.limits(STATION)
    assert (limit.evse_id, limit.source, limit.cleared_at) == (0, "Other", NOW)


async def test_k15_needs_answered_by_the_running_transaction() -> None:
    store = MemorySmartChargingStore()
    dc = {"evMaxCurrent": 100, "evMaxVoltage": 400, "energyAmount": 30000}
    payload = {
        "evseId": 1,
        "chargingNeeds": {"requestedEnergyTransfer": "DC", "dcChargingParameters": dc},
    }
    (event,), answer = await _run(store, "NotifyEVChargingNeeds", payload)
    assert answer == {"status": "Rejected"}
    assert isinstance(event, EvChargingNeedsReceived) and event.transaction_id is None
    store.transactions[STATION] = [MemoryTransaction("TX-1", 1)]
    (event,), answer = await _run(store, "NotifyEVChargingNeeds", payload)
    assert answer == {"status": "Accepted"} and event.transaction_id == "TX-1"
    stored = await store.needs(STATION, 1)
    assert stored is not None and (stored.energy_amount, stored.energy_transfer) == (30000, "DC")


async def test_k15_fr_10_schedule_stored_and_an_unreadable_time_refused() -> None:
    store = MemorySmartChargingStore()
    schedule = {
        "id": 1,
        "chargingRateUnit": "W",
        "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 1.0}],
    }
    payload = {"evseId": 2, "timeBase": "2026-11-24T10:00:00Z", "chargingSchedule": schedule}
    (event,), answer = await _run(store, "NotifyEVChargingSchedule", payload)
    assert answer == {"status": "Accepted"}
    assert isinstance(event, EvChargingScheduleReceived) and event.evse_id == 2
    with pytest.raises(PropertyConstraintViolation) as caught:
        await _run(store, "NotifyEVChargingSchedule", {**payload, "timeBase": "soon"})
    assert "timeBase" in caught.value.description
