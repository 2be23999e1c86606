"""Provisioning basics over a real websocket and real GraphQL, on SQLite and PostgreSQL.

B01 (cold boot accepted), G02 (heartbeat), G01 (status notification), presence.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import aiohttp

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

STATION_QUERY = """
query($id: ID!) {
  station(id: $id) {
    id online registrationStatus vendorName model serialNumber firmwareVersion
    modemIccid modemImsi lastSeenAt lastBootAt lastBootReason
    evses { id connectors { id status } }
  }
}
"""


async def test_boot_notification_is_stored_before_it_is_accepted_b01(
    make_node: NodeFactory, database_url: str
) -> None:
    """TC_B_01_CSMS: the answer is Accepted with the configured interval, and what the station
    said is already readable when the answer arrives."""
    node = await make_node(database_url, heartbeat_interval=120)
    station = await node.station("CS-B01")
    answer = await station.call(
        "BootNotification",
        {
            "reason": "PowerUp",
            "chargingStation": {
                "vendorName": "Alfen",
                "model": "Eve",
                "serialNumber": "SN-1",
                "firmwareVersion": "6.1.0",
                "modem": {"iccid": "8931", "imsi": "2040"},
            },
        },
    )
    assert answer[0] == 3
    assert answer[2]["status"] == "Accepted"
    assert answer[2]["interval"] == 120
    data = await node.graphql.data(STATION_QUERY, {"id": "CS-B01"})
    station_row = data["station"]
    assert station_row["registrationStatus"] == "Accepted"
    assert station_row["vendorName"] == "Alfen"
    assert station_row["model"] == "Eve"
    assert station_row["serialNumber"] == "SN-1"
    assert station_row["firmwareVersion"] == "6.1.0"
    assert (station_row["modemIccid"], station_row["modemImsi"]) == ("8931", "2040")
    assert station_row["lastBootReason"] == "PowerUp"
    assert station_row["online"] is True
    await station.close()


async def test_reboot_updates_the_description(db_node: RunningNode) -> None:
    station = await db_node.station("CS-REBOOT")
    await station.boot(model="Old")
    await station.call(
        "BootNotification",
        {"reason": "FirmwareUpdate", "chargingStation": {"vendorName": "V", "model": "New"}},
    )
    data = await db_node.graphql.data(STATION_QUERY, {"id": "CS-REBOOT"})
    assert data["station"]["model"] == "New"
    assert data["station"]["lastBootReason"] == "FirmwareUpdate"
    await station.close()


async def test_pending_default_registration_status(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, default_registration_status="Pending")
    station = await node.booted_station("CS-PENDING", "Pending")
    data = await node.graphql.data(STATION_QUERY, {"id": "CS-PENDING"})
    assert data["station"]["registrationStatus"] == "Pending"
    await station.close()


async def test_heartbeat_answers_current_time_and_updates_last_seen_g02(
    db_node: RunningNode,
) -> None:
    station = await db_node.booted_station("CS-HB")
    before = await db_node.graphql.data(STATION_QUERY, {"id": "CS-HB"})
    answer = await station.call("Heartbeat", {})
    assert answer[0] == 3
    current_time = datetime.fromisoformat(answer[2]["currentTime"].replace("Z", "+00:00"))
    await db_node.flush_presence()
    after = await db_node.graphql.data(STATION_QUERY, {"id": "CS-HB"})
    last_seen = datetime.fromisoformat(after["station"]["lastSeenAt"])
    assert last_seen == current_time.replace(microsecond=last_seen.microsecond)
    assert after["station"]["lastSeenAt"] >= before["station"]["lastSeenAt"]
    await station.close()


async def test_status_notifications_build_evses_and_connectors_g01(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-G01")
    for evse, connector, status in [(1, 1, "Available"), (2, 1, "Occupied"), (1, 2, "Faulted")]:
        answer = await station.status(evse, connector, status)
        assert answer == [3, answer[1], {}]
    await station.status(2, 1, "Unavailable", timestamp="2026-11-24T10:05:00Z")
    data = await db_node.graphql.data(STATION_QUERY, {"id": "CS-G01"})
    assert data["station"]["evses"] == [
        {"id": 1, "connectors": [{"id": 1, "status": "Available"}, {"id": 2, "status": "Faulted"}]},
        {"id": 2, "connectors": [{"id": 1, "status": "Unavailable"}]},
    ]
    await station.close()


async def test_online_follows_the_connection(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-PRESENCE")
    online = await db_node.graphql.data("{ stations(online: true) { id } }")
    assert online["stations"] == [{"id": "CS-PRESENCE"}]
    await station.close()
    await _wait_offline(db_node, "CS-PRESENCE")
    offline = await db_node.graphql.data("{ stations(online: false) { id online } }")
    assert offline["stations"] == [{"id": "CS-PRESENCE", "online": False}]


async def _wait_offline(node: RunningNode, station_id: str) -> None:
    for _ in range(500):
        data = await node.graphql.data(
            "query($id: ID!) { station(id: $id) { online } }", {"id": station_id}
        )
        if data["station"]["online"] is False:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{station_id} still online")


async def test_stations_are_paged_by_id(db_node: RunningNode) -> None:
    for station_id in ["S-3", "S-1", "S-2"]:
        await db_node.graphql.data(
            "mutation($id: ID!) { upsertStation(input: {id: $id}) { id } }", {"id": station_id}
        )
    first = await db_node.graphql.data("{ stations(first: 2) { id } }")
    assert [s["id"] for s in first["stations"]] == ["S-1", "S-2"]
    rest = await db_node.graphql.data('{ stations(first: 2, after: "S-2") { id } }')
    assert [s["id"] for s in rest["stations"]] == ["S-3"]


async def test_delete_station_removes_it_and_its_statuses(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, accept_unknown_stations=False)
    await node.graphql.data(
        'mutation { upsertStation(input: {id: "CS-GONE", password: "gone-password-012345"}) '
        "{ id } }"
    )
    station = await node.station(
        "CS-GONE",
        headers={"Authorization": aiohttp.encode_basic_auth("CS-GONE", "gone-password-012345")},
    )
    assert (await station.boot())[2]["status"] == "Accepted"
    await station.status(1, 1, "Available")
    await station.close()
    deleted = await node.graphql.data('mutation { deleteStation(id: "CS-GONE") }')
    assert deleted == {"deleteStation": True}
    again = await node.graphql.data('mutation { deleteStation(id: "CS-GONE") }')
    assert again == {"deleteStation": False}
    assert (await node.graphql.data('{ station(id: "CS-GONE") { id } }'))["station"] is None
    from infra.db.models import ConnectorStatus

    assert await ConnectorStatus.filter(station_id="CS-GONE").count() == 0
    try:
        await node.station("CS-GONE")
    except aiohttp.WSServerHandshakeError as refused:
        assert refused.status == 404
    else:
        raise AssertionError("a deleted station must be refused")
