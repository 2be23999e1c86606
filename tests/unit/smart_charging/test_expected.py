"""The expected composite schedule from stored profiles (K08): stored JSON mapped to the
calculator, a Relative TxProfile counted from its transaction's start, only INSTALLED
profiles counted, bad arguments refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit

from modules.kernel.commands import InvalidCommand
from modules.smart_charging import ExpectedSchedules, MemorySmartChargingStore, MemoryTransaction
from modules.smart_charging.records import Profile, StationAnswer
from tests.support.clock import NOW, STATION


def _schedule(*rows: tuple[int, float]) -> dict[str, object]:
    periods = [{"startPeriod": start, "limit": limit} for start, limit in rows]
    return {"id": 1, "chargingRateUnit": "A", "chargingSchedulePeriod": periods}


async def _store() -> MemorySmartChargingStore:
    store = MemorySmartChargingStore()
    store.stations.add(STATION)
    started = NOW - timedelta(seconds=600)
    store.transactions[STATION] = [MemoryTransaction("TX-1", 1, started_at=started)]
    tx = Profile(
        1, 1, 0, "TxProfile", "Relative", (_schedule((0, 10), (900, 20)),), None, None, None, "TX-1"
    )
    pending = Profile(
        1,
        2,
        5,
        "TxDefaultProfile",
        "Relative",
        (
            _schedule(
                (0, 6),
            ),
        ),
    )
    await store.open_profile(STATION, tx, NOW)
    await store.record_set_answer(STATION, tx, StationAnswer("Accepted"), NOW)
    await store.open_profile(STATION, pending, NOW)
    return store


async def test_k01_fr_41_relative_tx_profile_counts_from_the_transaction_start() -> None:
    """K01.FR.41, K08: the TxProfile started 600 s before the asked start, so its 20 A period
    (from 900 s) begins 300 s into the schedule; the PENDING profile is not counted."""
    expected = ExpectedSchedules(await _store(), lambda: NOW)
    schedule = await expected.expected(STATION, 1, 1200, Unit.amps)
    assert [(p.start_period, p.limit, p.number_phases) for p in schedule.periods] == [
        (0, 10.0, 3),
        (300, 20.0, 3),
    ]
    assert schedule.schedule_start == NOW.replace(microsecond=0)


async def test_k08_station_total_sums_the_evses_at_the_configured_voltage() -> None:
    """K08.FR.03: for evseId 0 the EVSE's limit is summed; in W at 400 V on 3 phases."""
    expected = ExpectedSchedules(await _store(), lambda: NOW, voltage=400.0)
    schedule = await expected.expected(STATION, 0, 600, Unit.watts)
    assert [(p.start_period, p.limit) for p in schedule.periods] == [(0, 12000.0), (300, 24000.0)]


@pytest.mark.parametrize(("evse", "duration", "field"), [(-1, 60, "evseId"), (1, 0, "duration")])
async def test_bad_arguments_are_refused(evse: int, duration: int, field: str) -> None:
    """A negative EVSE or a non-positive duration is refused naming the argument."""
    expected = ExpectedSchedules(await _store(), lambda: NOW)
    with pytest.raises(InvalidCommand) as refused:
        await expected.expected(STATION, evse, duration)
    assert refused.value.field == field
