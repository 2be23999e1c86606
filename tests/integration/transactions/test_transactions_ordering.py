"""TransactionEvents arriving twice, late, out of order, offline or at the same time, over a
real websocket and read back through real GraphQL, on SQLite and PostgreSQL: each stored
once, merged in seqNo order (E01.FR.07, E04, E14).

Test case names follow Part 6 (TC_E_xx_CSMS) where one matches.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from tests.support.nodes import RunningNode
from tests.support.transactions import (
    T0,
    UPSERT_TOKEN,
    at,
    energy_reading,
    id_token,
    read_transaction,
    reply_payload,
    send_started_at_t0,
    send_tx_event,
    tx_event_payload,
)


async def test_repeated_events_get_the_same_answer_and_are_stored_once(
    db_node: RunningNode,
) -> None:
    """The same (transaction, seqNo) again, under a new or the same message id, is answered
    with the first reply and stored once; different content under a stored seqNo too."""
    station = await db_node.booted_station("CS-TX-3")
    await db_node.graphql.data(UPSERT_TOKEN, {"input": {"idToken": "DUP-1", "type": "ISO14443"}})
    payload = tx_event_payload("Started", "TX-DUP", 0, idToken=id_token("DUP-1"))
    first = await station.call("TransactionEvent", payload, message_id="dup-msg-1")
    # the registry changes meanwhile: a repeat must still get the first answer
    await db_node.graphql.data(
        UPSERT_TOKEN, {"input": {"idToken": "DUP-1", "type": "ISO14443", "status": "Blocked"}}
    )
    again_same_id = await station.call("TransactionEvent", payload, message_id="dup-msg-1")
    again_new_id = await station.call("TransactionEvent", payload, message_id="dup-msg-2")
    changed = dict(payload, triggerReason="CablePluggedIn")
    again_changed = await station.call("TransactionEvent", changed, message_id="dup-msg-3")
    assert first[2] == {"idTokenInfo": {"status": "Accepted"}}
    for frame in (again_same_id, again_new_id, again_changed):
        assert frame[0] == 3 and frame[2] == first[2]
    tx = await read_transaction(db_node, "CS-TX-3", "TX-DUP")
    assert tx["eventCount"] == 1
    assert [(e["seqNo"], e["messageId"], e["triggerReason"]) for e in tx["events"]] == [
        (0, "dup-msg-1", "Authorized")
    ]


async def test_tc_e_31_csms_ended_before_the_updates_it_skipped(db_node: RunningNode) -> None:
    """E04/E14: after a reconnect the Ended (offline, seqNo skipping two) arrives before the
    two offline Updated; each is stored once, in seqNo order, and nothing reactivates it."""
    station = await db_node.booted_station("CS-TX-4")
    await send_started_at_t0(station, "TX-OOO", 100, chargingState="Charging")
    await station.close()
    station = await db_node.station("CS-TX-4")
    ended = await send_tx_event(
        station,
        "Ended",
        "TX-OOO",
        3,
        "EVCommunicationLost",
        timestamp=at(30),
        offline=True,
        chargingState="Idle",
        stoppedReason="EVDisconnected",
        meterValue=[energy_reading(900, at(30), "Transaction.End")],
    )
    assert await reply_payload(ended) == {}
    for seq_no, trigger, state in (
        (1, "StopAuthorized", None),
        (2, "ChargingStateChanged", "EVConnected"),
    ):
        extra: dict[str, Any] = {"chargingState": state} if state else {}
        answer = await send_tx_event(
            station,
            "Updated",
            "TX-OOO",
            seq_no,
            trigger,
            timestamp=at(10 * seq_no),
            offline=True,
            meterValue=[energy_reading(100 + 300 * seq_no, at(10 * seq_no))],
            **extra,
        )
        assert await reply_payload(answer) == {}
    tx = await read_transaction(db_node, "CS-TX-4", "TX-OOO")
    assert [(e["seqNo"], e["eventType"], e["offline"]) for e in tx["events"]] == [
        (0, "Started", False),
        (1, "Updated", True),
        (2, "Updated", True),
        (3, "Ended", True),
    ]
    assert tx["active"] is False
    assert tx["chargingState"] == "Idle"  # the highest seqNo's
    assert tx["lastTriggerReason"] == "EVCommunicationLost"
    assert tx["endedAt"] == (T0 + timedelta(minutes=30)).isoformat()
    assert (tx["stoppedReason"], tx["lastSeqNo"], tx["eventCount"]) == ("EVDisconnected", 3, 4)
    assert tx["energyWh"] == 800.0


async def test_begin_and_end_readings_stay_the_bounds_whatever_comes_after(
    db_node: RunningNode,
) -> None:
    """J02/E06: once the Transaction.Begin and Transaction.End readings are stored, readings
    sent later with timestamps outside them (a station clock corrected, clock-aligned values
    flushed late) do not move the energy: it stays End - Begin."""
    station = await db_node.booted_station("CS-TX-PIN")
    sent = [
        ("Started", 0, "Authorized", at(0), energy_reading(1000, at(0), "Transaction.Begin")),
        ("Updated", 1, "MeterValuePeriodic", at(10), energy_reading(1200, at(10))),
        ("Ended", 2, "StopAuthorized", at(30), energy_reading(1400, at(30), "Transaction.End")),
        ("Updated", 3, "MeterValueClock", at(31), energy_reading(1450, at(31))),
        ("Updated", 4, "MeterValueClock", at(-1), energy_reading(900, at(-1))),
    ]
    for event_type, seq_no, trigger, timestamp, reading in sent:
        answer = await send_tx_event(
            station,
            event_type,
            "TX-PIN",
            seq_no,
            trigger,
            timestamp=timestamp,
            meterValue=[reading],
        )
        assert await reply_payload(answer) == {}
    tx = await read_transaction(db_node, "CS-TX-PIN", "TX-PIN")
    assert tx["eventCount"] == 5
    assert tx["energyWh"] == 400.0


async def test_ended_without_started_is_a_complete_transaction(db_node: RunningNode) -> None:
    """A transaction whose Started never reached the CSMS: start time from its earliest
    event, stopped reason Local when none is given (E06), inactive."""
    station = await db_node.booted_station("CS-TX-5")
    await send_tx_event(
        station,
        "Ended",
        "TX-LOST",
        7,
        "EVDeparted",
        timestamp=at(20),
        evse={"id": 2, "connectorId": 1},
    )
    await send_tx_event(
        station,
        "Updated",
        "TX-LOST",
        6,
        "ChargingStateChanged",
        timestamp=at(5),
        chargingState="EVConnected",
        offline=True,
    )
    tx = await read_transaction(db_node, "CS-TX-5", "TX-LOST")
    assert tx["startedAt"] == (T0 + timedelta(minutes=5)).isoformat()
    assert tx["endedAt"] == (T0 + timedelta(minutes=20)).isoformat()
    assert (tx["active"], tx["hasStartedEvent"], tx["hasEndedEvent"]) == (False, False, True)
    assert (tx["stoppedReason"], tx["evseId"], tx["connectorId"]) == ("Local", 2, 1)
    assert tx["chargingState"] == "EVConnected"
    assert tx["energyWh"] is None


async def test_tc_e_53_csms_seq_no_restarts_at_zero_per_transaction(db_node: RunningNode) -> None:
    """E01.FR.07: two transactions in a row, each starting at seqNo 0, both stored."""
    station = await db_node.booted_station("CS-TX-6")
    for tx_id in ("TX-S1", "TX-S2"):
        await send_tx_event(
            station, "Started", tx_id, 0, "CablePluggedIn", chargingState="EVConnected"
        )
        await send_tx_event(
            station, "Ended", tx_id, 1, "EVCommunicationLost", stoppedReason="EVDisconnected"
        )
    data = await db_node.graphql.data(
        'query { transactions(stationId: "CS-TX-6") { transactionId eventCount active } }'
    )
    assert data["transactions"] == [
        {"transactionId": "TX-S2", "eventCount": 2, "active": False},
        {"transactionId": "TX-S1", "eventCount": 2, "active": False},
    ]


async def test_concurrent_events_of_a_new_transaction_are_both_kept(db_node: RunningNode) -> None:
    """The first events of a new transaction handled at the same time (a race on the row's
    creation) are both stored, none lost."""
    station = await db_node.booted_station("CS-TX-7")
    frames = await asyncio.gather(
        *(
            send_tx_event(
                station,
                "Started" if n == 0 else "Updated",
                "TX-RACE",
                n,
                timestamp=at(n),
                chargingState="Charging",
            )
            for n in range(5)
        )
    )
    assert all(frame[0] == 3 for frame in frames)
    tx = await read_transaction(db_node, "CS-TX-7", "TX-RACE")
    assert [e["seqNo"] for e in tx["events"]] == [0, 1, 2, 3, 4]
    assert (tx["eventCount"], tx["lastSeqNo"], tx["hasStartedEvent"]) == (5, 4, True)
