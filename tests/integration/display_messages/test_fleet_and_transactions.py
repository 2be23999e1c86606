"""A message sent to many stations at once, and messages bound to a transaction that ends
(O02.FR.02), over real websockets and real GraphQL, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.display_messages import (
    message_input,
    messages_of,
    report_display_controller,
    set_message,
    until,
)
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation
from tests.support.transactions import id_token, send_tx_event

BROADCAST = """
mutation($message: DisplayMessageInput!, $stations: [ID!], $online: Boolean!, $timeout: Float) {
  broadcastDisplayMessage(message: $message, stationIds: $stations, onlineOnly: $online,
                          concurrency: 2, timeoutSeconds: $timeout) {
    id status total pending audience messageId message
  }
}
"""

PROGRESS = """
query($id: Int!) {
  displayMessageBroadcast(id: $id) {
    id status total done pending accepted refused notSupported offline timeout callError
    unknownStation failed finishedAt
  }
  displayMessageBroadcastTargets(broadcastId: $id) {
    stationId outcome status messageId problem
  }
}
"""

UPSERT = "mutation($id: ID!) { upsertStation(input: {id: $id}) { id } }"


async def _answer(station: ScriptedStation, status: str) -> list[Any]:
    call = await station.expect_call("SetDisplayMessage")
    await station.reply(call[1], {"status": status})
    return call


async def test_a_fleet_message_to_four_stations(db_node: RunningNode) -> None:
    """One message to a listed fleet: a station accepts it, one refuses it, one is not
    connected, one's device model says it cannot take the format (never sent), one id is no
    station. The run goes on in the background; its progress and each station's outcome read
    back, and the accepting station's record holds the message."""
    accepting = await db_node.booted_station("FLEET-A")
    refusing = await db_node.booted_station("FLEET-B")
    plain = await db_node.booted_station("FLEET-D")
    await report_display_controller(plain, formats="ASCII")
    await db_node.graphql.data(UPSERT, {"id": "FLEET-C"})
    stations = ["FLEET-A", "FLEET-B", "FLEET-C", "FLEET-D", "FLEET-X", "FLEET-A"]
    variables = {
        "message": message_input("Maintenance tonight", id=42),
        "stations": stations,
        "online": False,
    }
    started = (await db_node.graphql.data(BROADCAST, variables))["broadcastDisplayMessage"]
    assert (started["total"], started["audience"], started["messageId"]) == (5, "LISTED", 42)
    assert started["message"] == {
        "priority": "NormalCycle",
        "message": {"format": "UTF8", "content": "Maintenance tonight"},
    }
    calls = await asyncio.gather(_answer(accepting, "Accepted"), _answer(refusing, "Rejected"))
    assert [call[3]["message"]["id"] for call in calls] == [42, 42]

    async def progress() -> dict[str, Any]:
        return await db_node.graphql.data(PROGRESS, {"id": started["id"]})

    done = await until(progress, lambda data: data["displayMessageBroadcast"]["status"] == "DONE")
    summary = done["displayMessageBroadcast"]
    assert {key: summary[key] for key in ("total", "done", "pending", "accepted", "refused")} == {
        "total": 5,
        "done": 5,
        "pending": 0,
        "accepted": 1,
        "refused": 1,
    }
    assert (summary["offline"], summary["notSupported"], summary["unknownStation"]) == (1, 1, 1)
    assert summary["finishedAt"] is not None
    targets = {row["stationId"]: row for row in done["displayMessageBroadcastTargets"]}
    assert list(targets) == ["FLEET-A", "FLEET-B", "FLEET-C", "FLEET-D", "FLEET-X"]
    assert (targets["FLEET-A"]["outcome"], targets["FLEET-A"]["messageId"]) == ("ACCEPTED", 42)
    assert (targets["FLEET-B"]["outcome"], targets["FLEET-B"]["status"]) == ("REFUSED", "Rejected")
    assert targets["FLEET-C"]["outcome"] == "OFFLINE"
    assert targets["FLEET-D"]["outcome"] == "NOT_SUPPORTED"
    assert "UTF8 is not supported by the station" in targets["FLEET-D"]["problem"]
    assert targets["FLEET-X"]["outcome"] == "UNKNOWN_STATION"
    assert (await messages_of(db_node, "FLEET-A"))[42]["presence"] == "SET"
    assert (await messages_of(db_node, "FLEET-B"))[42]["presence"] == "REFUSED"
    for station in (accepting, refusing, plain):
        await station.close()


async def test_a_fleet_message_to_the_online_stations(node: RunningNode) -> None:
    """Without stationIds and with onlineOnly, the message goes to every connected station
    (each its own allocated id); a bad message or an empty audience is refused at once."""
    one = await node.booted_station("ONLINE-1")
    two = await node.booted_station("ONLINE-2")
    await node.graphql.data(UPSERT, {"id": "ONLINE-3-OFF"})
    variables = {"message": message_input("Hi"), "stations": None, "online": True}
    started = (await node.graphql.data(BROADCAST, variables))["broadcastDisplayMessage"]
    assert (started["total"], started["audience"], started["messageId"]) == (2, "ONLINE", None)
    await asyncio.gather(_answer(one, "Accepted"), _answer(two, "Accepted"))
    done = await until(
        lambda: node.graphql.data(PROGRESS, {"id": started["id"]}),
        lambda data: data["displayMessageBroadcast"]["status"] == "DONE",
    )
    assert done["displayMessageBroadcast"]["accepted"] == 2
    assert [row["messageId"] for row in done["displayMessageBroadcastTargets"]] == [1, 1]
    bad = await node.graphql.execute(
        BROADCAST, {**variables, "message": message_input(language="no language")}
    )
    assert bad["errors"][0]["extensions"]["field"] == "message.language"
    nobody = await node.graphql.execute(BROADCAST, {**variables, "stations": ["ONLINE-3-OFF"]})
    assert nobody["errors"][0]["extensions"]["field"] == "stationIds"
    await one.close()
    await two.close()


async def test_o02_fr_02_the_message_of_an_ended_transaction_is_removed(
    db_node: RunningNode,
) -> None:
    """O02.FR.02: the station removes a message bound to a transaction when it ends; the
    CSMS, following TRANSACTION_ENDED, records it TRANSACTION_ENDED (a message bound to
    another transaction, or to none, stays SET)."""
    station = await db_node.booted_station("CS-O02-END")
    started = await send_tx_event(
        station,
        "Started",
        "TX-END",
        0,
        "Authorized",
        idToken=id_token("RFID-1"),
        evse={"id": 1, "connectorId": 1},
    )
    assert started[0] == 3, started
    for content, transaction in (("Bound", "TX-END"), ("Other", "TX-OTHER"), ("Free", None)):
        message = message_input(content)
        if transaction is not None:
            message["transactionId"] = transaction
        await set_message(db_node, station, message, {"status": "Accepted"})
    ended = await send_tx_event(station, "Ended", "TX-END", 1, "EVDeparted", stoppedReason="Local")
    assert ended[0] == 3, ended
    known = await until(
        lambda: messages_of(db_node, "CS-O02-END"),
        lambda rows: rows[1]["presence"] == "TRANSACTION_ENDED",
    )
    assert known[1]["removedAt"] is not None
    assert (known[2]["presence"], known[3]["presence"]) == ("SET", "SET")
    await station.close()
