"""Local lists in several messages to a station that enforces D01.FR.19 (a Differential whose
version is not above the station's is refused VersionMismatch), over a real websocket and
real GraphQL, on SQLite and PostgreSQL.

The parts of an update count their versions up to the list's version (a Full, then
Differentials each one version higher); a list whose version leaves no room is raised first.
A station that lost its list is found out when it boots (GetLocalListVersion, D02) and sent
the whole list again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.integration.local_auth_lists.test_local_lists import (
    SEND,
    assign,
    create_list,
    station_list,
    until,
    until_offline,
    update_list,
    upsert,
)
from tests.support.device_model import notify_report
from tests.support.local_lists import StrictLocalList
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

LIST_VERSION = "query($name: String!) { localAuthList(name: $name) { version entryCount } }"


def items_per_message(count: int) -> dict[str, Any]:
    """The LocalAuthListCtrlr ItemsPerMessage report item (ItemsPerMessageSendLocalList)."""
    return {
        "component": {"name": "LocalAuthListCtrlr"},
        "variable": {"name": "ItemsPerMessage"},
        "variableAttribute": [{"type": "Actual", "value": str(count), "mutability": "ReadOnly"}],
        "variableCharacteristics": {"dataType": "integer", "supportsMonitoring": False},
    }


async def strict_station(
    node: RunningNode, station_id: str, held: StrictLocalList, per_message: int | None = None
) -> ScriptedStation:
    """A booted station answering local-list calls from `held`, reporting ItemsPerMessage."""
    station = held.attach(await node.booted_station(station_id))
    if per_message is not None:
        report = notify_report(1, 0, False, [items_per_message(per_message)])
        assert (await station.call("NotifyReport", report))[0] == 3
    return station


async def list_version(node: RunningNode, name: str) -> int:
    data = await node.graphql.data(LIST_VERSION, {"name": name})
    version: int = data["localAuthList"]["version"]
    return version


async def held_until(node: RunningNode, holds: Callable[[], bool]) -> None:
    """Wait until the station holds what `holds` checks (a bounded wait)."""
    await node.wait_for(holds)


def parts(held: StrictLocalList) -> list[tuple[str, int, int]]:
    """(updateType, versionNumber, entries) of every SendLocalList the station received."""
    return [
        (p["updateType"], p["versionNumber"], len(p.get("localAuthorizationList", [])))
        for p in held.received
    ]


async def test_d01_fr_19_a_list_in_parts_reaches_a_strict_station_blocked_token_included(
    db_node: RunningNode,
) -> None:
    """Issue 24 item 12: ItemsPerMessage 2 and a 3-entry list with a Blocked token. The list
    (version 1) is raised to version 2 so its two parts count up: Full 1, Differential 2; the
    station accepts both and holds all three entries, the Blocked one Blocked."""
    for value, status in (("MP-1", "Accepted"), ("MP-2", "Accepted"), ("MP-BLOCKED", "Blocked")):
        await upsert(db_node, value, status=status)
    assert (await create_list(db_node, "parts", ["MP-1", "MP-2", "MP-BLOCKED"]))["version"] == 1
    held = StrictLocalList()
    await strict_station(db_node, "CS-MP-1", held, per_message=2)

    await assign(db_node, "CS-MP-1", "parts")

    row = await until(db_node, "CS-MP-1", lambda r: r["upToDate"] and r["acknowledgedVersion"])
    assert parts(held) == [("Full", 1, 2), ("Differential", 2, 1)]
    assert held.answers == ["Accepted", "Accepted"]
    assert held.statuses() == {"MP-1": "Accepted", "MP-2": "Accepted", "MP-BLOCKED": "Blocked"}
    assert (held.version, row["acknowledgedVersion"], row["listVersion"]) == (2, 2, 2)
    assert await list_version(db_node, "parts") == 2


async def test_d01_fr_19_three_messages_and_a_differential_in_parts(db_node: RunningNode) -> None:
    """Five entries in messages of two go as Full 1, Differential 2, Differential 3 (the list
    raised to 3); five more added at version 4 go as three Differentials 4, 5, 6 above the
    station's 3 (the list raised to 6). Another station of the list, one message each time,
    is sent the raised versions as empty Differentials and ends up holding the same list."""
    tokens = [f"MP3-{n}" for n in range(10)]
    for value in tokens:
        await upsert(db_node, value)
    await create_list(db_node, "three", tokens[:5])
    small, large = StrictLocalList(), StrictLocalList()
    await strict_station(db_node, "CS-MP-2", small, per_message=2)
    await strict_station(db_node, "CS-MP-3", large)
    await assign(db_node, "CS-MP-3", "three")
    await until(db_node, "CS-MP-3", lambda r: r["acknowledgedVersion"] == 1)

    await assign(db_node, "CS-MP-2", "three")
    await until(db_node, "CS-MP-2", lambda r: r["acknowledgedVersion"] == 3)
    assert parts(small) == [("Full", 1, 2), ("Differential", 2, 2), ("Differential", 3, 1)]
    await until(db_node, "CS-MP-3", lambda r: r["acknowledgedVersion"] == 3 and r["upToDate"])

    assert (await update_list(db_node, "three", add=tuple(tokens[5:])))["version"] == 4
    await until(db_node, "CS-MP-2", lambda r: r["acknowledgedVersion"] == 6 and r["upToDate"])
    assert parts(small)[3:] == [
        ("Differential", 4, 2),
        ("Differential", 5, 2),
        ("Differential", 6, 1),
    ]
    await until(db_node, "CS-MP-3", lambda r: r["acknowledgedVersion"] == 6 and r["upToDate"])
    assert set(small.answers) == set(large.answers) == {"Accepted"}
    assert set(small.entries) == set(large.entries) == set(tokens)
    assert small.version == large.version == await list_version(db_node, "three") == 6


async def test_explicit_send_local_list_in_parts_and_an_up_to_date_differential(
    db_node: RunningNode,
) -> None:
    """sendLocalList Full counts its parts up to the list's version like a delivery; a
    Differential to a station that holds the list's version sends nothing (status UpToDate)
    instead of an empty list at that version, which D01.FR.19 refuses."""
    for value in ("EXP-1", "EXP-2", "EXP-3"):
        await upsert(db_node, value)
    await create_list(db_node, "explicit-parts", ["EXP-1", "EXP-2", "EXP-3"])
    held = StrictLocalList()
    await strict_station(db_node, "CS-MP-4", held, per_message=2)
    await assign(db_node, "CS-MP-4", "explicit-parts")
    await until(db_node, "CS-MP-4", lambda r: r["acknowledgedVersion"] == 2)

    sent = await db_node.graphql.data(SEND, {"stationId": "CS-MP-4", "type": "Full"})
    assert sent["sendLocalList"] == {
        "outcome": "RESULT",
        "status": "Accepted",
        "updateType": "Full",
        "versionNumber": 2,
        "messages": 2,
        "entries": 3,
        "errorCode": None,
    }
    assert parts(held)[2:] == [("Full", 1, 2), ("Differential", 2, 1)]
    received = len(held.received)

    same = await db_node.graphql.data(SEND, {"stationId": "CS-MP-4", "type": "Differential"})
    assert same["sendLocalList"] == {
        "outcome": None,
        "status": "UpToDate",
        "updateType": "Differential",
        "versionNumber": 2,
        "messages": 0,
        "entries": 0,
        "errorCode": None,
    }
    assert len(held.received) == received and set(held.answers) == {"Accepted"}
    assert (await station_list(db_node, "CS-MP-4"))["acknowledgedVersion"] == 2


async def test_d02_a_station_that_lost_its_list_is_found_out_when_it_boots(
    db_node: RunningNode,
) -> None:
    """A station that comes back without its list (version 0) while the CSMS believes it up
    to date is asked GetLocalListVersion after its Accepted boot and sent the list again."""
    for value in ("LOST-1", "LOST-2"):
        await upsert(db_node, value)
    await create_list(db_node, "lost", ["LOST-1", "LOST-2"])
    held = StrictLocalList()
    station = await strict_station(db_node, "CS-MP-5", held)
    await assign(db_node, "CS-MP-5", "lost")
    await until(db_node, "CS-MP-5", lambda r: r["acknowledgedVersion"] == 1)
    await station.close()
    await until_offline(db_node, "CS-MP-5")
    held.lose()
    assert (await station_list(db_node, "CS-MP-5"))["upToDate"] is True

    back = held.attach(await db_node.station("CS-MP-5"))
    assert (await back.boot())[2]["status"] == "Accepted"

    await held_until(db_node, lambda: held.version == 1 and len(held.entries) == 2)
    assert held.version_requests >= 1
    assert parts(held)[-1] == ("Full", 1, 2)
    await until(db_node, "CS-MP-5", lambda r: r["acknowledgedVersion"] == 1 and r["upToDate"])


async def test_a_returning_station_is_asked_before_a_differential(db_node: RunningNode) -> None:
    """A station that kept its list and missed a change gets the Differential after saying
    which version it holds (D02), never a Differential on a version it was not asked about."""
    for value in ("KEPT-1", "KEPT-2"):
        await upsert(db_node, value)
    await create_list(db_node, "kept", ["KEPT-1"])
    held = StrictLocalList()
    station = await strict_station(db_node, "CS-MP-6", held)
    await assign(db_node, "CS-MP-6", "kept")
    await until(db_node, "CS-MP-6", lambda r: r["acknowledgedVersion"] == 1)
    await station.close()
    await until_offline(db_node, "CS-MP-6")
    await update_list(db_node, "kept", add=("KEPT-2",))

    back = held.attach(await db_node.station("CS-MP-6"))
    assert (await back.boot())[2]["status"] == "Accepted"

    await until(db_node, "CS-MP-6", lambda r: r["acknowledgedVersion"] == 2 and r["upToDate"])
    assert held.version_requests >= 1
    assert parts(held) == [("Full", 1, 1), ("Differential", 2, 1)]
    assert set(held.entries) == {"KEPT-1", "KEPT-2"}
