"""Reset (B11, B12) and SetNetworkProfile (B09) as typed mutations over a real websocket and
real GraphQL, on SQLite and PostgreSQL (TC_B_20/21/25_CSMS, TC_B_42/44_CSMS)."""

from __future__ import annotations

import asyncio
from typing import Any

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


async def _operator(
    node: RunningNode,
    query: str,
    variables: dict[str, Any],
    station: Any,
    action: str,
    answer: dict[str, Any],
) -> tuple[list[Any], dict[str, Any]]:
    pending = asyncio.create_task(node.graphql.data(query, variables))
    call = await station.expect_call(action)
    await station.reply(call[1], answer)
    return call, await pending


async def test_reset_on_idle_accepted_tc_b_20_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.station("CS-RESET")
    await station.boot()
    call, data = await _operator(
        node, RESET, {"id": "CS-RESET", "type": "OnIdle"}, station, "Reset", {"status": "Accepted"}
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
    station = await node.station("CS-RESET-S")
    await station.boot()
    _, data = await _operator(
        node,
        RESET,
        {"id": "CS-RESET-S", "type": "OnIdle"},
        station,
        "Reset",
        {"status": "Scheduled", "statusInfo": {"reasonCode": "TxInProgress"}},
    )
    assert (data["reset"]["status"], data["reset"]["reasonCode"]) == ("Scheduled", "TxInProgress")
    await station.close()


async def test_reset_evse_immediate_rejected_tc_b_25_csms(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url)
    station = await node.station("CS-RESET-E")
    await station.boot()
    call, data = await _operator(
        node,
        RESET,
        {"id": "CS-RESET-E", "type": "Immediate", "evse": 1},
        station,
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
    station = await node.station("CS-NET")
    await station.boot()
    call, data = await _operator(
        node,
        SET_PROFILE,
        {"id": "CS-NET", "slot": 2, "data": PROFILE},
        station,
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
    await _operator(
        node,
        SET_PROFILE,
        {"id": "CS-NET", "slot": 2, "data": changed},
        station,
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
    station = await node.station("CS-NET-F")
    await station.boot()
    _, data = await _operator(
        node,
        SET_PROFILE,
        {"id": "CS-NET-F", "slot": 1, "data": PROFILE},
        station,
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
