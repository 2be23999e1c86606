"""Local authorization lists (block D: D01 SendLocalList, D02 GetLocalListVersion) over a
real websocket and real GraphQL, on SQLite and PostgreSQL.

A list is versioned; a station assigned to it is sent the whole list (Full) when its
acknowledged version is unknown and the changes since that version (Differential) otherwise,
automatically while online and when it comes back; Accepted stores the acknowledged version
(D01.FR.xx), GetLocalListVersion stores the reported one (D02), VersionMismatch is followed
by a Full update, and a list larger than ItemsPerMessage goes as a Full followed by
Differentials, their versions counting up to the list's (D01.FR.11, D01.FR.19).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.support.device_model import notify_report
from tests.support.local_lists import StrictLocalList
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

UPSERT = "mutation($input: IdTokenInput!) { upsertIdToken(input: $input) { idToken } }"
CREATE = """
mutation($name: String!, $tokens: [IdTokenRefInput!]) {
  createLocalAuthList(name: $name, idTokens: $tokens) { name version entryCount stationCount }
}
"""
UPDATE = """
mutation($name: String!, $add: [IdTokenRefInput!], $remove: [IdTokenRefInput!]) {
  updateLocalAuthList(name: $name, add: $add, remove: $remove) { name version entryCount }
}
"""
ASSIGN = """
mutation($stationId: ID!, $name: String!) {
  assignLocalAuthList(stationId: $stationId, listName: $name) {
    stationId listName listVersion acknowledgedVersion upToDate
  }
}
"""
STATION_LISTS = """
query($stationId: ID) {
  stationLocalLists(stationId: $stationId) {
    stationId listName listVersion acknowledgedVersion upToDate lastStatus lastAttemptAt
  }
}
"""
SEND = """
mutation($stationId: ID!, $type: LocalListUpdateType!) {
  sendLocalList(stationId: $stationId, updateType: $type) {
    outcome status updateType versionNumber messages entries errorCode
  }
}
"""
GET_VERSION = """
mutation($stationId: ID!) {
  getLocalListVersion(stationId: $stationId) { outcome versionNumber errorCode }
}
"""


def ref(value: str, kind: str = "ISO14443") -> dict[str, str]:
    """An IdTokenRefInput / IdTokenType."""
    return {"idToken": value, "type": kind}


async def upsert(node: RunningNode, value: str, **fields: Any) -> None:
    await node.graphql.data(
        UPSERT, {"input": {"idToken": value, "type": "ISO14443", "status": "Accepted", **fields}}
    )


async def create_list(node: RunningNode, name: str, tokens: list[str]) -> dict[str, Any]:
    data = await node.graphql.data(CREATE, {"name": name, "tokens": [ref(t) for t in tokens]})
    created: dict[str, Any] = data["createLocalAuthList"]
    return created


async def update_list(
    node: RunningNode, name: str, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()
) -> dict[str, Any]:
    data = await node.graphql.data(
        UPDATE, {"name": name, "add": [ref(t) for t in add], "remove": [ref(t) for t in remove]}
    )
    updated: dict[str, Any] = data["updateLocalAuthList"]
    return updated


async def assign(node: RunningNode, station_id: str, name: str) -> dict[str, Any]:
    data = await node.graphql.data(ASSIGN, {"stationId": station_id, "name": name})
    assignment: dict[str, Any] = data["assignLocalAuthList"]
    return assignment


async def station_list(node: RunningNode, station_id: str) -> dict[str, Any]:
    data = await node.graphql.data(STATION_LISTS, {"stationId": station_id})
    rows: list[dict[str, Any]] = data["stationLocalLists"]
    assert len(rows) == 1, rows
    return rows[0]


async def until(
    node: RunningNode, station_id: str, holds: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """Read the station's list state back until `holds` (a bounded wait, not a timing test)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while True:
        row = await station_list(node, station_id)
        if holds(row):
            return row
        assert loop.time() < deadline, row
        await asyncio.sleep(0.02)


async def answer_list(station: ScriptedStation, status: str = "Accepted") -> dict[str, Any]:
    """Take the next SendLocalList and answer it; returns its payload."""
    frame = await station.expect_call("SendLocalList")
    await station.reply(frame[1], {"status": status})
    payload: dict[str, Any] = frame[3]
    return payload


def tokens_of(payload: dict[str, Any]) -> dict[str, dict[str, Any] | None]:
    """idToken value -> its idTokenInfo (None for a removal)."""
    return {
        item["idToken"]["idToken"]: item.get("idTokenInfo")
        for item in payload.get("localAuthorizationList", [])
    }


async def test_d01_full_on_assignment_then_differential_with_removals(db_node: RunningNode) -> None:
    """D01: a new list is version 1, tokens on it or not (D01.FR.18: versions > 0); a new
    assignment gets a Full update; after Accepted the version is stored; the next change goes
    as a Differential with only the changes, removals without idTokenInfo."""
    await upsert(db_node, "LL-A", groupIdToken=ref("FLEET", "Central"))
    await upsert(db_node, "LL-B", status="Blocked")
    await upsert(db_node, "LL-C")
    created = await create_list(db_node, "depot", ["LL-A", "LL-C"])
    assert created == {"name": "depot", "version": 1, "entryCount": 2, "stationCount": 0}
    station = await db_node.booted_station("CS-LL-1")
    assert (await assign(db_node, "CS-LL-1", "depot"))["acknowledgedVersion"] is None

    full = await answer_list(station)
    assert full["versionNumber"] == 1 and full["updateType"] == "Full"
    assert tokens_of(full) == {
        "LL-A": {"status": "Accepted", "groupIdToken": ref("FLEET", "Central")},
        "LL-C": {"status": "Accepted"},
    }
    row = await until(db_node, "CS-LL-1", lambda r: r["acknowledgedVersion"] == 1)
    assert row["upToDate"] and row["lastStatus"] == "Accepted" and row["lastAttemptAt"]

    assert (await update_list(db_node, "depot", add=("LL-B",), remove=("LL-A",)))["version"] == 2
    differential = await answer_list(station)
    assert differential["versionNumber"] == 2 and differential["updateType"] == "Differential"
    assert tokens_of(differential) == {"LL-B": {"status": "Blocked"}, "LL-A": None}
    await until(db_node, "CS-LL-1", lambda r: r["acknowledgedVersion"] == 2 and r["upToDate"])


async def test_d01_version_mismatch_is_followed_by_a_full_update(db_node: RunningNode) -> None:
    for value in ("VM-1", "VM-2", "VM-3"):
        await upsert(db_node, value)
    await create_list(db_node, "mismatch", ["VM-1", "VM-2"])
    station = await db_node.booted_station("CS-LL-2")
    await assign(db_node, "CS-LL-2", "mismatch")
    await answer_list(station)
    await until(db_node, "CS-LL-2", lambda r: r["acknowledgedVersion"] == 1)

    await update_list(db_node, "mismatch", add=("VM-3",))
    differential = await answer_list(station, "VersionMismatch")
    assert differential["updateType"] == "Differential"
    assert tokens_of(differential) == {"VM-3": {"status": "Accepted"}}
    full = await answer_list(station)
    assert full["updateType"] == "Full" and full["versionNumber"] == 2
    assert set(tokens_of(full)) == {"VM-1", "VM-2", "VM-3"}
    row = await until(db_node, "CS-LL-2", lambda r: r["acknowledgedVersion"] == 2)
    assert row["lastStatus"] == "Accepted"


async def test_d02_get_local_list_version_stores_it_and_a_station_behind_gets_the_list(
    db_node: RunningNode,
) -> None:
    await upsert(db_node, "GV-1")
    await create_list(db_node, "versions", ["GV-1"])
    station = await db_node.booted_station("CS-LL-3")
    await assign(db_node, "CS-LL-3", "versions")
    await answer_list(station)
    await until(db_node, "CS-LL-3", lambda r: r["acknowledgedVersion"] == 1)

    asking = asyncio.create_task(db_node.graphql.data(GET_VERSION, {"stationId": "CS-LL-3"}))
    call = await station.expect_call("GetLocalListVersion")
    assert call[3] == {}
    await station.reply(call[1], {"versionNumber": 0})
    answer = (await asking)["getLocalListVersion"]
    assert answer == {"outcome": "RESULT", "versionNumber": 0, "errorCode": None}
    assert (await station_list(db_node, "CS-LL-3"))["acknowledgedVersion"] == 0
    full = await answer_list(station)
    assert full["updateType"] == "Full" and tokens_of(full) == {"GV-1": {"status": "Accepted"}}
    await until(db_node, "CS-LL-3", lambda r: r["acknowledgedVersion"] == 1)


async def test_d02_get_local_list_version_of_a_station_without_list_is_only_answered(
    db_node: RunningNode,
) -> None:
    station = await db_node.booted_station("CS-LL-4")
    asking = asyncio.create_task(db_node.graphql.data(GET_VERSION, {"stationId": "CS-LL-4"}))
    call = await station.expect_call("GetLocalListVersion")
    await station.reply(call[1], {"versionNumber": 5})
    assert (await asking)["getLocalListVersion"]["versionNumber"] == 5
    data = await db_node.graphql.data(STATION_LISTS, {"stationId": "CS-LL-4"})
    assert data["stationLocalLists"] == []


async def test_offline_station_gets_the_changes_when_it_boots_again(db_node: RunningNode) -> None:
    """A station that was offline during a change is asked its version when it comes back
    (D02) and then sent the Differential."""
    for value in ("OFF-1", "OFF-2"):
        await upsert(db_node, value)
    await create_list(db_node, "offline", ["OFF-1"])
    station = await db_node.booted_station("CS-LL-5")
    await assign(db_node, "CS-LL-5", "offline")
    full = await answer_list(station)
    await until(db_node, "CS-LL-5", lambda r: r["acknowledgedVersion"] == 1)
    await station.close()
    await until_offline(db_node, "CS-LL-5")

    await update_list(db_node, "offline", add=("OFF-2",))
    assert (await station_list(db_node, "CS-LL-5"))["acknowledgedVersion"] == 1

    held = StrictLocalList()
    held.send_local_list(full)
    back = held.attach(await db_node.station("CS-LL-5"))
    assert (await back.boot())[2]["status"] == "Accepted"
    await until(db_node, "CS-LL-5", lambda r: r["acknowledgedVersion"] == 2)
    assert held.version_requests >= 1
    differential = held.received[-1]
    assert differential["updateType"] == "Differential" and differential["versionNumber"] == 2
    assert tokens_of(differential) == {"OFF-2": {"status": "Accepted"}}


async def until_offline(node: RunningNode, station_id: str) -> None:
    """Wait until the CSMS saw the station's socket close."""
    query = "query($id: ID!) { station(id: $id) { online } }"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while (await node.graphql.data(query, {"id": station_id}))["station"]["online"]:
        assert loop.time() < deadline
        await asyncio.sleep(0.02)


async def test_registry_change_of_a_listed_token_reaches_the_station(db_node: RunningNode) -> None:
    """Blocking a listed token (or its group, C09) is a new list version the station gets;
    deleting a listed token sends its removal."""
    await upsert(db_node, "FLEET-G", type="ISO14443")
    await upsert(db_node, "RC-1", groupIdToken=ref("FLEET-G"))
    await upsert(db_node, "RC-2")
    await create_list(db_node, "registry", ["RC-1", "RC-2"])
    station = await db_node.booted_station("CS-LL-6")
    await assign(db_node, "CS-LL-6", "registry")
    await answer_list(station)

    await upsert(db_node, "RC-2", status="Blocked")
    differential = await answer_list(station)
    assert differential["versionNumber"] == 2
    assert tokens_of(differential) == {"RC-2": {"status": "Blocked"}}

    await upsert(db_node, "FLEET-G", status="Blocked")
    group_change = await answer_list(station)
    assert group_change["versionNumber"] == 3
    assert tokens_of(group_change) == {
        "RC-1": {"status": "Blocked", "groupIdToken": ref("FLEET-G")}
    }

    delete = 'mutation { deleteIdToken(idToken: "RC-2", type: ISO14443) }'
    assert (await db_node.graphql.data(delete))["deleteIdToken"] is True
    removal = await answer_list(station)
    assert removal["versionNumber"] == 4 and tokens_of(removal) == {"RC-2": None}
    await until(db_node, "CS-LL-6", lambda r: r["acknowledgedVersion"] == 4)


async def test_explicit_send_local_list_full_and_differential(db_node: RunningNode) -> None:
    await upsert(db_node, "EX-1")
    await create_list(db_node, "explicit", ["EX-1"])
    station = await db_node.booted_station("CS-LL-7")
    refused = await db_node.graphql.execute(SEND, {"stationId": "CS-LL-7", "type": "Full"})
    assert "not assigned" in refused["errors"][0]["message"]
    await assign(db_node, "CS-LL-7", "explicit")
    await answer_list(station, "Failed")
    row = await until(db_node, "CS-LL-7", lambda r: r["lastStatus"] == "Failed")
    assert row["acknowledgedVersion"] is None
    refused = await db_node.graphql.execute(SEND, {"stationId": "CS-LL-7", "type": "Differential"})
    assert "not known" in refused["errors"][0]["message"]

    sending = asyncio.create_task(
        db_node.graphql.data(SEND, {"stationId": "CS-LL-7", "type": "Full"})
    )
    full = await answer_list(station)
    assert full["updateType"] == "Full" and tokens_of(full) == {"EX-1": {"status": "Accepted"}}
    assert (await sending)["sendLocalList"] == {
        "outcome": "RESULT",
        "status": "Accepted",
        "updateType": "Full",
        "versionNumber": 1,
        "messages": 1,
        "entries": 1,
        "errorCode": None,
    }
    assert (await station_list(db_node, "CS-LL-7"))["acknowledgedVersion"] == 1

    same = await db_node.graphql.data(SEND, {"stationId": "CS-LL-7", "type": "Differential"})
    assert same["sendLocalList"]["status"] == "UpToDate"
    assert same["sendLocalList"]["messages"] == 0


async def test_d01_fr_11_list_split_by_items_per_message(db_node: RunningNode) -> None:
    """ItemsPerMessage of LocalAuthListCtrlr (from the device model) splits the list: a Full
    with the first part, Differentials with the rest, their versions counting up to the
    list's (raised from 1 to 3 to make room: D01.FR.18/19)."""
    tokens = [f"SPLIT-{n}" for n in range(5)]
    for value in tokens:
        await upsert(db_node, value)
    await create_list(db_node, "split", tokens)
    station = await db_node.booted_station("CS-LL-8")
    items_per_message = {
        "component": {"name": "LocalAuthListCtrlr"},
        "variable": {"name": "ItemsPerMessage"},
        "variableAttribute": [{"type": "Actual", "value": "2", "mutability": "ReadOnly"}],
        "variableCharacteristics": {"dataType": "integer", "supportsMonitoring": False},
    }
    report = notify_report(1, 0, False, [items_per_message])
    assert (await station.call("NotifyReport", report))[0] == 3
    await assign(db_node, "CS-LL-8", "split")
    parts = [await answer_list(station) for _ in range(3)]
    assert [part["updateType"] for part in parts] == ["Full", "Differential", "Differential"]
    assert [len(part["localAuthorizationList"]) for part in parts] == [2, 2, 1]
    assert [part["versionNumber"] for part in parts] == [1, 2, 3]
    assert [value for part in parts for value in tokens_of(part)] == tokens
    row = await until(db_node, "CS-LL-8", lambda r: r["acknowledgedVersion"] == 3)
    assert row["upToDate"] and row["listVersion"] == 3
