"""SetDisplayMessage (O01/O02/O06) and ClearDisplayMessage (O05) over a real websocket and
real GraphQL, on SQLite and PostgreSQL: the request each sends, every status a station may
answer, the CSMS's record read back, and calls that get no answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.display_messages import (
    CLEAR,
    EVENTS,
    SET,
    message_input,
    messages_of,
    set_message,
)
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import CallError

REFUSALS = (
    "NotSupportedMessageFormat",
    "Rejected",
    "NotSupportedPriority",
    "NotSupportedState",
    "UnknownTransaction",
)


async def test_o01_set_with_an_allocated_id_and_every_status(db_node: RunningNode) -> None:
    """O01: without an id the CSMS allocates one (1, 2, ...); the request carries no
    transactionId (O01.FR.04); Accepted records the message SET, each other status (O01.FR.01-03,
    O01.FR.11, O02.FR.01) records it REFUSED with that status, and DISPLAY_MESSAGE_SET reports
    each answer."""
    station = await db_node.booted_station("CS-O01")
    start = datetime.now(UTC) + timedelta(hours=1)
    message = message_input(
        "Hello",
        priority="InFront",
        state="Idle",
        language="en-US",
        startDateTime=start.isoformat(),
        endDateTime=(start + timedelta(hours=2)).isoformat(),
        display={"name": "Display", "evseId": 1},
    )
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-O01"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await set_message(db_node, station, message, {"status": "Accepted"})
        assert call[3] == {
            "message": {
                "id": 1,
                "priority": "InFront",
                "state": "Idle",
                "startDateTime": start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "endDateTime": (start + timedelta(hours=2))
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
                "message": {"format": "UTF8", "language": "en-US", "content": "Hello"},
                "display": {"name": "Display", "evse": {"id": 1}},
            }
        }
        assert (result["outcome"], result["messageId"], result["status"]) == (
            "RESULT",
            1,
            "Accepted",
        )
        assert result["message"]["presence"] == "SET"
        assert result["message"]["display"] == {
            "name": "Display",
            "instance": None,
            "evseId": 1,
            "connectorId": None,
        }
        answered = await next_station_event(events, "DISPLAY_MESSAGE_SET")
        assert answered["payload"] == {
            "messageId": 1,
            "priority": "InFront",
            "transactionId": None,
            "status": "Accepted",
            "reasonCode": None,
            "additionalInfo": None,
        }
        for number, status in enumerate(REFUSALS, start=2):
            answer = {"status": status, "statusInfo": {"reasonCode": "Because"}}
            call, result = await set_message(db_node, station, message_input(status), answer)
            assert call[3]["message"]["id"] == number
            assert "transactionId" not in call[3]["message"]
            assert (result["messageId"], result["status"]) == (number, status)
            assert result["statusInfo"] == {"reasonCode": "Because", "additionalInfo": None}
            answered = await next_station_event(events, "DISPLAY_MESSAGE_SET")
            assert (answered["payload"]["messageId"], answered["payload"]["status"]) == (
                number,
                status,
            )
    stored = await messages_of(db_node, "CS-O01")
    assert stored[1]["presence"] == "SET"
    assert [(stored[n]["presence"], stored[n]["status"]) for n in range(2, 7)] == [
        ("REFUSED", status) for status in REFUSALS
    ]
    assert stored[3]["statusReason"] == "Because"
    await station.close()


async def test_o06_replace_takes_every_new_field_and_a_refused_one_keeps_the_old(
    db_node: RunningNode,
) -> None:
    """O06.FR.01: setting an id the station holds replaces the whole message in the CSMS's
    record when the station accepts; when it refuses, the station keeps the old message, and
    so does the record (with the refusal as its last status)."""
    station = await db_node.booted_station("CS-O06")
    first = message_input("Old", id=7, language="nl")
    _, result = await set_message(db_node, station, first, {"status": "Accepted"})
    assert result["messageId"] == 7
    second = message_input("New", id=7, priority="AlwaysFront", format="ASCII")
    call, result = await set_message(db_node, station, second, {"status": "Accepted"})
    assert call[3]["message"]["id"] == 7
    assert "language" not in call[3]["message"]["message"]
    stored = (await messages_of(db_node, "CS-O06"))[7]
    assert (stored["content"], stored["priority"], stored["format"], stored["language"]) == (
        "New",
        "AlwaysFront",
        "ASCII",
        None,
    )
    third = message_input("Refused", id=7)
    _, result = await set_message(db_node, station, third, {"status": "Rejected"})
    assert result["status"] == "Rejected"
    stored = (await messages_of(db_node, "CS-O06"))[7]
    assert (stored["content"], stored["presence"], stored["status"]) == (
        "New",
        "SET",
        "Rejected",
    )
    await station.close()


async def test_o01_fr_16_a_new_always_front_message_replaces_the_old_one(
    db_node: RunningNode,
) -> None:
    """O01.FR.16: the station replaces its AlwaysFront message with a newly accepted one, so
    the CSMS records the old one REPLACED."""
    station = await db_node.booted_station("CS-AF")
    await set_message(
        db_node, station, message_input("A", priority="AlwaysFront"), {"status": "Accepted"}
    )
    await set_message(
        db_node, station, message_input("B", priority="AlwaysFront"), {"status": "Accepted"}
    )
    stored = await messages_of(db_node, "CS-AF")
    assert [(stored[n]["content"], stored[n]["presence"]) for n in (1, 2)] == [
        ("A", "REPLACED"),
        ("B", "SET"),
    ]
    await station.close()


async def test_o02_a_message_bound_to_a_transaction_carries_its_id(db_node: RunningNode) -> None:
    """O02: the request carries the transactionId; UnknownTransaction (O02.FR.01) records the
    message REFUSED."""
    station = await db_node.booted_station("CS-O02")
    bound = message_input("During charging", transactionId="TX-O02")
    call, result = await set_message(db_node, station, bound, {"status": "UnknownTransaction"})
    assert call[3]["message"]["transactionId"] == "TX-O02"
    assert result["message"]["transactionId"] == "TX-O02"
    assert (result["status"], result["message"]["presence"]) == ("UnknownTransaction", "REFUSED")
    await station.close()


async def test_o05_clear_accepted_and_unknown(db_node: RunningNode) -> None:
    """O05.FR.01/02: Accepted records the message CLEARED; Unknown records that the station
    did not hold it (NOT_ON_STATION); DISPLAY_MESSAGE_CLEARED reports each answer."""
    station = await db_node.booted_station("CS-O05")
    for content in ("One", "Two"):
        await set_message(db_node, station, message_input(content), {"status": "Accepted"})
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-O05"}) as events:
        await db_node.wait_subscribers(1)
        for message_id, status, presence in (
            (1, "Accepted", "CLEARED"),
            (2, "Unknown", "NOT_ON_STATION"),
        ):
            call, data = await db_node.run_answered(
                station,
                CLEAR,
                {"station": "CS-O05", "id": message_id},
                "ClearDisplayMessage",
                {"status": status},
            )
            assert call[3] == {"id": message_id}
            result = data["clearDisplayMessage"]
            assert (result["outcome"], result["status"]) == ("RESULT", status)
            assert result["message"]["presence"] == presence
            cleared = await next_station_event(events, "DISPLAY_MESSAGE_CLEARED")
            assert cleared["payload"]["messageId"] == message_id
            assert cleared["payload"]["status"] == status
    _, data = await db_node.run_answered(
        station,
        CLEAR,
        {"station": "CS-O05", "id": 99},
        "ClearDisplayMessage",
        {"status": "Unknown"},
    )
    assert (data["clearDisplayMessage"]["status"], data["clearDisplayMessage"]["message"]) == (
        "Unknown",
        None,
    )
    await station.close()


async def test_set_without_an_answer_is_recorded_failed(db_node: RunningNode) -> None:
    """A SetDisplayMessage of a new id that gets no answer (timeout, CALLERROR) is FAILED with
    its outcome; one to a station that is not connected is OFFLINE; an unknown station gets
    nothing recorded (messageId null)."""
    station = await db_node.booted_station("CS-NOANS")
    variables = {"station": "CS-NOANS", "message": message_input("Silent")}
    timed_out = await db_node.run_timed_out(station, SET, variables, "SetDisplayMessage")
    assert (timed_out["messageId"], timed_out["message"]["presence"]) == (1, "FAILED")
    assert timed_out["message"]["outcome"] == "TIMEOUT"
    refused = await db_node.run_refused(station, SET, variables, "SetDisplayMessage")
    assert (refused["messageId"], refused["message"]["presence"]) == (2, "FAILED")
    assert refused["message"]["errorCode"] == "NotSupported"
    await station.close()
    offline = (await db_node.graphql.data(SET, variables))["setDisplayMessage"]
    assert (offline["outcome"], offline["messageId"], offline["message"]["presence"]) == (
        "OFFLINE",
        3,
        "FAILED",
    )
    unknown = await db_node.graphql.data(SET, {**variables, "station": "CS-NOBODY"})
    assert unknown["setDisplayMessage"]["outcome"] == "OFFLINE"
    assert unknown["setDisplayMessage"]["messageId"] is None


async def test_clear_without_an_answer_changes_nothing(db_node: RunningNode) -> None:
    """A ClearDisplayMessage the station refuses with a CALLERROR leaves the record SET."""
    station = await db_node.booted_station("CS-CLR-ERR")
    await set_message(db_node, station, message_input("Stay"), {"status": "Accepted"})
    refusal = CallError("NotSupported", "no display")
    _, data = await db_node.run_answered(
        station, CLEAR, {"station": "CS-CLR-ERR", "id": 1}, "ClearDisplayMessage", refusal
    )
    result = data["clearDisplayMessage"]
    assert (result["outcome"], result["errorCode"]) == ("CALL_ERROR", "NotSupported")
    assert result["message"]["presence"] == "SET"
    await station.close()
