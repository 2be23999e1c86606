"""The transactions GraphQL API over a real node, on SQLite and PostgreSQL: filters and cursor
pages of `transactions`, the GetTransactionStatus command (E14: TC_E_29/30/33/34_CSMS), and
the events each stored TransactionEvent emits."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from tests.support.nodes import RunningNode
from tests.support.transactions import (
    T0,
    energy_reading,
    id_token,
    ocpp_time,
    send_tx_event,
    tx_event_payload,
)

LIST = """
query($stationId: ID, $idToken: String, $active: Boolean, $startedAfter: DateTime,
      $startedBefore: DateTime, $first: Int, $after: String) {
  transactions(stationId: $stationId, idToken: $idToken, active: $active,
               startedAfter: $startedAfter, startedBefore: $startedBefore,
               first: $first, after: $after) { cursor transactionId stationId active }
}
"""
STATUS = """
mutation($stationId: ID!, $transactionId: String, $timeoutSeconds: Float) {
  getTransactionStatus(stationId: $stationId, transactionId: $transactionId,
                       timeoutSeconds: $timeoutSeconds) {
    outcome ongoingIndicator messagesInQueue errorCode
  }
}
"""


async def ids(node: RunningNode, **variables: Any) -> list[str]:
    rows = (await node.graphql.data(LIST, variables))["transactions"]
    return [row["transactionId"] for row in rows]


async def test_transactions_filters_and_pages(db_node: RunningNode) -> None:
    """By station, id token, active, start-time range; newest first, paged by cursor."""
    first = await db_node.booted_station("CS-Q-1")
    second = await db_node.booted_station("CS-Q-2")
    for n in range(5):
        station = first if n < 4 else second
        token = id_token("ALICE" if n % 2 == 0 else "BOB")
        start = ocpp_time(T0 + timedelta(hours=n))
        await send_tx_event(station, "Started", f"TX-{n}", 0, timestamp=start, idToken=token)
    await send_tx_event(first, "Ended", "TX-1", 1, "StopAuthorized")
    assert await ids(db_node) == ["TX-4", "TX-3", "TX-2", "TX-1", "TX-0"]
    assert await ids(db_node, stationId="CS-Q-2") == ["TX-4"]
    assert await ids(db_node, idToken="ALICE") == ["TX-4", "TX-2", "TX-0"]
    assert await ids(db_node, active=False) == ["TX-1"]
    assert await ids(db_node, stationId="CS-Q-1", active=True) == ["TX-3", "TX-2", "TX-0"]
    window = {
        "startedAfter": (T0 + timedelta(hours=1)).isoformat(),
        "startedBefore": (T0 + timedelta(hours=3)).isoformat(),
    }
    assert await ids(db_node, **window) == ["TX-2", "TX-1"]
    page = (await db_node.graphql.data(LIST, {"first": 2}))["transactions"]
    assert [row["transactionId"] for row in page] == ["TX-4", "TX-3"]
    assert await ids(db_node, first=2, after=page[-1]["cursor"]) == ["TX-2", "TX-1"]
    bad = await db_node.graphql.execute(LIST, {"after": "not-a-cursor"})
    assert "not a cursor returned by `transactions`" in bad["errors"][0]["message"]
    missing = await db_node.graphql.data(
        'query { transaction(stationId: "CS-Q-1", transactionId: "NOPE") { active } }'
    )
    assert missing["transaction"] is None


async def _status(node: RunningNode, **variables: Any) -> dict[str, Any]:
    data = await node.graphql.data(STATUS, variables)
    status: dict[str, Any] = data["getTransactionStatus"]
    return status


async def test_tc_e_29_csms_transaction_status_after_reconnect_then_offline_update(
    db_node: RunningNode,
) -> None:
    """E14.FR.02/04: after a reconnect the CSMS asks about the transaction; the station has
    messages queued and then sends its offline Updated, which is stored."""
    station = await db_node.booted_station("CS-Q-3")
    await send_tx_event(station, "Started", "TX-GTS", 0, chargingState="Charging")
    await station.close()
    station = await db_node.station("CS-Q-3")
    asked = asyncio.create_task(_status(db_node, stationId="CS-Q-3", transactionId="TX-GTS"))
    frame = await station.expect_call("GetTransactionStatus")
    assert frame[3] == {"transactionId": "TX-GTS"}
    await station.reply(frame[1], {"ongoingIndicator": True, "messagesInQueue": True})
    assert await asked == {
        "outcome": "RESULT",
        "ongoingIndicator": True,
        "messagesInQueue": True,
        "errorCode": None,
    }
    now = ocpp_time()
    update = await send_tx_event(
        station,
        "Updated",
        "TX-GTS",
        1,
        "MeterValuePeriodic",
        offline=True,
        meterValue=[energy_reading(10, now)],
    )
    assert update[0] == 3
    data = await db_node.graphql.data(
        'query { transaction(stationId: "CS-Q-3", transactionId: "TX-GTS") '
        "{ eventCount events { offline } } }"
    )
    assert data["transaction"] == {
        "eventCount": 2,
        "events": [{"offline": False}, {"offline": True}],
    }


async def test_tc_e_30_and_e_34_csms_transaction_status_without_queue(db_node: RunningNode) -> None:
    """E14.FR.02/05 (with transactionId) and E14.FR.06/08 (without): nothing queued; an
    offline station answers OFFLINE at once."""
    station = await db_node.booted_station("CS-Q-4")
    asked = asyncio.create_task(_status(db_node, stationId="CS-Q-4", transactionId="TX-1"))
    frame = await station.expect_call("GetTransactionStatus")
    await station.reply(frame[1], {"ongoingIndicator": True, "messagesInQueue": False})
    assert (await asked)["ongoingIndicator"] is True
    asked = asyncio.create_task(_status(db_node, stationId="CS-Q-4"))
    frame = await station.expect_call("GetTransactionStatus")
    assert frame[3] == {}
    await station.reply(frame[1], {"messagesInQueue": False})
    assert await asked == {
        "outcome": "RESULT",
        "ongoingIndicator": None,
        "messagesInQueue": False,
        "errorCode": None,
    }
    offline = await _status(db_node, stationId="CS-NOT-CONNECTED")
    assert offline["outcome"] == "OFFLINE"
    bad = await db_node.graphql.execute(STATUS, {"stationId": "CS-Q-4", "transactionId": "x" * 37})
    assert "transactionId: 1 to 36 characters" in bad["errors"][0]["message"]


async def test_each_stored_event_is_published_once(db_node: RunningNode) -> None:
    """TRANSACTION_STARTED/UPDATED/ENDED and METER_VALUES once per stored event, with the
    merged state; a repeated event publishes nothing."""
    station = await db_node.booted_station("CS-Q-5")
    query = 'subscription { stationEvents(stationId: "CS-Q-5") { type payload } }'
    async with db_node.graphql.subscribe(query) as subscription:
        await db_node.wait_subscribers(1)
        start = ocpp_time(T0)
        payload = tx_event_payload(
            "Started",
            "TX-EV",
            0,
            timestamp=start,
            meterValue=[energy_reading(10, start, "Transaction.Begin")],
        )
        await station.call("TransactionEvent", payload)
        await station.call("TransactionEvent", payload)
        await send_tx_event(station, "Ended", "TX-EV", 1, "StopAuthorized", timestamp=start)
        received = [(await subscription.next())["stationEvents"] for _ in range(3)]
    types = [event["type"] for event in received]
    assert types == ["TRANSACTION_STARTED", "METER_VALUES", "TRANSACTION_ENDED"]
    started, meter, ended = (event["payload"] for event in received)
    assert started["transactionId"] == "TX-EV" and started["active"] is True
    assert started["energyWh"] == 0.0
    assert meter["transactionId"] == "TX-EV" and meter["source"] == "TransactionEvent"
    assert meter["samples"][0]["context"] == "Transaction.Begin"
    assert ended["active"] is False and ended["stoppedReason"] == "Local"
