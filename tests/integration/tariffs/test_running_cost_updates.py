"""I02 over a real websocket, on SQLite and PostgreSQL: energy a station reports in
MeterValues during a priced transaction is added to its cost, and the running total is sent
as CostUpdated; the next TransactionEvent's cost includes it."""

from __future__ import annotations

from tests.support.nodes import RunningNode
from tests.support.tariffs import assign_tariff, create_tariff, transaction_cost
from tests.support.transactions import at, energy_reading, send_meter_values, send_tx_event


async def test_tc_i_02_csms_meter_values_during_a_priced_transaction_send_cost_updated(
    db_node: RunningNode,
) -> None:
    """30 min charging, 2 kWh: 2 x 0.30 + 0.5 h x 2.00 = 1.60 (I02.FR.01)."""
    tariff = await create_tariff(db_node, name="Flat", energyPerKwh="0.30", timePerHour="2.00")
    await assign_tariff(db_node, tariff["id"], stationId="CS-RUN-1")
    station = await db_node.booted_station("CS-RUN-1")
    started = await send_tx_event(
        station,
        "Started",
        "TX-RUN",
        0,
        "CablePluggedIn",
        timestamp=at(0),
        evse={"id": 1, "connectorId": 1},
        chargingState="Charging",
        meterValue=[energy_reading(0, at(0), "Transaction.Begin")],
    )
    assert started[0] == 3, started
    answer = await send_meter_values(station, 1, [energy_reading(2000, at(30))])
    assert answer[0] == 3, answer
    call = await station.expect_call("CostUpdated")
    assert call[3] == {"totalCost": 1.6, "transactionId": "TX-RUN"}
    await station.reply(call[1], {})
    cost = await transaction_cost(db_node, "CS-RUN-1", "TX-RUN")
    assert cost is not None and (cost["total"], cost["energyWh"]) == ("1.60", "2000.0000")

    other_evse = await send_meter_values(station, 2, [energy_reading(5000, at(31))])
    assert other_evse[0] == 3
    ended = await send_tx_event(
        station,
        "Ended",
        "TX-RUN",
        1,
        "StopAuthorized",
        timestamp=at(60),
        meterValue=[energy_reading(4000, at(60), "Transaction.End")],
    )
    assert ended[2] == {"totalCost": 3.2}
