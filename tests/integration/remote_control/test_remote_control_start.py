"""Remote start (F01/F02) over a real websocket and real GraphQL, on SQLite and PostgreSQL:
the CSMS allocates the remoteStartId and records the remote start before sending, the
station's answer is stored, and the transaction the station then reports with that
remoteStartId is read back through `remoteStarts` / `remoteStart`.

TC_F_01_CSMS (cable plugged in first: the answer names the running transaction),
TC_F_02_CSMS (AuthorizeRemoteStart true: an Authorize comes first), TC_F_03_CSMS,
TC_F_04_CSMS (EVConnectTimeout after the remote start).
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import NodeFactory
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.remote_control import ACCEPTED_START_PAYLOAD, end_remotely_started
from tests.support.station import ScriptedStation
from tests.support.transactions import id_token, send_tx_event

START = """
mutation($station: ID!, $token: String!, $type: IdTokenKind!, $evse: Int,
         $group: GroupIdTokenInput, $profile: JSON, $timeout: Float) {
  requestStartTransaction(stationId: $station, idToken: $token, idTokenType: $type,
                          evseId: $evse, groupIdToken: $group, chargingProfile: $profile,
                          timeoutSeconds: $timeout) {
    outcome remoteStartId status transactionId statusInfo { reasonCode additionalInfo }
    errorCode errorDescription
    remoteStart { remoteStartId status answeredTransactionId transaction { transactionId } }
  }
}
"""

REMOTE_STARTS = """
query($station: ID!, $first: Int, $after: String) {
  remoteStarts(stationId: $station, first: $first, after: $after) {
    cursor stationId remoteStartId idToken idTokenType evseId status answeredTransactionId
    requestedAt answeredAt
    transaction { transactionId evseId connectorId idToken chargingState active startedAt
                  endedAt stoppedReason }
  }
}
"""

REMOTE_START = """
query($station: ID!, $id: Int!) {
  remoteStart(stationId: $station, remoteStartId: $id) {
    remoteStartId status transaction { transactionId active stoppedReason }
  }
}
"""

SEND_CALL = """
mutation($station: ID!, $payload: JSON!) {
  sendCall(stationId: $station, action: "RequestStartTransaction", payload: $payload) {
    outcome
  }
}
"""

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"

TX_PROFILE: dict[str, Any] = {
    "id": 7,
    "stackLevel": 0,
    "chargingProfilePurpose": "TxProfile",
    "chargingProfileKind": "Relative",
    "chargingSchedule": [
        {
            "id": 1,
            "chargingRateUnit": "A",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 6, "numberPhases": 3}],
        }
    ],
}


async def _start(
    node: RunningNode,
    station: ScriptedStation,
    answer: dict[str, Any],
    **arguments: Any,
) -> tuple[list[Any], dict[str, Any]]:
    """Run requestStartTransaction; the station answers `answer`. Returns the CALL and the
    mutation's result."""
    variables = {"station": station.station_id, "token": "RFID-1", "type": "ISO14443"}
    call, data = await node.run_answered(
        station, START, {**variables, **arguments}, "RequestStartTransaction", answer
    )
    return call, data["requestStartTransaction"]


async def _remote_starts(node: RunningNode, station_id: str, **more: Any) -> list[Any]:
    data = await node.graphql.data(REMOTE_STARTS, {"station": station_id, **more})
    starts: list[Any] = data["remoteStarts"]
    return starts


def _started(tx_id: str, remote_start_id: int, seq_no: int = 0) -> dict[str, Any]:
    return {
        "event_type": "Started",
        "tx_id": tx_id,
        "seq_no": seq_no,
        "trigger_reason": "RemoteStart",
        "remoteStartId": remote_start_id,
        "idToken": id_token("RFID-1"),
        "evse": {"id": 1, "connectorId": 1},
        "chargingState": "EVConnected",
    }


async def test_remote_start_is_linked_to_the_transaction_it_started_tc_f_03(
    db_node: RunningNode,
) -> None:
    """F02 (remote start first, AuthorizeRemoteStart false), F01.FR.02, F02.FR.01: the
    station reports the transaction with the remoteStartId the CSMS allocated."""
    station = await db_node.booted_station("CS-F03")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-F03"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await _start(db_node, station, {"status": "Accepted"}, evse=1)
        assert call[3] == {
            "idToken": {"idToken": "RFID-1", "type": "ISO14443"},
            "evseId": 1,
            "remoteStartId": 1,
        }
        assert result == {
            "outcome": "RESULT",
            "remoteStartId": 1,
            "status": "Accepted",
            "transactionId": None,
            "statusInfo": None,
            "errorCode": None,
            "errorDescription": None,
            "remoteStart": {
                "remoteStartId": 1,
                "status": "Accepted",
                "answeredTransactionId": None,
                "transaction": None,
            },
        }
        answered = await next_station_event(events, "REMOTE_START_ANSWERED")
    assert answered["payload"] == ACCEPTED_START_PAYLOAD
    frame = await send_tx_event(station, **_started("TX-F03", 1))
    assert frame[0] == 3, frame
    [start] = await _remote_starts(db_node, "CS-F03")
    assert start["stationId"] == "CS-F03"
    assert (start["remoteStartId"], start["idToken"], start["idTokenType"]) == (
        1,
        "RFID-1",
        "ISO14443",
    )
    assert (start["evseId"], start["status"], start["answeredTransactionId"]) == (
        1,
        "Accepted",
        None,
    )
    assert start["requestedAt"] is not None and start["answeredAt"] is not None
    assert start["transaction"]["transactionId"] == "TX-F03"
    assert start["transaction"]["active"] is True
    assert (start["transaction"]["evseId"], start["transaction"]["connectorId"]) == (1, 1)
    await station.close()


async def test_remote_start_after_authorize_tc_f_02(db_node: RunningNode) -> None:
    """F02 with AuthorizeRemoteStart true (F01.FR.01): the station authorizes the token
    before it starts; the next remote start of the station gets the next remoteStartId."""
    await db_node.graphql.data(
        'mutation { upsertIdToken(input: {idToken: "RFID-1", type: ISO14443}) { status } }'
    )
    station = await db_node.booted_station("CS-F02")
    _, first = await _start(db_node, station, {"status": "Accepted"})
    assert (first["remoteStartId"], first["status"]) == (1, "Accepted")
    authorize = await station.call("Authorize", {"idToken": id_token("RFID-1")})
    assert authorize[2]["idTokenInfo"]["status"] == "Accepted"
    assert (await send_tx_event(station, **_started("TX-F02", 1)))[0] == 3
    call, second = await _start(db_node, station, {"status": "Rejected"}, evse=2)
    assert call[3]["remoteStartId"] == 2
    assert (second["remoteStartId"], second["status"]) == (2, "Rejected")
    starts = await _remote_starts(db_node, "CS-F02")
    assert [(s["remoteStartId"], s["status"]) for s in starts] == [
        (2, "Rejected"),
        (1, "Accepted"),
    ]
    assert starts[0]["transaction"] is None
    assert starts[1]["transaction"]["transactionId"] == "TX-F02"
    page = await _remote_starts(db_node, "CS-F02", first=1, after=starts[0]["cursor"])
    assert [s["remoteStartId"] for s in page] == [1]
    await station.close()


async def test_cable_plugged_in_first_tc_f_01(db_node: RunningNode) -> None:
    """F01: a transaction is already running; the station answers with its transactionId
    and then reports the remoteStartId in an Updated event (triggerReason RemoteStart)."""
    station = await db_node.booted_station("CS-F01")
    plugged = await send_tx_event(
        station,
        "Started",
        "TX-F01",
        0,
        "CablePluggedIn",
        evse={"id": 1, "connectorId": 1},
        chargingState="EVConnected",
    )
    assert plugged[0] == 3, plugged
    _, result = await _start(db_node, station, {"status": "Accepted", "transactionId": "TX-F01"})
    assert (result["status"], result["transactionId"]) == ("Accepted", "TX-F01")
    assert result["remoteStart"]["answeredTransactionId"] == "TX-F01"
    assert result["remoteStart"]["transaction"] == {"transactionId": "TX-F01"}
    updated = await send_tx_event(
        station,
        "Updated",
        "TX-F01",
        1,
        "RemoteStart",
        remoteStartId=result["remoteStartId"],
        idToken=id_token("RFID-1"),
    )
    assert updated[0] == 3, updated
    data = await db_node.graphql.data(
        REMOTE_START, {"station": "CS-F01", "id": result["remoteStartId"]}
    )
    assert data["remoteStart"]["transaction"]["transactionId"] == "TX-F01"
    assert data["remoteStart"]["transaction"]["active"] is True
    await station.close()


async def test_ev_connect_timeout_after_remote_start_tc_f_04(db_node: RunningNode) -> None:
    """F02/E03.FR.05: the EV never connects; the station deauthorizes (EVConnectTimeout) and
    ends the transaction; the remote start reads back its ended transaction."""
    station = await db_node.booted_station("CS-F04")
    _, result = await _start(db_node, station, {"status": "Accepted"})
    remote_start_id = result["remoteStartId"]
    assert (await send_tx_event(station, **_started("TX-F04", remote_start_id)))[0] == 3
    timeout = await send_tx_event(station, "Updated", "TX-F04", 1, "EVConnectTimeout")
    assert timeout[0] == 3, timeout
    await end_remotely_started(
        db_node, station, remote_start_id, "TX-F04", 2, "EVConnectTimeout", "Timeout"
    )
    await station.close()


async def test_charging_profile_is_passed_through(db_node: RunningNode) -> None:
    """F01.FR.08/09/11: a TxProfile without transactionId goes to the station unchanged."""
    station = await db_node.booted_station("CS-PROFILE")
    group = {"idToken": "GROUP-1", "type": "Central"}
    call, result = await _start(
        db_node, station, {"status": "Accepted"}, evse=1, profile=TX_PROFILE, group=group
    )
    assert call[3]["chargingProfile"] == TX_PROFILE
    assert call[3]["groupIdToken"] == group
    assert result["status"] == "Accepted"
    await station.close()


async def test_rejected_with_status_info(db_node: RunningNode) -> None:
    """The station refuses (e.g. TxInProgress); the remote start keeps its Rejected answer."""
    station = await db_node.booted_station("CS-REJ")
    answer = {"status": "Rejected", "statusInfo": {"reasonCode": "TxInProgress"}}
    _, result = await _start(db_node, station, answer, evse=1)
    assert result["status"] == "Rejected"
    assert result["statusInfo"] == {"reasonCode": "TxInProgress", "additionalInfo": None}
    [start] = await _remote_starts(db_node, "CS-REJ")
    assert (start["status"], start["transaction"]) == ("Rejected", None)
    await station.close()


async def test_offline_and_unknown_stations(db_node: RunningNode) -> None:
    """A registered station that is not connected: OFFLINE, the remote start stays recorded
    without an answer; an unknown station: OFFLINE, nothing recorded."""
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-AWAY"}) { id } }')
    variables = {"token": "RFID-1", "type": "ISO14443"}
    away = (await db_node.graphql.data(START, {"station": "CS-AWAY", **variables}))[
        "requestStartTransaction"
    ]
    assert (away["outcome"], away["remoteStartId"], away["status"]) == ("OFFLINE", 1, None)
    assert away["remoteStart"]["status"] is None
    unknown = (await db_node.graphql.data(START, {"station": "CS-NOBODY", **variables}))[
        "requestStartTransaction"
    ]
    assert (unknown["outcome"], unknown["remoteStartId"], unknown["remoteStart"]) == (
        "OFFLINE",
        None,
        None,
    )
    assert await _remote_starts(db_node, "CS-NOBODY") == []


async def test_timeout_and_call_error_keep_the_remote_start(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-SILENT")
    variables = {"station": "CS-SILENT", "token": "RFID-1", "type": "ISO14443"}
    timed_out = await node.run_timed_out(station, START, variables, "RequestStartTransaction")
    assert timed_out["remoteStartId"] == 1
    refused = await node.run_refused(station, START, variables, "RequestStartTransaction")
    assert refused["remoteStartId"] == 2
    starts = await _remote_starts(node, "CS-SILENT")
    assert [(s["remoteStartId"], s["status"]) for s in starts] == [(2, None), (1, None)]
    await station.close()


async def test_remote_start_sent_with_send_call_is_recorded(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """A RequestStartTransaction sent through the generic sendCall is recorded on answer."""
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-RAW")
    payload = {"idToken": id_token("RFID-9", "Central"), "remoteStartId": 40}
    pending = asyncio.create_task(
        node.graphql.data(SEND_CALL, {"station": "CS-RAW", "payload": payload})
    )
    call = await station.expect_call("RequestStartTransaction")
    await station.reply(call[1], {"status": "Accepted"})
    assert (await pending)["sendCall"]["outcome"] == "RESULT"
    [start] = await _remote_starts(node, "CS-RAW")
    assert (start["remoteStartId"], start["idToken"], start["status"]) == (40, "RFID-9", "Accepted")
    _, result = await _start(node, station, {"status": "Accepted"})
    assert result["remoteStartId"] == 41
    await station.close()


async def test_invalid_arguments_are_refused(make_node: NodeFactory, sqlite_url: str) -> None:
    """Bad input is a GraphQL error naming the field; nothing is recorded or sent."""
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-BAD")
    no_schedule = {k: v for k, v in TX_PROFILE.items() if k != "chargingSchedule"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"evse": 0}, "evseId"),
        ({"token": "X" * 37}, "idToken.idToken"),
        ({"timeout": 0}, "timeoutSeconds"),
        ({"profile": [1, 2]}, "chargingProfile: must be a JSON object"),
        ({"profile": no_schedule}, "chargingProfile.chargingSchedule"),
        (
            {"profile": {**TX_PROFILE, "chargingProfilePurpose": "TxDefaultProfile"}},
            "chargingProfile.chargingProfilePurpose: must be TxProfile",
        ),
        ({"profile": {**TX_PROFILE, "transactionId": "TX-1"}}, "chargingProfile.transactionId"),
    ]
    for arguments, message in cases:
        variables = {"station": "CS-BAD", "token": "RFID-1", "type": "ISO14443", **arguments}
        body = await node.graphql.execute(START, variables)
        assert body.get("errors"), arguments
        assert message in body["errors"][0]["message"], body["errors"]
    assert await _remote_starts(node, "CS-BAD") == []
    await station.close()


async def test_concurrent_remote_starts_get_distinct_ids(db_node: RunningNode) -> None:
    """remoteStartIds are unique per station even when operators start at the same time."""
    station = await db_node.booted_station("CS-MANY")
    variables = {"station": "CS-MANY", "token": "RFID-1", "type": "ISO14443"}
    pending = [asyncio.create_task(db_node.graphql.data(START, variables)) for _ in range(5)]
    sent: list[int] = []
    for _ in pending:
        call = await station.expect_call("RequestStartTransaction")
        sent.append(call[3]["remoteStartId"])
        await station.reply(call[1], {"status": "Accepted"})
    results = [(await task)["requestStartTransaction"] for task in pending]
    assert sorted(sent) == [1, 2, 3, 4, 5]
    assert sorted(r["remoteStartId"] for r in results) == [1, 2, 3, 4, 5]
    starts = await _remote_starts(db_node, "CS-MANY")
    assert {(s["remoteStartId"], s["status"]) for s in starts} == {
        (n, "Accepted") for n in range(1, 6)
    }
    await station.close()
