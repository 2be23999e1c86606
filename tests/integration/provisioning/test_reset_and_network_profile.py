"""Reset (B11, B12) and SetNetworkProfile (B09) as typed mutations over a real websocket and
real GraphQL, on SQLite and PostgreSQL (TC_B_20/21/25_CSMS, TC_B_42/44_CSMS)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode
from tests.support.provisioning import APN
from tests.support.provisioning import NETWORK_PROFILE as PROFILE
from tests.support.station import Frame, ScriptedStation

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


def _reset_result(status: str, reason_code: str | None = None) -> dict[str, Any]:
    """The reset mutation's answer for a station's `status` (and reason)."""
    return {"outcome": "RESULT", "status": status, "reasonCode": reason_code, "errorCode": None}


@pytest.mark.parametrize(
    ("arguments", "answer", "sent", "expected"),
    [
        pytest.param(
            {"type": "OnIdle"},
            {"status": "Accepted"},
            {"type": "OnIdle"},
            _reset_result("Accepted"),
            id="on_idle_accepted_tc_b_20_csms",
        ),
        pytest.param(
            {"type": "OnIdle"},
            {"status": "Scheduled", "statusInfo": {"reasonCode": "TxInProgress"}},
            {"type": "OnIdle"},
            _reset_result("Scheduled", "TxInProgress"),
            id="on_idle_scheduled_tc_b_21_csms",
        ),
        pytest.param(
            {"type": "Immediate", "evse": 1},
            {"status": "Rejected"},
            {"type": "Immediate", "evseId": 1},
            _reset_result("Rejected"),
            id="evse_immediate_rejected_tc_b_25_csms",
        ),
    ],
)
async def test_reset_sends_the_request_and_returns_the_answer(
    make_node: NodeFactory,
    database_url: str,
    arguments: dict[str, Any],
    answer: dict[str, Any],
    sent: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    node = await make_node(database_url)
    station = await node.booted_station("CS-RESET")
    variables = {"id": "CS-RESET", **arguments}
    call, data = await node.run_answered(station, RESET, variables, "Reset", answer)
    assert call[3] == sent
    assert data["reset"] == expected
    await station.close()


async def test_reset_of_an_offline_station(node: RunningNode) -> None:
    data = await node.graphql.data(RESET, {"id": "CS-AWAY", "type": "Immediate"})
    assert data["reset"] == {
        "outcome": "OFFLINE",
        "status": None,
        "reasonCode": None,
        "errorCode": None,
    }


async def _set_profile(
    node: RunningNode, station: ScriptedStation, data: dict[str, Any], status: str
) -> tuple[Frame, dict[str, Any]]:
    """Set `data` in slot 2; the station answers `status`. Returns the CALL and the result."""
    variables = {"id": station.station_id, "slot": 2, "data": data}
    answer = {"status": status}
    call, result = await node.run_answered(
        station, SET_PROFILE, variables, "SetNetworkProfile", answer
    )
    return call, result["setNetworkProfile"]


async def _profiles(node: RunningNode, station_id: str) -> list[dict[str, Any]]:
    """The station's stored network profiles."""
    data = await node.graphql.data(PROFILES, {"id": station_id})
    profiles: list[dict[str, Any]] = data["networkProfiles"]
    return profiles


async def test_set_network_profile_accepted_is_stored_tc_b_42_csms(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-NET")
    call, result = await _set_profile(db_node, station, PROFILE, "Accepted")
    assert call[3] == {"configurationSlot": 2, "connectionData": PROFILE}
    stored = {"configurationSlot": 2, "connectionData": PROFILE, "status": "Accepted"}
    assert result == {
        "outcome": "RESULT",
        "status": "Accepted",
        "reasonCode": None,
        "profile": stored,
    }
    changed = {
        **PROFILE,
        "ocppCsmsUrl": "wss://other.example.com/ocpp",
        "apn": APN,
    }
    await _set_profile(db_node, station, changed, "Accepted")
    assert await _profiles(db_node, "CS-NET") == [
        {"configurationSlot": 2, "connectionData": changed, "status": "Accepted"}
    ]
    await station.close()


async def test_set_network_profile_failed_is_not_stored_tc_b_44_csms(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-NET-F")
    _, result = await _set_profile(db_node, station, PROFILE, "Failed")
    assert result["status"] == "Failed"
    assert result["profile"] is None
    assert await _profiles(db_node, "CS-NET-F") == []
    await station.close()


async def test_set_network_profile_refuses_an_invalid_profile(node: RunningNode) -> None:
    bad = {**PROFILE, "securityProfile": 2, "messageTimeout": 30, "ocppCsmsUrl": "x" * 600}
    body = await node.graphql.execute(SET_PROFILE, {"id": "CS-ANY", "slot": 1, "data": bad})
    assert body["errors"], body
