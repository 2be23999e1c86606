"""A session's running and final cost over a real websocket and real GraphQL, on SQLite and
PostgreSQL (I02, I03, I06): a tariff with energy, charging-time and idle parts, a session
fee and tax, crossing the 18:00 band boundary; the TransactionEventResponses carry the
running totalCost on Updated events with meter values, the final one on Ended, the driver's
tariff text once (and again after the tariff changes); the cost and its breakdown read back
through GraphQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation
from tests.support.tariffs import assign_tariff, create_tariff, transaction_cost
from tests.support.transactions import energy_reading, id_token, ocpp_time, send_tx_event

MONDAY_1730 = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)
TEXT = "0.30 EUR/kWh + 2.00 EUR/h, 18-22h 0.50 EUR/kWh + 3.00 EUR/h, parking 6.00 EUR/h"
TARIFF = {
    "name": "Evening peak",
    "energyPerKwh": "0.30",
    "timePerHour": "2.00",
    "idlePerHour": "6.00",
    "sessionFee": "1.00",
    "taxRatePercent": "21",
    "bands": [
        {
            "days": [1, 2, 3, 4, 5],
            "startTime": "18:00",
            "endTime": "22:00",
            "energyPerKwh": "0.50",
            "timePerHour": "3.00",
        }
    ],
    "text": TEXT,
    "language": "en",
}
UPDATE_TARIFF = """
mutation($id: Int!, $input: TariffInput!) { updateTariff(id: $id, input: $input) { revision } }
"""


def at(minutes: float) -> str:
    return ocpp_time(MONDAY_1730 + timedelta(minutes=minutes))


def reading(wh: float, minutes: float, context: str = "Sample.Periodic") -> list[dict[str, Any]]:
    return [energy_reading(wh, at(minutes), context)]


async def _event(
    station: ScriptedStation, event_type: str, seq_no: int, trigger: str, **extra: Any
) -> dict[str, Any]:
    answer = await send_tx_event(station, event_type, "TX-COST", seq_no, trigger, **extra)
    assert answer[0] == 3, answer
    payload: dict[str, Any] = answer[2]
    return payload


async def test_running_and_final_cost_across_a_band_boundary(db_node: RunningNode) -> None:
    """I02.FR.01, I03.FR.02, I06.FR.02, TC_I_xx: 17:30-18:30 charging 6 kWh evenly (3 kWh
    and 30 min either side of 18:00), 18:30-19:00 parked (SuspendedEV).

    18:00 running: 3 kWh x 0.30 + 0.5 h x 2.00 + 1.00 fee = 2.90, tax 0.61, total 3.51.
    18:30 running: + 3 kWh x 0.50 + 0.5 h x 3.00 = 5.90, tax 1.24, total 7.14.
    19:00 final: + 0.5 h idle x 6.00 = 8.90, tax 1.87, total 10.77.
    """
    tariff = await create_tariff(db_node, **TARIFF)
    await assign_tariff(db_node, tariff["id"], idToken="DRIVER-1")
    station = await db_node.booted_station("CS-COST-1")

    started = await _event(
        station,
        "Started",
        0,
        "Authorized",
        timestamp=at(0),
        idToken=id_token("DRIVER-1"),
        evse={"id": 1, "connectorId": 1},
        chargingState="Charging",
        meterValue=reading(0, 0, "Transaction.Begin"),
    )
    assert "totalCost" not in started
    assert started["updatedPersonalMessage"] == {
        "format": "UTF8",
        "language": "en",
        "content": TEXT,
    }

    first = await _event(
        station, "Updated", 1, "MeterValuePeriodic", timestamp=at(30), meterValue=reading(3000, 30)
    )
    assert first == {"totalCost": 3.51}

    no_reading = await _event(station, "Updated", 2, "ChargingRateChanged", timestamp=at(45))
    assert no_reading == {}

    second = await _event(
        station,
        "Updated",
        3,
        "ChargingStateChanged",
        timestamp=at(60),
        chargingState="SuspendedEV",
        meterValue=reading(6000, 60),
    )
    assert second == {"totalCost": 7.14}
    running = await transaction_cost(db_node, "CS-COST-1", "TX-COST")
    assert running is not None
    assert (running["final"], running["total"]) == (False, "7.14")

    ended = await _event(
        station,
        "Ended",
        4,
        "EVCommunicationLost",
        timestamp=at(90),
        stoppedReason="EVDisconnected",
        meterValue=reading(6000, 90, "Transaction.End"),
    )
    assert ended == {"totalCost": 10.77}
    assert await transaction_cost(db_node, "CS-COST-1", "TX-COST") == {
        "stationId": "CS-COST-1",
        "transactionId": "TX-COST",
        "tariffId": tariff["id"],
        "tariffRevision": 1,
        "final": True,
        "currency": "EUR",
        "energyWh": "6000.0000",
        "chargingSeconds": "3600",
        "idleSeconds": "1800",
        "energy": "2.4000",
        "time": "2.5000",
        "idle": "3.0000",
        "fixed": "1.00",
        "subtotal": "8.9000",
        "minimumApplied": False,
        "maximumApplied": False,
        "net": "8.90",
        "tax": "1.87",
        "total": "10.77",
    }


async def test_a_repeated_event_gets_its_first_answer_and_a_changed_tariff_its_new_text(
    db_node: RunningNode,
) -> None:
    """I06.FR.01/02: the updated tariff text goes out once with the next event after the
    update; a repeated seqNo is answered as first (the cost is not priced twice)."""
    tariff = await create_tariff(db_node, **TARIFF)
    await assign_tariff(db_node, tariff["id"], stationId="CS-COST-2")
    station = await db_node.booted_station("CS-COST-2")
    await _event(station, "Started", 0, "CablePluggedIn", timestamp=at(0), meterValue=reading(0, 0))
    first = await send_tx_event(
        station,
        "Updated",
        "TX-COST",
        1,
        "MeterValuePeriodic",
        message_id="m-1",
        timestamp=at(30),
        meterValue=reading(3000, 30),
    )
    again = await send_tx_event(
        station,
        "Updated",
        "TX-COST",
        1,
        "MeterValuePeriodic",
        message_id="m-2",
        timestamp=at(30),
        meterValue=reading(3000, 30),
    )
    assert first[2] == again[2] == {"totalCost": 3.51}

    cheaper = {**TARIFF, "currency": "EUR", "text": "Now 0.25 EUR/kWh", "energyPerKwh": "0.25"}
    updated = await db_node.graphql.data(UPDATE_TARIFF, {"id": tariff["id"], "input": cheaper})
    assert updated["updateTariff"]["revision"] == 2
    answer = await _event(
        station, "Updated", 2, "MeterValuePeriodic", timestamp=at(60), meterValue=reading(6000, 60)
    )
    assert answer["updatedPersonalMessage"]["content"] == "Now 0.25 EUR/kWh"
    # the whole session repriced: 3 kWh x 0.25 + 1.00 + 3 kWh x 0.50 + 1.50 + 1.00 fee = 5.75
    assert answer["totalCost"] == 6.96
    later = await _event(
        station, "Updated", 3, "MeterValuePeriodic", timestamp=at(61), meterValue=reading(6000, 61)
    )
    assert "updatedPersonalMessage" not in later


async def test_without_a_tariff_responses_carry_no_cost(db_node: RunningNode) -> None:
    """I03.FR.04: totalCost is never sent as 0 for a transaction the CSMS cannot price."""
    station = await db_node.booted_station("CS-COST-3")
    await _event(station, "Started", 0, "Authorized", timestamp=at(0), meterValue=reading(0, 0))
    ended = await _event(
        station, "Ended", 1, "StopAuthorized", timestamp=at(30), meterValue=reading(900, 30)
    )
    assert ended == {}
    assert await transaction_cost(db_node, "CS-COST-3", "TX-COST") is None
