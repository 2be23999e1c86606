"""Reset (B11, B12) and SetNetworkProfile (B09) as typed mutations over a real websocket and
real GraphQL, on SQLite and PostgreSQL (TC_B_20/21/25_CSMS, TC_B_42/44_CSMS)."""

from __future__ import annotations

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

RESET = """
mutation($id: ID!, $type: ResetType!, $evse: Int) {
  reset(stationId: $id, type: $type, evseId: $evse, timeoutSeconds: 5) {
    outcome status reasonCode errorCode
  }
}
"""
SET_PROFILE = """
mutation($id: ID!, $slot: Int!, $data: NetworkConnectionProfileInput!) {
  setNetworkProfile(stationId: $id, configurationSlot: $slot, connectionData: $data) {
    outcome status reasonCode
    profile { configurationSlot connectionData status }
  }
}
"""
PROFILES = """
query($id: ID!) { networkProfiles(stationId: $id) { configurationSlot connectionData status } }
"""
PROFILE = {
    "ocppVersion": "OCPP20",
    "ocppTransport": "JSON",
    "ocppCsmsUrl": "wss://csms.example.com/ocpp",
    "messageTimeout": 30,
    "securityProfile": 2,
    "ocppInterface": "Wired0",
}


async def test_reset_on_idle_accepted_tc_b_20_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.booted_station("CS-RESET")
    call, data = await node.run_answered(
        station, RESET, {"id": "CS-RESET", "type": "OnIdle"}, "Reset", {"status": "Accepted"}
    )
    assert call[3] == {"type": "OnIdle"}
    assert data["reset"] == {
        "outcome": "RESULT",
        "status": "Accepted",
        "reasonCode": None,
        "errorCode": None,
    }
    await station.close()


async def test_reset_on_idle_scheduled_tc_b_21_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.booted_station("CS-RESET-S")
    _, data = await node.run_answered(
        station,
        RESET,
        {"id": "CS-RESET-S", "type": "OnIdle"},
        "Reset",
        {"status": "Scheduled", "statusInfo": {"reasonCode": "TxInProgress"}},
    )
    assert (data["reset"]["status"], data["reset"]["reasonCode"]) == ("Scheduled", "TxInProgress")
    await station.close()


async def test_reset_evse_immediate_rejected_tc_b_25_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.booted_station("CS-RESET-E")
    call, data = await node.run_answered(
        station,
        RESET,
        {"id": "CS-RESET-E", "type": "Immediate", "evse": 1},
        "Reset",
        {"status": "Rejected"},
    )
    assert call[3] == {"type": "Immediate", "evseId": 1}
    assert data["reset"]["status"] == "Rejected"
    await station.close()


async def test_reset_of_an_offline_station(node: RunningNode) -> None:
    data = await node.graphql.data(RESET, {"id": "CS-AWAY", "type": "Immediate"})
    assert data["reset"] == {
        "outcome": "OFFLINE",
        "status": None,
        "reasonCode": None,
        "errorCode": None,
    }


async def test_set_network_profile_accepted_is_stored_tc_b_42_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.booted_station("CS-NET")
    call, data = await node.run_answered(
        station,
        SET_PROFILE,
        {"id": "CS-NET", "slot": 2, "data": PROFILE},
        "SetNetworkProfile",
        {"status": "Accepted"},
    )
    assert call[3] == {"configurationSlot": 2, "connectionData": PROFILE}
    stored = {"configurationSlot": 2, "connectionData": PROFILE, "status": "Accepted"}
    assert data["setNetworkProfile"] == {
        "outcome": "RESULT",
        "status": "Accepted",
        "reasonCode": None,
        "profile": stored,
    }
    changed = {
        **PROFILE,
        "ocppCsmsUrl": "wss://other.example.com/ocpp",
        "apn": {"apn": "internet", "apnAuthentication": "AUTO"},
    }
    await node.run_answered(
        station,
        SET_PROFILE,
        {"id": "CS-NET", "slot": 2, "data": changed},
        "SetNetworkProfile",
        {"status": "Accepted"},
    )
    profiles = await node.graphql.data(PROFILES, {"id": "CS-NET"})
    assert profiles["networkProfiles"] == [
        {"configurationSlot": 2, "connectionData": changed, "status": "Accepted"}
    ]
    await station.close()


async def test_set_network_profile_failed_is_not_stored_tc_b_44_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.booted_station("CS-NET-F")
    _, data = await node.run_answered(
        station,
        SET_PROFILE,
        {"id": "CS-NET-F", "slot": 1, "data": PROFILE},
        "SetNetworkProfile",
        {"status": "Failed"},
    )
    assert data["setNetworkProfile"]["status"] == "Failed"
    assert data["setNetworkProfile"]["profile"] is None
    assert (await node.graphql.data(PROFILES, {"id": "CS-NET-F"}))["networkProfiles"] == []
    await station.close()


async def test_set_network_profile_refuses_an_invalid_profile(node: RunningNode) -> None:
    bad = {**PROFILE, "securityProfile": 2, "messageTimeout": 30, "ocppCsmsUrl": "x" * 600}
    body = await node.graphql.execute(SET_PROFILE, {"id": "CS-ANY", "slot": 1, "data": bad})
    assert body["errors"], body
