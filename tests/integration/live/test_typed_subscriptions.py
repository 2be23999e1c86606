"""Live transaction and meter-value subscriptions over real graphql-transport-ws, on SQLite and
PostgreSQL: per-station and fleet filters, and a dashboard that never reads does not hold the
station back (DESIGN §7; the events are those of modules/transactions/events.py)."""

from __future__ import annotations

from typing import Any

from tests.support.dashboards import (
    assert_told_what_it_missed,
    flood_until_dropped,
    idle_dashboard,
)
from tests.support.graphql import Subscription
from tests.support.nodes import RunningNode
from tests.support.transactions import (
    booted,
    energy_reading,
    ocpp_time,
    send_meter_values,
    send_tx_event,
)

TX_EVENTS = """
subscription($id: ID) {
  transactionEvents(stationId: $id) {
    type stationId occurredAt missed transactionId eventType seqNo triggerReason timestamp
    evseId connectorId chargingState active startedAt endedAt stoppedReason energyWh
  }
}
"""
METER_VALUES = """
subscription($id: ID) {
  meterValues(stationId: $id) {
    type stationId missed transactionId evseId source
    samples { timestamp measurand context unit multiplier value signed }
  }
}
"""


async def next_tx(subscription: Subscription) -> dict[str, Any]:
    event: dict[str, Any] = (await subscription.next())["transactionEvents"]
    return event


async def next_meter(subscription: Subscription) -> dict[str, Any]:
    event: dict[str, Any] = (await subscription.next())["meterValues"]
    return event


async def run_session(node: RunningNode, station_id: str, tx_id: str) -> None:
    """Started (with a Transaction.Begin reading), Updated, a MeterValues request, Ended."""
    station = await booted(node, station_id)
    evse = {"id": 1, "connectorId": 1}
    for frame in (
        await send_tx_event(
            station,
            "Started",
            tx_id,
            0,
            "CablePluggedIn",
            evse=evse,
            chargingState="EVConnected",
            meterValue=[energy_reading(1000, ocpp_time(), "Transaction.Begin")],
        ),
        await send_tx_event(
            station,
            "Updated",
            tx_id,
            1,
            "MeterValuePeriodic",
            chargingState="Charging",
            meterValue=[energy_reading(1500, ocpp_time(), "Sample.Periodic")],
        ),
        await send_meter_values(station, 1, [energy_reading(1700, ocpp_time(), "Sample.Clock")]),
        await send_tx_event(
            station,
            "Ended",
            tx_id,
            2,
            "EVCommunicationLost",
            stoppedReason="EVDisconnected",
            meterValue=[energy_reading(2000, ocpp_time(), "Transaction.End")],
        ),
    ):
        assert frame[0] == 3, frame
    await station.close()


async def test_a_station_dashboard_sees_only_its_station_and_a_fleet_dashboard_sees_all(
    db_node: RunningNode,
) -> None:
    """transactionEvents/meterValues(stationId) carry that station's TRANSACTION_STARTED /
    _UPDATED / _ENDED and METER_VALUES only; without stationId, every station's."""
    async with (
        db_node.graphql.subscribe(TX_EVENTS, {"id": "LIVE-A"}) as a_tx,
        db_node.graphql.subscribe(METER_VALUES, {"id": "LIVE-A"}) as a_meter,
        db_node.graphql.subscribe(TX_EVENTS, {}) as fleet_tx,
        db_node.graphql.subscribe(METER_VALUES, {}) as fleet_meter,
    ):
        await db_node.wait_subscribers(4)
        # Station B goes first and completely: had A's dashboards let B's events through,
        # they would read them before A's.
        await run_session(db_node, "LIVE-B", "TX-B")
        fleet_b = [await next_tx(fleet_tx) for _ in range(3)]
        assert {e["stationId"] for e in fleet_b} == {"LIVE-B"}
        assert [(await next_meter(fleet_meter))["stationId"] for _ in range(4)] == ["LIVE-B"] * 4

        await run_session(db_node, "LIVE-A", "TX-A")

        started, updated, ended = [await next_tx(a_tx) for _ in range(3)]
        assert [e["type"] for e in (started, updated, ended)] == [
            "TRANSACTION_STARTED",
            "TRANSACTION_UPDATED",
            "TRANSACTION_ENDED",
        ]
        assert {e["stationId"] for e in (started, updated, ended)} == {"LIVE-A"}
        assert {e["transactionId"] for e in (started, updated, ended)} == {"TX-A"}
        assert [e["seqNo"] for e in (started, updated, ended)] == [0, 1, 2]
        assert [e["eventType"] for e in (started, updated, ended)] == [
            "Started",
            "Updated",
            "Ended",
        ]
        assert (started["evseId"], started["connectorId"]) == (1, 1)
        assert started["active"] is True and started["startedAt"] is not None
        assert updated["chargingState"] == "Charging"
        assert ended["active"] is False
        assert ended["stoppedReason"] == "EVDisconnected"
        assert ended["endedAt"] is not None
        assert ended["energyWh"] == 1000
        assert {e["missed"] for e in (started, updated, ended)} == {0}

        meters = [await next_meter(a_meter) for _ in range(4)]
        assert {m["stationId"] for m in meters} == {"LIVE-A"}
        assert [m["source"] for m in meters] == [
            "TransactionEvent",
            "TransactionEvent",
            "MeterValues",
            "TransactionEvent",
        ]
        assert [m["samples"][0]["value"] for m in meters] == [1000, 1500, 1700, 2000]
        assert [m["samples"][0]["context"] for m in meters] == [
            "Transaction.Begin",
            "Sample.Periodic",
            "Sample.Clock",
            "Transaction.End",
        ]
        assert meters[0]["samples"][0]["measurand"] == "Energy.Active.Import.Register"
        assert meters[0]["samples"][0]["signed"] is False
        assert meters[0]["transactionId"] == "TX-A"
        assert meters[0]["evseId"] == 1

        fleet_a = [await next_tx(fleet_tx) for _ in range(3)]
        assert [(e["stationId"], e["type"]) for e in fleet_a] == [
            ("LIVE-A", e["type"]) for e in (started, updated, ended)
        ]
        assert [(await next_meter(fleet_meter))["stationId"] for _ in range(4)] == ["LIVE-A"] * 4


async def test_typed_subscriptions_leave_station_events_unchanged(db_node: RunningNode) -> None:
    """stationEvents still carries every type, the transaction ones included, as raw JSON."""
    query = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"
    async with db_node.graphql.subscribe(query, {"id": "LIVE-C"}) as events:
        await db_node.wait_subscribers(1)
        await run_session(db_node, "LIVE-C", "TX-C")
        seen: list[str] = []
        while "DISCONNECTED" not in seen:
            seen.append((await events.next())["stationEvents"]["type"])
    assert seen[:2] == ["CONNECTED", "BOOT"]
    transaction_types = [t for t in seen if t.startswith("TRANSACTION_") or t == "METER_VALUES"]
    assert transaction_types == [
        "TRANSACTION_STARTED",
        "METER_VALUES",
        "TRANSACTION_UPDATED",
        "METER_VALUES",
        "METER_VALUES",
        "TRANSACTION_ENDED",
        "METER_VALUES",
    ]


async def test_a_dashboard_that_never_reads_does_not_stall_the_station(
    db_node: RunningNode,
) -> None:
    """The events queue per subscriber is bounded and drops its oldest entries: a dashboard
    that stops reading loses events (and is told how many), the station keeps being answered
    and a live dashboard keeps getting everything."""
    assert db_node.node.events is not None
    db_node.node.events.queue_size = 4  # small, so that the idle dashboard overflows soon
    async with (
        idle_dashboard(db_node, METER_VALUES, "idle") as idle,
        db_node.graphql.subscribe(METER_VALUES, {"id": "LIVE-D"}) as live,
    ):
        await db_node.wait_subscribers(2)
        station = await booted(db_node, "LIVE-D")
        messages = await flood_until_dropped(db_node, station, live, "missed")
        await assert_told_what_it_missed(idle, "idle", messages, "missed")
        await station.close()
