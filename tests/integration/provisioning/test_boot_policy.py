"""Boot policy per station and boot history over a real websocket and real GraphQL, on SQLite
and PostgreSQL (TC_B_01_CSMS, TC_B_02_CSMS, TC_B_03_CSMS)."""

from __future__ import annotations

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

SET_POLICY = """
mutation($id: ID!, $status: RegistrationStatus, $interval: Int) {
  setBootPolicy(stationId: $id, status: $status, intervalSeconds: $interval) {
    stationId status intervalSeconds
  }
}
"""
HISTORY = """
query($id: ID!, $first: Int!) {
  bootHistory(stationId: $id, first: $first) {
    stationId reason vendorName model firmwareVersion status interval bootedAt
  }
}
"""


async def _register(node: RunningNode, station_id: str) -> None:
    await node.graphql.data(
        "mutation($id: ID!) { upsertStation(input: {id: $id}) { id } }", {"id": station_id}
    )


async def test_station_policy_pending_then_accepted_tc_b_02_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    """TC_B_02_CSMS: Pending with the retry interval, then Accepted once the operator says so."""
    node = await make_node(database_url, heartbeat_interval=120)
    await _register(node, "CS-B02")
    policy = await node.graphql.data(
        SET_POLICY, {"id": "CS-B02", "status": "Pending", "interval": 15}
    )
    assert policy["setBootPolicy"] == {
        "stationId": "CS-B02",
        "status": "Pending",
        "intervalSeconds": 15,
    }
    station = await node.station("CS-B02")
    first = await station.boot()
    assert (first[2]["status"], first[2]["interval"]) == ("Pending", 15)
    assert (await station.call("Heartbeat", {}))[2] == "SecurityError"
    await node.graphql.data(SET_POLICY, {"id": "CS-B02", "status": "Accepted"})
    second = await station.boot()
    assert (second[2]["status"], second[2]["interval"]) == ("Accepted", 120)
    assert (await station.call("Heartbeat", {}))[0] == 3
    read = await node.graphql.data(
        "query($id: ID!) { bootPolicy(stationId: $id) { status intervalSeconds } }",
        {"id": "CS-B02"},
    )
    assert read["bootPolicy"] == {"status": "Accepted", "intervalSeconds": None}
    await station.close()


async def test_station_policy_rejected_overrides_the_default_tc_b_03_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    """TC_B_03_CSMS: Rejected, with the fleet retry interval; other stations stay Accepted."""
    node = await make_node(database_url, heartbeat_interval=90)
    await _register(node, "CS-B03")
    await node.graphql.data(SET_POLICY, {"id": "CS-B03", "status": "Rejected"})
    rejected = await node.station("CS-B03")
    answer = await rejected.boot()
    assert (answer[2]["status"], answer[2]["interval"]) == ("Rejected", 90)
    assert (await rejected.call("Heartbeat", {}))[2] == "SecurityError"
    other = await node.station("CS-B01-OTHER")
    assert (await other.boot())[2]["status"] == "Accepted"
    await rejected.close()
    await other.close()


async def test_station_policy_accepted_overrides_a_pending_default_tc_b_01_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, default_registration_status="Pending")
    await _register(node, "CS-B01")
    await node.graphql.data(SET_POLICY, {"id": "CS-B01", "status": "Accepted"})
    station = await node.station("CS-B01")
    assert (await station.boot())[2]["status"] == "Accepted"
    await station.close()


async def test_set_boot_policy_refuses_unknown_stations_and_bad_intervals(
    node: RunningNode,
) -> None:
    unknown = await node.graphql.execute(SET_POLICY, {"id": "CS-NOPE", "status": "Pending"})
    assert "unknown station" in unknown["errors"][0]["message"]
    await _register(node, "CS-BAD")
    bad = await node.graphql.execute(SET_POLICY, {"id": "CS-BAD", "interval": -1})
    assert "intervalSeconds" in bad["errors"][0]["message"]
    anonymous = await node.graphql.execute(SET_POLICY, {"id": "CS-BAD"}, token=None)
    assert anonymous["errors"]


async def test_boot_history_records_every_boot_newest_first(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, heartbeat_interval=60)
    await _register(node, "CS-HIST")
    station = await node.station("CS-HIST")
    await node.graphql.data(SET_POLICY, {"id": "CS-HIST", "status": "Pending", "interval": 5})
    await station.call(
        "BootNotification",
        {
            "reason": "PowerUp",
            "chargingStation": {"vendorName": "V", "model": "M1", "firmwareVersion": "1.0"},
        },
    )
    await node.graphql.data(SET_POLICY, {"id": "CS-HIST", "status": None})
    await station.call(
        "BootNotification",
        {"reason": "FirmwareUpdate", "chargingStation": {"vendorName": "V", "model": "M2"}},
    )
    data = await node.graphql.data(HISTORY, {"id": "CS-HIST", "first": 10})
    rows = data["bootHistory"]
    assert [(r["reason"], r["model"], r["status"], r["interval"]) for r in rows] == [
        ("FirmwareUpdate", "M2", "Accepted", 60),
        ("PowerUp", "M1", "Pending", 5),
    ]
    assert rows[1]["firmwareVersion"] == "1.0" and rows[0]["firmwareVersion"] is None
    assert rows[0]["bootedAt"] >= rows[1]["bootedAt"]
    one = await node.graphql.data(HISTORY, {"id": "CS-HIST", "first": 1})
    assert [r["reason"] for r in one["bootHistory"]] == ["FirmwareUpdate"]
    bad = await node.graphql.execute(HISTORY, {"id": "CS-HIST", "first": 0})
    assert "first" in bad["errors"][0]["message"]
    await station.close()
