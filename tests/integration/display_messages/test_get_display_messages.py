"""GetDisplayMessages (O03/O04) and NotifyDisplayMessages over a real websocket and real
GraphQL, on SQLite and PostgreSQL: the request, multi-part reports in any order (repeats
too) stored as the station's catalogue, completion, what a complete report settles, and the
station payloads the CSMS cannot store."""

from __future__ import annotations

from typing import Any

from tests.support.display_messages import (
    EVENTS,
    GET,
    REQUEST,
    message_info,
    message_input,
    messages_of,
    reported_of,
    set_message,
)
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

PAST_YEAR_9999 = "9999-12-31T23:59:59-01:00"


async def _get(
    node: RunningNode, station: ScriptedStation, answer: dict[str, Any], **filters: Any
) -> tuple[list[Any], dict[str, Any]]:
    variables = {"station": station.station_id, **filters}
    call, data = await node.run_answered(station, GET, variables, "GetDisplayMessages", answer)
    return call, data["getDisplayMessages"]


async def _notify(station: ScriptedStation, request_id: int, tbc: bool, infos: list[Any]) -> None:
    payload: dict[str, Any] = {"requestId": request_id, "tbc": tbc}
    if infos:
        payload["messageInfo"] = infos
    answer = await station.call("NotifyDisplayMessages", payload)
    assert answer[0] == 3 and answer[2] == {}, answer


async def test_o03_all_messages_in_three_shuffled_parts_with_a_repeat(db_node: RunningNode) -> None:
    """O03.FR.01-05: GetDisplayMessages with only a requestId the CSMS allocated; the
    station's three NotifyDisplayMessages arrive out of order (the last one, tbc false,
    second) and one of them twice. The catalogue read back holds every reported message, the
    request is complete once (DISPLAY_MESSAGES_REPORTED) with the repeat counted once, and a
    message the CSMS believed set but the station left out of this report of everything is
    NOT_ON_STATION."""
    station = await db_node.booted_station("CS-O03")
    await set_message(db_node, station, message_input("Gone", id=9), {"status": "Accepted"})
    await set_message(db_node, station, message_input("Mine", id=1), {"status": "Accepted"})
    call, result = await _get(db_node, station, {"status": "Accepted"})
    assert call[3] == {"requestId": 1}
    assert (result["requestId"], result["status"]) == (1, "Accepted")
    assert result["request"]["completed"] is False
    first = [
        message_info(1, "Mine as shown"),
        message_info(2, "Two", priority="InFront", state="Unavailable"),
    ]
    middle = [message_info(3, "Three", state="Charging", transactionId="TX-9")]
    last = [
        message_info(
            4,
            "Four",
            format="ASCII",
            display={"name": "Display", "evse": {"id": 2}},
            message={"format": "ASCII", "content": "Four", "language": "en"},
        )
    ]
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-O03"}) as events:
        await db_node.wait_subscribers(1)
        await _notify(station, 1, True, middle)
        await _notify(station, 1, False, last)
        reported = await next_station_event(events, "DISPLAY_MESSAGES_REPORTED")
        await _notify(station, 1, True, first)
        await _notify(station, 1, True, middle)
    assert reported["payload"] == {"requestId": 1, "parts": 2, "messages": 2}
    catalogue = await reported_of(db_node, "CS-O03")
    assert sorted(catalogue) == [1, 2, 3, 4]
    assert catalogue[1]["content"] == "Mine as shown"
    assert (catalogue[2]["priority"], catalogue[2]["state"]) == ("InFront", "Unavailable")
    assert catalogue[3]["state"] == "Charging"
    assert catalogue[3]["transactionId"] == "TX-9"
    assert (catalogue[4]["format"], catalogue[4]["language"]) == ("ASCII", "en")
    assert catalogue[4]["display"] == {"name": "Display", "evseId": 2}
    assert {row["requestId"] for row in catalogue.values()} == {1}
    request = (await db_node.graphql.data(REQUEST, {"station": "CS-O03", "id": 1}))[
        "displayMessageRequest"
    ]
    # the repeated part is known by its message ids and tbc: counted once
    assert (request["completed"], request["parts"], request["messages"]) == (True, 3, 4)
    assert (request["status"], request["ids"]) == ("Accepted", None)
    known = await messages_of(db_node, "CS-O03")
    assert known[9]["presence"] == "NOT_ON_STATION"
    assert (known[1]["presence"], known[1]["content"]) == ("SET", "Mine as shown")
    assert known[1]["reported"] == {"messageId": 1, "content": "Mine as shown", "requestId": 1}
    assert (known[3]["presence"], known[3]["status"]) == ("SET", None)
    await station.close()


async def test_o03_fr_06_unknown_means_no_message_at_all(db_node: RunningNode) -> None:
    """O03.FR.06: the station answers Unknown when it holds no message; the request is then
    complete, the catalogue empty, and what the CSMS believed set is NOT_ON_STATION."""
    station = await db_node.booted_station("CS-O03-EMPTY")
    await set_message(db_node, station, message_input("Lost"), {"status": "Accepted"})
    await _notify(station, 40, False, [message_info(5, "Old report")])
    _, result = await _get(db_node, station, {"status": "Unknown"})
    assert (result["status"], result["request"]["completed"]) == ("Unknown", True)
    assert await reported_of(db_node, "CS-O03-EMPTY") == {}
    known = await messages_of(db_node, "CS-O03-EMPTY")
    assert {known[1]["presence"], known[5]["presence"]} == {"NOT_ON_STATION"}
    await station.close()


async def test_o04_specific_messages_by_id_priority_and_state(db_node: RunningNode) -> None:
    """O04: ids, priority and state go into the request; a complete report for some ids
    settles only those ids (another reported message stays in the catalogue); a report by
    priority settles nothing it did not report."""
    station = await db_node.booted_station("CS-O04")
    await _notify(station, 70, False, [message_info(n, f"M{n}") for n in (1, 2, 3)])
    call, result = await _get(db_node, station, {"status": "Accepted"}, ids=[1, 2])
    assert call[3] == {"requestId": 71, "id": [1, 2]}
    assert result["request"]["ids"] == [1, 2]
    await _notify(station, 71, False, [message_info(1, "M1 again")])
    catalogue = await reported_of(db_node, "CS-O04")
    assert sorted(catalogue) == [1, 3]
    assert catalogue[1]["content"] == "M1 again"
    call, result = await _get(
        db_node, station, {"status": "Accepted"}, priority="InFront", state="Idle"
    )
    assert call[3] == {"requestId": 72, "priority": "InFront", "state": "Idle"}
    await _notify(station, 72, False, [])
    assert sorted(await reported_of(db_node, "CS-O04")) == [1, 3]
    call, result = await _get(db_node, station, {"status": "Unknown"}, ids=[3])
    assert result["request"]["completed"] is True
    assert sorted(await reported_of(db_node, "CS-O04")) == [1]
    await station.close()


async def test_notify_display_messages_is_answered_and_stored(db_node: RunningNode) -> None:
    """NotifyDisplayMessages is no longer answered NotSupported: a report the CSMS did not
    ask for is stored under its requestId (no filters), and settles nothing."""
    station = await db_node.booted_station("CS-NOTIFY")
    await _notify(station, 77, False, [message_info(3, "Unasked")])
    assert (await reported_of(db_node, "CS-NOTIFY"))[3]["requestId"] == 77
    request = (await db_node.graphql.data(REQUEST, {"station": "CS-NOTIFY", "id": 77}))[
        "displayMessageRequest"
    ]
    assert request == {
        "requestId": 77,
        "ids": None,
        "priority": None,
        "state": None,
        "requestedAt": None,
        "outcome": None,
        "status": None,
        "completed": True,
        "parts": 1,
        "messages": 1,
    }
    await station.close()


async def test_what_the_csms_cannot_store_is_refused(node: RunningNode) -> None:
    """A schema-valid NotifyDisplayMessages with an id beyond 32 bits, a date-time the CSMS
    cannot store (past the year 9999 in UTC), or a NUL character is answered
    PropertyConstraintViolation naming the field; nothing of it is stored. (A leap second is
    stored as :59.999999, issue 24 item 5.)"""
    station = await node.booted_station("CS-NOTIFY-BAD")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"requestId": 2**31, "tbc": False}, "requestId"),
        ({"requestId": 1, "messageInfo": [message_info(2**40, "x")]}, "messageInfo.0.id"),
        (
            {"requestId": 1, "messageInfo": [message_info(1, "x", endDateTime=PAST_YEAR_9999)]},
            "messageInfo.0.endDateTime",
        ),
        (
            {"requestId": 1, "messageInfo": [message_info(1, "x"), message_info(2, "N\u0000")]},
            "messageInfo.1.message.content",
        ),
    ]
    for payload, field in cases:
        answer = await station.call("NotifyDisplayMessages", payload)
        assert answer[0] == 4 and answer[2] == "PropertyConstraintViolation", answer
        assert answer[4] == {"field": field}, answer
    assert await reported_of(node, "CS-NOTIFY-BAD") == {}
    await station.close()
