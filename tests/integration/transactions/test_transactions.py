"""TransactionEvent (block E) over a real websocket, read back through real GraphQL, on SQLite
and PostgreSQL: whole sessions and the idTokenInfo from the registry.

Test case names follow Part 6 (TC_E_xx_CSMS) where one matches.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.support import transactions as support
from tests.support.nodes import RunningNode


async def test_tc_e_04_csms_whole_session_authorize_start_meter_updates_stop(
    db_node: RunningNode,
) -> None:
    """E03/E01/E06/J02: Authorize, Started (Transaction.Begin reading), periodic updates,
    Ended (Transaction.End): one transaction with its events, energy read back (E03.FR.02)."""
    station = await db_node.booted_station("CS-TX-1")
    await db_node.graphql.data(
        support.UPSERT_TOKEN,
        {
            "input": {
                "idToken": "DRIVER-1",
                "type": "ISO14443",
                "groupIdToken": {"idToken": "FLEET", "type": "Central"},
            }
        },
    )
    authorized = await station.call("Authorize", {"idToken": support.id_token("DRIVER-1")})
    assert authorized[2]["idTokenInfo"]["status"] == "Accepted"
    token = support.id_token("DRIVER-1")
    started = await support.reply_payload(
        await support.send_tx_event(
            station,
            "Started",
            "TX-1",
            0,
            "Authorized",
            timestamp=support.at(0),
            idToken=token,
            evse={"id": 1, "connectorId": 1},
            chargingState="EVConnected",
            meterValue=[support.energy_reading(1000, support.at(0), "Transaction.Begin")],
        )
    )
    assert started["idTokenInfo"] == {
        "status": "Accepted",
        "groupIdToken": {"idToken": "FLEET", "type": "Central"},
    }
    for seq_no, wh in ((1, 1500), (2, 2500)):
        answer = await support.send_tx_event(
            station,
            "Updated",
            "TX-1",
            seq_no,
            "MeterValuePeriodic",
            timestamp=support.at(seq_no * 10),
            chargingState="Charging",
            timeSpentCharging=seq_no * 600,
            meterValue=[support.energy_reading(wh, support.at(seq_no * 10), "Sample.Periodic")],
        )
        assert await support.reply_payload(answer) == {}
    live = await support.read_transaction(db_node, "CS-TX-1", "TX-1")
    assert live["active"] is True
    assert live["energyWh"] == 1500.0
    ended = await support.send_tx_event(
        station,
        "Ended",
        "TX-1",
        3,
        "StopAuthorized",
        timestamp=support.at(30),
        idToken=token,
        chargingState="EVConnected",
        stoppedReason="Local",
        timeSpentCharging=1800,
        meterValue=[support.energy_reading(3.2, support.at(30), "Transaction.End", unit="kWh")],
    )
    assert (await support.reply_payload(ended))["idTokenInfo"]["status"] == "Accepted"
    tx = await support.read_transaction(db_node, "CS-TX-1", "TX-1")
    events = tx.pop("events")
    assert tx == {
        "transactionId": "TX-1",
        "stationId": "CS-TX-1",
        "evseId": 1,
        "connectorId": 1,
        "idToken": "DRIVER-1",
        "idTokenType": "ISO14443",
        "groupIdToken": "FLEET",
        "chargingState": "EVConnected",
        "active": False,
        "startedAt": support.T0.isoformat(),
        "endedAt": (support.T0 + timedelta(minutes=30)).isoformat(),
        "stoppedReason": "Local",
        "lastTriggerReason": "StopAuthorized",
        "timeSpentCharging": 1800,
        "remoteStartId": None,
        "lastSeqNo": 3,
        "eventCount": 4,
        "hasStartedEvent": True,
        "hasEndedEvent": True,
        "energyWh": 2200.0,
    }
    assert [(e["seqNo"], e["eventType"]) for e in events] == [
        (0, "Started"),
        (1, "Updated"),
        (2, "Updated"),
        (3, "Ended"),
    ]
    assert events[0]["response"] == started
    listed = await db_node.graphql.data(
        'query { transactions(stationId: "CS-TX-1", active: false) { transactionId energyWh } }'
    )
    assert listed["transactions"] == [{"transactionId": "TX-1", "energyWh": 2200.0}]


async def test_tc_e_16_csms_id_token_info_from_the_registry(db_node: RunningNode) -> None:
    """E01.FR.09/10, E06.FR.04: Accepted, Blocked and Unknown tokens answered per the
    registry; the deauthorized transaction ends with DeAuthorized; no idToken, no info."""
    station = await db_node.booted_station("CS-TX-2")
    await db_node.graphql.data(
        support.UPSERT_TOKEN, {"input": {"idToken": "OK-1", "type": "ISO14443"}}
    )
    await db_node.graphql.data(
        support.UPSERT_TOKEN,
        {"input": {"idToken": "BLOCKED-1", "type": "ISO14443", "status": "Blocked"}},
    )
    cases = (("TX-A", "OK-1", "Accepted"), ("TX-B", "BLOCKED-1", "Blocked"))
    for tx_id, value, status in (*cases, ("TX-C", "NOBODY", "Unknown")):
        answer = await support.send_tx_event(
            station, "Started", tx_id, 0, idToken=support.id_token(value)
        )
        assert await support.reply_payload(answer) == {"idTokenInfo": {"status": status}}
    ended = await support.send_tx_event(
        station, "Ended", "TX-C", 1, "Deauthorized", stoppedReason="DeAuthorized"
    )
    assert await support.reply_payload(ended) == {}
    tx = await support.read_transaction(db_node, "CS-TX-2", "TX-C")
    assert (tx["active"], tx["stoppedReason"], tx["idToken"]) == (False, "DeAuthorized", "NOBODY")
    # NoAuthorization (free vending) has nothing to authorize
    free = await support.send_tx_event(
        station, "Started", "TX-D", 0, idToken=support.id_token("", "NoAuthorization")
    )
    assert await support.reply_payload(free) == {"idTokenInfo": {"status": "Accepted"}}


async def test_c09_group_status_applies_to_transaction_event_id_token_info(
    db_node: RunningNode,
) -> None:
    """E01.FR.09 with C09: a TransactionEvent's idTokenInfo is decided as Authorize decides,
    so an Accepted member of a Blocked group is answered Blocked, with its group."""
    station = await db_node.booted_station("CS-TX-GROUP")
    group = {"idToken": "FLEET-7", "type": "Central"}
    await db_node.graphql.data(support.UPSERT_TOKEN, {"input": {**group, "status": "Blocked"}})
    await db_node.graphql.data(
        support.UPSERT_TOKEN,
        {"input": {"idToken": "MEMBER-1", "type": "ISO14443", "groupIdToken": group}},
    )
    answer = await support.send_tx_event(
        station, "Started", "TX-G", 0, idToken=support.id_token("MEMBER-1")
    )
    assert await support.reply_payload(answer) == {
        "idTokenInfo": {"status": "Blocked", "groupIdToken": group}
    }


START = """
mutation($station: ID!, $token: String!, $type: IdTokenKind!) {
  requestStartTransaction(stationId: $station, idToken: $token, idTokenType: $type, evseId: 1) {
    outcome remoteStartId
  }
}
"""


async def test_remote_started_token_unknown_to_the_registry_is_accepted(
    db_node: RunningNode,
) -> None:
    """F01/E01: a token the CSMS itself sent in RequestStartTransaction is Accepted in the
    TransactionEvent carrying its remoteStartId, and the transaction keeps that id; the same
    unknown token without that remoteStartId is not."""
    station = await db_node.booted_station("CS-TX-8")
    variables = {"station": "CS-TX-8", "token": "OPERATOR-1", "type": "Central"}
    asked = asyncio.create_task(db_node.graphql.data(START, variables))
    request = await station.expect_call("RequestStartTransaction")
    await station.reply(request[1], {"status": "Accepted"})
    remote_start_id = (await asked)["requestStartTransaction"]["remoteStartId"]
    assert request[3]["remoteStartId"] == remote_start_id
    token = support.id_token("OPERATOR-1", "Central")
    started = await support.send_tx_event(
        station,
        "Started",
        "TX-REMOTE",
        0,
        "RemoteStart",
        idToken=token,
        remoteStartId=remote_start_id,
        evse={"id": 1, "connectorId": 1},
    )
    assert await support.reply_payload(started) == {"idTokenInfo": {"status": "Accepted"}}
    other = await support.send_tx_event(
        station, "Started", "TX-OTHER", 0, "RemoteStart", idToken=token, remoteStartId=999
    )
    assert await support.reply_payload(other) == {"idTokenInfo": {"status": "Unknown"}}
    tx = await support.read_transaction(db_node, "CS-TX-8", "TX-REMOTE")
    assert (tx["remoteStartId"], tx["idToken"], tx["idTokenType"]) == (
        remote_start_id,
        "OPERATOR-1",
        "Central",
    )
