"""Meter values (block J) over a real websocket, read back through real GraphQL, on SQLite and
PostgreSQL: MeterValues outside and beside transactions, sampled values inside
TransactionEvents, signed readings, downsampling.

Test case names follow Part 6 (TC_J_xx_CSMS, TC_E_11_CSMS).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode
from tests.support.transactions import (
    T0,
    at,
    energy_reading,
    id_token,
    reply_payload,
    sampled_value,
    send_meter_values,
    send_started_at_t0,
    send_tx_event,
    signed_meter_value,
)

SAMPLE_FIELDS = """
evseId transactionId sampledAt measurand phase location context unit multiplier value source
signedMeterValue { signedMeterData signingMethod encodingMethod publicKey }
"""
STATION_SAMPLES = f"""
query($stationId: ID!, $inTransaction: Boolean, $evseId: Int, $first: Int, $after: String) {{
  meterSamples(stationId: $stationId, inTransaction: $inTransaction, evseId: $evseId,
               first: $first, after: $after) {{ cursor {SAMPLE_FIELDS} }}
}}
"""
TX_SAMPLES = f"""
query($stationId: ID!, $transactionId: String!, $measurand: String, $maxPoints: Int) {{
  transaction(stationId: $stationId, transactionId: $transactionId) {{
    energyWh
    meterSamples(measurand: $measurand, maxPoints: $maxPoints) {{ {SAMPLE_FIELDS} }}
    meterValues {{ timestamp sampledValues {{ measurand value }} }}
  }}
}}
"""


async def transaction_samples(
    node: RunningNode, station_id: str, tx_id: str, **variables: Any
) -> dict[str, Any]:
    data = await node.graphql.data(
        TX_SAMPLES, {"stationId": station_id, "transactionId": tx_id, **variables}
    )
    transaction: dict[str, Any] = data["transaction"]
    return transaction


def clock_values(minutes: int, wh: float) -> list[dict[str, Any]]:
    return [
        {
            "timestamp": at(minutes),
            "sampledValue": [
                sampled_value(wh, context="Sample.Clock"),
                sampled_value(
                    230.1,
                    measurand="Voltage",
                    phase="L1-N",
                    context="Sample.Clock",
                    unitOfMeasure={"unit": "V"},
                ),
            ],
        }
    ]


async def test_tc_j_01_csms_clock_aligned_meter_values_without_transaction(
    db_node: RunningNode,
) -> None:
    """J01.FR.18: MeterValues for the main meter (evse 0) and an EVSE, stored as typed samples
    outside any transaction; an absent measurand is the import register."""
    station = await db_node.booted_station("CS-MV-1")
    for evse_id in (0, 1):
        for minutes in (0, 15, 30):
            answer = await send_meter_values(
                station, evse_id, clock_values(minutes, 1000 + minutes)
            )
            assert answer == [3, answer[1], {}]
    page = (await db_node.graphql.data(STATION_SAMPLES, {"stationId": "CS-MV-1", "first": 4}))[
        "meterSamples"
    ]
    assert len(page) == 4
    newest = page[0]
    del newest["cursor"]
    assert newest == {
        "evseId": 1,
        "transactionId": None,
        "sampledAt": (T0 + timedelta(minutes=30)).isoformat(),
        "measurand": "Voltage",
        "phase": "L1-N",
        "location": None,
        "context": "Sample.Clock",
        "unit": "V",
        "multiplier": 0,
        "value": 230.1,
        "source": "MeterValues",
        "signedMeterValue": None,
    }
    rest = (
        await db_node.graphql.data(
            STATION_SAMPLES,
            {"stationId": "CS-MV-1", "first": 100, "after": page[-1]["cursor"], "evseId": 0},
        )
    )["meterSamples"]
    registers = [s for s in rest if s["measurand"] == "Energy.Active.Import.Register"]
    assert [s["value"] for s in registers] == [1030.0, 1015.0, 1000.0]
    assert all(s["evseId"] == 0 and s["unit"] is None for s in registers)


async def test_tc_j_02_csms_clock_aligned_values_beside_a_transaction(db_node: RunningNode) -> None:
    """J01.FR.18: during a transaction, MeterValues stay outside it and the transaction's own
    clock-aligned TransactionEvent samples are linked to it."""
    station = await db_node.booted_station("CS-MV-2")
    await send_started_at_t0(station, "TX-J2", 5000, evse={"id": 1})
    assert (await send_meter_values(station, 0, clock_values(15, 99999)))[0] == 3
    await send_tx_event(
        station,
        "Updated",
        "TX-J2",
        1,
        "MeterValueClock",
        timestamp=at(15),
        meterValue=clock_values(15, 5600),
    )
    outside = (
        await db_node.graphql.data(
            STATION_SAMPLES, {"stationId": "CS-MV-2", "inTransaction": False}
        )
    )["meterSamples"]
    assert {s["source"] for s in outside} == {"MeterValues"} and len(outside) == 2
    tx = await transaction_samples(db_node, "CS-MV-2", "TX-J2")
    assert tx["energyWh"] == 600.0
    assert [(s["context"], s["measurand"], s["evseId"]) for s in tx["meterSamples"]] == [
        ("Transaction.Begin", "Energy.Active.Import.Register", 1),
        ("Sample.Clock", "Energy.Active.Import.Register", 1),
        ("Sample.Clock", "Voltage", 1),
    ]
    assert all(s["transactionId"] == "TX-J2" for s in tx["meterSamples"])
    assert [len(group["sampledValues"]) for group in tx["meterValues"]] == [1, 2]


async def test_tc_j_11_csms_signed_sampled_values_are_kept(db_node: RunningNode) -> None:
    """J02.FR.21 / TC_E_11_CSMS: signed readings at Transaction.Begin (SignedDataReceived)
    and at Transaction.End keep their signature; energy from them."""
    station = await db_node.booted_station("CS-MV-3")
    begin = signed_meter_value("QkVHSU4=")
    end = signed_meter_value("RU5E")
    started = await send_tx_event(
        station,
        "Started",
        "TX-SIGNED",
        0,
        "SignedDataReceived",
        timestamp=at(0),
        idToken=id_token("SIGNED-1"),
        evse={"id": 1, "connectorId": 1},
        meterValue=[energy_reading(0.0, at(0), "Transaction.Begin", signed=begin)],
    )
    assert started[0] == 3
    await send_tx_event(
        station,
        "Updated",
        "TX-SIGNED",
        1,
        "ChargingStateChanged",
        timestamp=at(1),
        chargingState="Charging",
    )
    await send_tx_event(
        station,
        "Ended",
        "TX-SIGNED",
        2,
        "EVCommunicationLost",
        timestamp=at(60),
        stoppedReason="EVDisconnected",
        meterValue=[
            energy_reading(7000, at(45), "Sample.Periodic", signed=signed_meter_value("UEVS")),
            energy_reading(7.5, at(60), "Transaction.End", signed=end, unit="kWh"),
        ],
    )
    tx = await transaction_samples(db_node, "CS-MV-3", "TX-SIGNED")
    assert tx["energyWh"] == 7500.0
    signed = [(s["context"], s["signedMeterValue"]) for s in tx["meterSamples"]]
    assert signed[0] == ("Transaction.Begin", begin)
    assert signed[-1] == ("Transaction.End", end)
    assert tx["meterSamples"][-1]["unit"] == "kWh"


async def test_transaction_samples_filtered_by_measurand_and_downsampled(
    db_node: RunningNode,
) -> None:
    """TC_J_09_CSMS-like periodic updates; `meterSamples(measurand, maxPoints)` thins each
    series evenly and keeps its first and last sample."""
    station = await db_node.booted_station("CS-MV-4")
    await send_tx_event(station, "Started", "TX-MANY", 0, timestamp=at(0))
    for seq_no in range(1, 21):
        await send_tx_event(
            station,
            "Updated",
            "TX-MANY",
            seq_no,
            "MeterValuePeriodic",
            timestamp=at(seq_no),
            meterValue=[
                {
                    "timestamp": at(seq_no),
                    "sampledValue": [
                        sampled_value(100.0 * seq_no, context="Sample.Periodic"),
                        sampled_value(
                            7.0,
                            measurand="Power.Active.Import",
                            context="Sample.Periodic",
                            unitOfMeasure={"unit": "kW"},
                        ),
                    ],
                }
            ],
        )
    everything = await transaction_samples(db_node, "CS-MV-4", "TX-MANY")
    assert len(everything["meterSamples"]) == 40
    assert everything["energyWh"] == 1900.0
    thinned = await transaction_samples(
        db_node, "CS-MV-4", "TX-MANY", measurand="Energy.Active.Import.Register", maxPoints=5
    )
    values = [s["value"] for s in thinned["meterSamples"]]
    assert len(values) == 5
    assert values[0] == 100.0 and values[-1] == 2000.0 and values == sorted(values)
    bad = await db_node.graphql.execute(
        TX_SAMPLES, {"stationId": "CS-MV-4", "transactionId": "TX-MANY", "maxPoints": 0}
    )
    assert "maxPoints must be between 1" in bad["errors"][0]["message"]


@pytest.mark.parametrize("count", [64, 65])
async def test_an_offline_flush_of_many_meter_values_is_stored_whole(
    make_node: NodeFactory, database_url: str, count: int
) -> None:
    """E04/J02: a TransactionEvent carrying a backlog of meter values stores every sample and
    the event, and merges the energy, however many it carries (up to 64 samples go in the
    transaction's one write statement on PostgreSQL, more in INSERTs of their own)."""
    node = await make_node(database_url)
    station = await node.booted_station("CS-MV-5")
    await send_tx_event(station, "Started", "TX-BACKLOG", 0, timestamp=at(0))
    backlog = [
        {"timestamp": at(minute), "sampledValue": [sampled_value(10.0 * minute)]}
        for minute in range(1, count + 1)
    ]
    answer = await send_tx_event(
        station,
        "Updated",
        "TX-BACKLOG",
        1,
        "MeterValuePeriodic",
        timestamp=at(count),
        offline=True,
        meterValue=backlog,
    )
    assert await reply_payload(answer) == {}
    tx = await transaction_samples(node, "CS-MV-5", "TX-BACKLOG")
    assert len(tx["meterSamples"]) == count
    assert tx["energyWh"] == 10.0 * (count - 1)


async def test_meter_values_resent_on_a_new_connection_are_stored_once(
    db_node: RunningNode,
) -> None:
    """J01: a station that lost its connection before reading the answer resends the same
    MeterValues on its next connection, under a new message id: it is answered as the first
    time and GraphQL shows each sample once (the natural key is station, EVSE, time and
    content, held by the database)."""
    station = await db_node.booted_station("CS-MV-RESEND")
    sent = clock_values(0, 1000) + clock_values(15, 1015)
    first = await station.call("MeterValues", {"evseId": 1, "meterValue": sent}, "mv-1")
    await station.close()

    station = await db_node.station("CS-MV-RESEND")
    again = await station.call("MeterValues", {"evseId": 1, "meterValue": sent}, "mv-1-resent")
    newer = await send_meter_values(station, 1, clock_values(30, 1030))

    assert first == [3, "mv-1", {}]
    assert again == [3, "mv-1-resent", {}]
    assert newer[0] == 3
    samples = (
        await db_node.graphql.data(STATION_SAMPLES, {"stationId": "CS-MV-RESEND", "first": 100})
    )["meterSamples"]
    assert sorted((s["sampledAt"], s["measurand"], s["value"]) for s in samples) == [
        ((T0 + timedelta(minutes=m)).isoformat(), measurand, value)
        for m in (0, 15, 30)
        for measurand, value in (("Energy.Active.Import.Register", 1000.0 + m), ("Voltage", 230.1))
    ]
    await station.close()


async def test_a_transaction_event_resent_on_a_new_connection_stores_its_samples_once(
    db_node: RunningNode,
) -> None:
    """E01/J02: a TransactionEvent resent under a new message id on a new connection gets the
    first answer again (its seqNo is stored) and adds none of its samples a second time."""
    station = await db_node.booted_station("CS-TE-RESEND")
    await send_started_at_t0(station, "TX-RESEND", 5000, evse={"id": 1})
    first = await send_tx_event(
        station,
        "Updated",
        "TX-RESEND",
        1,
        "MeterValueClock",
        message_id="te-1",
        timestamp=at(15),
        meterValue=clock_values(15, 5600),
    )
    await station.close()

    station = await db_node.station("CS-TE-RESEND")
    again = await send_tx_event(
        station,
        "Updated",
        "TX-RESEND",
        1,
        "MeterValueClock",
        message_id="te-1-resent",
        timestamp=at(15),
        meterValue=clock_values(15, 5600),
    )

    assert again == [3, "te-1-resent", first[2]]
    transaction = await transaction_samples(db_node, "CS-TE-RESEND", "TX-RESEND")
    assert [(s["sampledAt"], s["measurand"], s["value"]) for s in transaction["meterSamples"]] == [
        (T0.isoformat(), "Energy.Active.Import.Register", 5000.0),
        ((T0 + timedelta(minutes=15)).isoformat(), "Energy.Active.Import.Register", 5600.0),
        ((T0 + timedelta(minutes=15)).isoformat(), "Voltage", 230.1),
    ]
    assert transaction["energyWh"] == 600.0
    await station.close()
