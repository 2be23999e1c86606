"""ChangeAvailability (G03/G04) over a real websocket and real GraphQL, on SQLite and
PostgreSQL: the request per scope, the station's answer (Accepted, Scheduled, Rejected), an
offline station, AVAILABILITY_CHANGED, and the StatusNotification that follows.

TC_G_03_CSMS .. TC_G_08_CSMS (EVSE, station, connector), TC_G_11/14/17_CSMS (Scheduled).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import NodeFactory
from tests.support.graphql import next_station_event
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

CHANGE = """
mutation($station: ID!, $status: OperationalStatus!, $evse: Int, $connector: Int,
         $timeout: Float) {
  changeAvailability(stationId: $station, operationalStatus: $status, evseId: $evse,
                     connectorId: $connector, timeoutSeconds: $timeout) {
    outcome scope status statusInfo { reasonCode additionalInfo } errorCode errorDescription
  }
}
"""

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"

STATUSES = "query($id: ID!) { station(id: $id) { evses { id connectors { id status } } } }"


async def _change(
    node: RunningNode,
    station: ScriptedStation,
    answer: dict[str, Any],
    **arguments: Any,
) -> tuple[list[Any], dict[str, Any]]:
    """Run changeAvailability; the station answers `answer`. Returns the CALL and the result."""
    variables = {"station": station.station_id, **arguments}
    call, data = await node.run_answered(station, CHANGE, variables, "ChangeAvailability", answer)
    return call, data["changeAvailability"]


async def _status(station: ScriptedStation, evse: int, connector: int, status: str) -> None:
    answer = await station.status(evse, connector, status)
    assert answer[0] == 3, answer


CONNECTORS = ((1, 1), (1, 2), (2, 1))
"""The connectors (EVSE id, connector id) of a station `_booted` sets up."""

ALL_AVAILABLE = dict.fromkeys(CONNECTORS, "Available")
"""Every connector's stored status right after `_booted`."""


async def _booted(node: RunningNode, station_id: str) -> ScriptedStation:
    """A booted station with EVSE 1 (connectors 1, 2) and EVSE 2 (connector 1) Available."""
    station = await node.booted_station(station_id)
    for evse, connector in CONNECTORS:
        await _status(station, evse, connector, "Available")
    return station


async def _statuses(node: RunningNode, station_id: str) -> dict[tuple[int, int], str]:
    data = await node.graphql.data(STATUSES, {"id": station_id})
    return {
        (evse["id"], connector["id"]): connector["status"]
        for evse in data["station"]["evses"]
        for connector in evse["connectors"]
    }


async def test_evse_operative_to_inoperative_tc_g_03(db_node: RunningNode) -> None:
    station = await _booted(db_node, "CS-G03")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-G03"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await _change(
            db_node, station, {"status": "Accepted"}, status="Inoperative", evse=1
        )
        assert call[3] == {"operationalStatus": "Inoperative", "evse": {"id": 1}}
        assert result == {
            "outcome": "RESULT",
            "scope": "EVSE",
            "status": "Accepted",
            "statusInfo": None,
            "errorCode": None,
            "errorDescription": None,
        }
        changed = await next_station_event(events, "AVAILABILITY_CHANGED")
        assert changed["payload"] == {
            "operationalStatus": "Inoperative",
            "scope": "EVSE",
            "evseId": 1,
            "connectorId": None,
            "status": "Accepted",
            "reasonCode": None,
            "additionalInfo": None,
        }
        await _status(station, 1, 1, "Unavailable")
        await _status(station, 1, 2, "Unavailable")
        first = await next_station_event(events, "STATUS_CHANGED")
        second = await next_station_event(events, "STATUS_CHANGED")
    assert [(e["payload"]["evseId"], e["payload"]["connectorId"]) for e in (first, second)] == [
        (1, 1),
        (1, 2),
    ]
    assert first["payload"]["status"] == "Unavailable"
    assert first["payload"]["previousStatus"] == "Available"
    assert await _statuses(db_node, "CS-G03") == {
        **ALL_AVAILABLE,
        (1, 1): "Unavailable",
        (1, 2): "Unavailable",
    }
    await station.close()


async def test_station_operative_to_inoperative_tc_g_05(db_node: RunningNode) -> None:
    station = await _booted(db_node, "CS-G05")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-G05"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await _change(db_node, station, {"status": "Accepted"}, status="Inoperative")
        assert call[3] == {"operationalStatus": "Inoperative"}
        assert (result["outcome"], result["scope"], result["status"]) == (
            "RESULT",
            "STATION",
            "Accepted",
        )
        changed = await next_station_event(events, "AVAILABILITY_CHANGED")
        assert changed["payload"]["scope"] == "STATION"
        assert (changed["payload"]["evseId"], changed["payload"]["connectorId"]) == (None, None)
        for evse, connector in CONNECTORS:
            await _status(station, evse, connector, "Unavailable")
        for _ in range(3):
            event = await next_station_event(events, "STATUS_CHANGED")
            assert event["payload"]["status"] == "Unavailable"
    assert set((await _statuses(db_node, "CS-G05")).values()) == {"Unavailable"}
    await station.close()


async def test_connector_operative_to_inoperative_tc_g_07(db_node: RunningNode) -> None:
    station = await _booted(db_node, "CS-G07")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-G07"}) as events:
        await db_node.wait_subscribers(1)
        call, result = await _change(
            db_node, station, {"status": "Accepted"}, status="Inoperative", evse=1, connector=2
        )
        assert call[3] == {"operationalStatus": "Inoperative", "evse": {"id": 1, "connectorId": 2}}
        assert (result["scope"], result["status"]) == ("CONNECTOR", "Accepted")
        changed = await next_station_event(events, "AVAILABILITY_CHANGED")
        assert changed["payload"]["scope"] == "CONNECTOR"
        assert (changed["payload"]["evseId"], changed["payload"]["connectorId"]) == (1, 2)
        await _status(station, 1, 2, "Unavailable")
        status_changed = await next_station_event(events, "STATUS_CHANGED")
    assert status_changed["payload"]["evseId"] == 1
    assert status_changed["payload"]["connectorId"] == 2
    assert status_changed["payload"]["status"] == "Unavailable"
    assert await _statuses(db_node, "CS-G07") == {**ALL_AVAILABLE, (1, 2): "Unavailable"}
    await station.close()


@pytest.mark.parametrize(
    ("station_id", "target", "sent", "scope", "unavailable"),
    [
        ("CS-G04", {"evse": 2}, {"evse": {"id": 2}}, "EVSE", (2, 1)),
        ("CS-G06", {}, {}, "STATION", None),
        (
            "CS-G08",
            {"evse": 1, "connector": 1},
            {"evse": {"id": 1, "connectorId": 1}},
            "CONNECTOR",
            (1, 1),
        ),
    ],
    ids=["evse_tc_g_04", "station_tc_g_06", "connector_tc_g_08"],
)
async def test_inoperative_to_operative(
    db_node: RunningNode,
    station_id: str,
    target: dict[str, int],
    sent: dict[str, Any],
    scope: str,
    unavailable: tuple[int, int] | None,
) -> None:
    """TC_G_04/06/08: back to Operative per scope; an Unavailable connector reports Available."""
    station = await _booted(db_node, station_id)
    if unavailable is not None:
        await _status(station, *unavailable, "Unavailable")
    call, result = await _change(
        db_node, station, {"status": "Accepted"}, status="Operative", **target
    )
    assert call[3] == {"operationalStatus": "Operative", **sent}
    assert (result["outcome"], result["scope"], result["status"]) == ("RESULT", scope, "Accepted")
    if unavailable is not None:
        await _status(station, *unavailable, "Available")
        assert (await _statuses(db_node, station_id))[unavailable] == "Available"
    await station.close()


async def test_scheduled_takes_effect_when_the_station_reports_it_tc_g_11(
    db_node: RunningNode,
) -> None:
    """Scheduled: the station changes the EVSE's status only once its transaction ended;
    until then the stored status stays what it was."""
    station = await _booted(db_node, "CS-G11")
    await _status(station, 1, 1, "Occupied")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-G11"}) as events:
        await db_node.wait_subscribers(1)
        _, result = await _change(
            db_node, station, {"status": "Scheduled"}, status="Inoperative", evse=1
        )
        assert (result["outcome"], result["status"]) == ("RESULT", "Scheduled")
        changed = await next_station_event(events, "AVAILABILITY_CHANGED")
        assert changed["payload"]["status"] == "Scheduled"
        assert (await _statuses(db_node, "CS-G11"))[(1, 1)] == "Occupied"
        await _status(station, 1, 1, "Unavailable")
        later = await next_station_event(events, "STATUS_CHANGED")
    assert later["payload"]["previousStatus"] == "Occupied"
    assert later["payload"]["status"] == "Unavailable"
    assert (await _statuses(db_node, "CS-G11"))[(1, 1)] == "Unavailable"
    await station.close()


async def test_scheduled_for_the_whole_station_tc_g_14(db_node: RunningNode) -> None:
    station = await _booted(db_node, "CS-G14")
    _, result = await _change(db_node, station, {"status": "Scheduled"}, status="Inoperative")
    assert (result["scope"], result["status"]) == ("STATION", "Scheduled")
    await station.close()


async def test_scheduled_for_a_connector_tc_g_17(db_node: RunningNode) -> None:
    station = await _booted(db_node, "CS-G17")
    _, result = await _change(
        db_node, station, {"status": "Scheduled"}, status="Inoperative", evse=2, connector=1
    )
    assert (result["scope"], result["status"]) == ("CONNECTOR", "Scheduled")
    await station.close()


async def test_rejected_with_status_info(db_node: RunningNode) -> None:
    station = await _booted(db_node, "CS-REJ")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-REJ"}) as events:
        await db_node.wait_subscribers(1)
        _, result = await _change(
            db_node,
            station,
            {
                "status": "Rejected",
                "statusInfo": {"reasonCode": "UnknownEvse", "additionalInfo": "no EVSE 9"},
            },
            status="Inoperative",
            evse=9,
        )
        changed = await next_station_event(events, "AVAILABILITY_CHANGED")
    assert result["status"] == "Rejected"
    assert result["statusInfo"] == {"reasonCode": "UnknownEvse", "additionalInfo": "no EVSE 9"}
    assert changed["payload"]["status"] == "Rejected"
    assert changed["payload"]["reasonCode"] == "UnknownEvse"
    assert await _statuses(db_node, "CS-REJ") == ALL_AVAILABLE
    await station.close()


async def test_offline_station(db_node: RunningNode) -> None:
    await db_node.graphql.data('mutation { upsertStation(input: {id: "CS-AWAY"}) { id } }')
    data = await db_node.graphql.data(CHANGE, {"station": "CS-AWAY", "status": "Inoperative"})
    result = data["changeAvailability"]
    assert (result["outcome"], result["status"], result["statusInfo"]) == (
        "OFFLINE",
        None,
        None,
    )


async def test_timeout_and_call_error(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url)
    station = await _booted(node, "CS-SILENT")
    variables = {"station": "CS-SILENT", "status": "Inoperative"}
    await node.run_timed_out(station, CHANGE, variables, "ChangeAvailability")
    variables = {"station": "CS-SILENT", "status": "Operative"}
    refused = await node.run_refused(station, CHANGE, variables, "ChangeAvailability")
    assert refused["status"] is None
    await station.close()


async def test_invalid_arguments_are_refused(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url)
    for arguments in (
        {"connector": 1},
        {"evse": 0},
        {"evse": 1, "connector": 0},
        {"timeout": 0},
    ):
        body = await node.graphql.execute(
            CHANGE, {"station": "CS-X", "status": "Inoperative", **arguments}
        )
        assert body.get("errors"), arguments
