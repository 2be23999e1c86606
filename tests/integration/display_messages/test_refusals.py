"""What the CSMS refuses before sending a SetDisplayMessage, over real GraphQL: a message its
station's reported device model says it cannot take (O01.FR.01-03, O01.FR.11), and fields
no station could take (O01.FR.04, O01.FR.17). Nothing reaches the station then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.display_messages import (
    SET,
    message_input,
    messages_of,
    report_display_controller,
    set_message,
)
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation


async def _refused(node: RunningNode, station_id: str, message: dict[str, Any]) -> dict[str, Any]:
    """The one GraphQL error of a setDisplayMessage the CSMS refuses."""
    body = await node.graphql.execute(SET, {"station": station_id, "message": message})
    assert body["data"] is None, body
    (error,) = body["errors"]
    return dict(error)


async def _nothing_was_sent(node: RunningNode, station: ScriptedStation) -> None:
    """The next CALL the station gets is the next message set, so none came before it."""
    call, _ = await set_message(
        node, station, message_input("probe", id=500), {"status": "Accepted"}
    )
    assert call[3]["message"]["message"]["content"] == "probe"


async def test_o01_refused_before_sending_from_the_reported_device_model(
    db_node: RunningNode,
) -> None:
    """O01.FR.01/03 and O01.FR.11 seen from the CSMS: a station that reported
    DisplayMessageCtrlr SupportedFormats ASCII,UTF8, SupportedPriorities NormalCycle,InFront
    and DisplayMessages maxLimit 3 is not sent an HTML message, an AlwaysFront one, nor a
    fourth message while it holds three; each refusal names the field with code
    UNSUPPORTED_BY_STATION. Replacing a held id is no extra message."""
    station = await db_node.booted_station("CS-DM-CAPS")
    await report_display_controller(
        station, formats="ASCII, UTF8", priorities="NormalCycle,InFront", max_messages=3
    )
    html = await _refused(db_node, "CS-DM-CAPS", message_input("<b>x</b>", format="HTML"))
    assert html["extensions"] == {"code": "UNSUPPORTED_BY_STATION", "field": "message.format"}
    assert "HTML is not supported by the station" in html["message"]
    assert "SupportedFormats: ASCII, UTF8" in html["message"]
    front = await _refused(db_node, "CS-DM-CAPS", message_input("x", priority="AlwaysFront"))
    assert front["extensions"]["field"] == "message.priority"
    await _nothing_was_sent(db_node, station)
    for content in ("two", "three"):
        await set_message(db_node, station, message_input(content), {"status": "Accepted"})
    full = await _refused(db_node, "CS-DM-CAPS", message_input("four"))
    assert full["extensions"] == {"code": "UNSUPPORTED_BY_STATION", "field": "message"}
    assert "holds 3 other messages and takes at most 3" in full["message"]
    _, replaced = await set_message(
        db_node, station, message_input("two again", id=501), {"status": "Accepted"}
    )
    assert replaced["message"]["content"] == "two again"
    assert set(await messages_of(db_node, "CS-DM-CAPS")) == {500, 501, 502}
    await station.close()


async def test_states_are_checked_when_the_station_reports_them(db_node: RunningNode) -> None:
    """A station reporting SupportedStates (an OCPP 2.1 DisplayMessageCtrlr variable) is not
    sent a message for a state it does not list (O01.FR.02 seen from the CSMS); a station
    that reports nothing is sent anything, state Unavailable included (which the `ocpp`
    package's enum lacks)."""
    station = await db_node.booted_station("CS-DM-STATES")
    await report_display_controller(station, states="Idle,Charging")
    faulted = await _refused(db_node, "CS-DM-STATES", message_input("x", state="Faulted"))
    assert faulted["extensions"]["field"] == "message.state"
    _, result = await set_message(
        db_node, station, message_input("x", state="Charging"), {"status": "Accepted"}
    )
    assert result["status"] == "Accepted"
    other = await db_node.booted_station("CS-DM-NONE")
    _, result = await set_message(
        db_node,
        other,
        message_input("<i>x</i>", format="HTML", priority="AlwaysFront", state="Faulted"),
        {"status": "NotSupportedMessageFormat"},
    )
    assert result["status"] == "NotSupportedMessageFormat"
    call, result = await set_message(
        db_node, other, message_input("Out of order", state="Unavailable"), {"status": "Accepted"}
    )
    assert call[3]["message"]["state"] == "Unavailable"
    assert result["message"]["state"] == "Unavailable"
    await station.close()
    await other.close()


async def test_fields_no_station_could_take_are_refused(node: RunningNode) -> None:
    """O01.FR.17: the language is an RFC 5646 tag; O01.FR.04: a message bound to no
    transaction omits transactionId (an empty one is refused); ASCII content is ASCII; the
    end comes after the start and is not past; a display connector needs its EVSE."""
    station = await node.booted_station("CS-DM-BAD")
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    cases = [
        (message_input(language="english!"), "message.language"),
        (message_input(language="en_US"), "message.language"),
        (message_input(language="en-US-x-long"), "message.language"),
        (message_input(transactionId=""), "message.transactionId"),
        (message_input("Grüß", format="ASCII"), "message.content"),
        (message_input(endDateTime=past), "message.endDateTime"),
        (message_input(startDateTime=soon, endDateTime=soon), "message.endDateTime"),
        (message_input(display={"name": "D", "connectorId": 1}), "message.display.connectorId"),
        (message_input(display={"name": "D", "evseId": 0}), "message.display.evseId"),
        (message_input(id=-1), "message.id"),
        (message_input("x" * 513), "message.content"),
    ]
    for message, field in cases:
        error = await _refused(node, "CS-DM-BAD", message)
        assert error["extensions"] == {"code": "INVALID_ARGUMENT", "field": field}, (message, error)
    for language in ("en", "en-US", "zh-Hant", "es-419", "nl-NL"):
        _, result = await set_message(
            node, station, message_input(language=language), {"status": "Accepted"}
        )
        assert result["message"]["language"] == language
    await station.close()
