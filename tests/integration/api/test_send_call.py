"""sendCall: operator -> station -> operator, its four outcomes, the outstanding-call rule
(Part 4 §4.1.4: one CALL at a time per direction) and the response deadline."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

SEND_CALL = """
mutation($station: ID!, $action: String!, $payload: JSON!, $timeout: Float) {
  sendCall(stationId: $station, action: $action, payload: $payload, timeoutSeconds: $timeout) {
    outcome response errorCode errorDescription errorDetails
  }
}
"""


async def _send(
    node: RunningNode,
    action: str,
    payload: dict[str, Any],
    timeout: float | None = None,
    station: str = "CS-CMD",
) -> dict[str, Any]:
    variables = {"station": station, "action": action, "payload": payload, "timeout": timeout}
    data = await node.graphql.data(SEND_CALL, variables)
    result: dict[str, Any] = data["sendCall"]
    return result


async def test_result_outcome_carries_the_station_answer(node: RunningNode) -> None:
    station = await node.booted_station("CS-CMD")
    pending = asyncio.create_task(_send(node, "Reset", {"type": "OnIdle", "evseId": 1}))
    call = await station.expect_call("Reset")
    assert call[3] == {"type": "OnIdle", "evseId": 1}
    assert len(call[1]) <= 36
    await station.reply(call[1], {"status": "Scheduled"})
    result = await pending
    assert result["outcome"] == "RESULT"
    assert result["response"] == {"status": "Scheduled"}
    assert result["errorCode"] is None
    await station.close()


async def test_call_error_outcome_carries_the_station_error(node: RunningNode) -> None:
    station = await node.station("CS-CMD")
    pending = asyncio.create_task(_send(node, "ClearCache", {}))
    call = await station.expect_call("ClearCache")
    await station.send_frame([4, call[1], "NotSupported", "no cache here", {"why": "none"}])
    result = await pending
    assert result["outcome"] == "CALL_ERROR"
    assert result["errorCode"] == "NotSupported"
    assert result["errorDescription"] == "no cache here"
    assert result["errorDetails"] == {"why": "none"}
    await station.close()


async def test_station_answer_that_breaks_the_schema_is_a_call_error(node: RunningNode) -> None:
    station = await node.station("CS-CMD")
    pending = asyncio.create_task(_send(node, "ClearCache", {}))
    call = await station.expect_call("ClearCache")
    await station.reply(call[1], {"status": "Maybe"})
    result = await pending
    assert result["outcome"] == "CALL_ERROR"
    assert result["errorCode"] == "PropertyConstraintViolation"
    assert "status" in result["errorDescription"]
    assert result["response"] == {"status": "Maybe"}
    await station.close()


async def test_offline_outcome_is_immediate_for_a_station_not_connected(node: RunningNode) -> None:
    result = await _send(node, "Reset", {"type": "Immediate"}, timeout=60, station="NOBODY")
    assert result == {
        "outcome": "OFFLINE",
        "response": None,
        "errorCode": None,
        "errorDescription": None,
        "errorDetails": None,
    }


async def test_timeout_outcome_after_the_deadline(node: RunningNode) -> None:
    station = await node.booted_station("CS-CMD")
    result = await _send(node, "ClearCache", {}, timeout=0.3)
    assert result["outcome"] == "TIMEOUT"
    call = await station.expect_call("ClearCache")
    # a late answer is logged and dropped; the connection goes on
    await station.reply(call[1], {"status": "Accepted"})
    assert (await station.call("Heartbeat", {}))[0] == 3
    await station.close()


async def test_default_deadline_comes_from_settings(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, call_timeout=0.3)
    station = await node.station("CS-CMD")
    result = await _send(node, "ClearCache", {})
    assert result["outcome"] == "TIMEOUT"
    await station.close()


async def test_only_one_outstanding_call_per_station(node: RunningNode) -> None:
    station = await node.booted_station("CS-CMD")
    first = asyncio.create_task(_send(node, "ClearCache", {}))
    second = asyncio.create_task(_send(node, "Reset", {"type": "Immediate"}))
    call_one = await station.next_frame()
    # while the first call is unanswered, nothing else is sent to the station
    heartbeat = await station.call("Heartbeat", {})
    assert heartbeat[0] == 3
    assert station._frames.empty()
    await station.reply(call_one[1], {"status": "Accepted"})
    call_two = await station.next_frame()
    assert {call_one[2], call_two[2]} == {"ClearCache", "Reset"}
    assert call_two[1] != call_one[1]
    await station.reply(call_two[1], {"status": "Accepted"})
    results = await asyncio.gather(first, second)
    assert [r["outcome"] for r in results] == ["RESULT", "RESULT"]
    await station.close()


async def test_timed_out_call_frees_the_slot_for_the_next(node: RunningNode) -> None:
    station = await node.station("CS-CMD")
    first = asyncio.create_task(_send(node, "ClearCache", {}, timeout=0.3))
    await station.expect_call("ClearCache")
    assert (await first)["outcome"] == "TIMEOUT"
    second = asyncio.create_task(_send(node, "Reset", {"type": "Immediate"}))
    call = await station.expect_call("Reset")
    await station.reply(call[1], {"status": "Rejected"})
    assert (await second)["response"] == {"status": "Rejected"}
    await station.close()


async def test_queue_limit_refuses_extra_calls(make_node: NodeFactory, sqlite_url: str) -> None:
    node = await make_node(sqlite_url, call_queue_size=1)
    station = await node.station("CS-CMD")
    first = asyncio.create_task(_send(node, "ClearCache", {}, timeout=5))
    await station.expect_call("ClearCache")
    queued = asyncio.create_task(_send(node, "ClearCache", {}, timeout=5))
    gateway = node.node.gateway
    assert gateway is not None
    connection = gateway.registry.get("CS-CMD")
    assert connection is not None
    await node.wait_for(lambda: connection._queue.qsize() == 1)
    refused = await _send(node, "ClearCache", {}, timeout=5)
    assert refused["outcome"] == "CALL_ERROR"
    assert refused["errorCode"] == "GenericError"
    assert "queued" in refused["errorDescription"]
    await station.close()
    assert {(await first)["outcome"], (await queued)["outcome"]} == {"OFFLINE"}


async def test_calls_waiting_when_the_station_disconnects_are_offline(node: RunningNode) -> None:
    station = await node.station("CS-CMD")
    pending = asyncio.create_task(_send(node, "ClearCache", {}, timeout=10))
    await station.expect_call("ClearCache")
    await station.close()
    assert (await pending)["outcome"] == "OFFLINE"


async def test_invalid_payload_is_a_graphql_error_and_nothing_is_sent(node: RunningNode) -> None:
    station = await node.booted_station("CS-CMD")
    body = await node.graphql.execute(
        SEND_CALL, {"station": "CS-CMD", "action": "Reset", "payload": {"type": "Sometime"}}
    )
    assert body["data"] is None
    message = body["errors"][0]["message"]
    assert "PropertyConstraintViolation" in message and "type" in message
    body = await node.graphql.execute(
        SEND_CALL, {"station": "CS-CMD", "action": "Reset", "payload": {}}
    )
    assert "OccurrenceConstraintViolation" in body["errors"][0]["message"]
    assert (await station.call("Heartbeat", {}))[0] == 3
    assert station._frames.empty()
    await station.close()


async def test_action_that_is_not_csms_to_station_is_a_graphql_error(node: RunningNode) -> None:
    for action in ["Heartbeat", "Teleport"]:
        body = await node.graphql.execute(
            SEND_CALL, {"station": "CS-CMD", "action": action, "payload": {}}
        )
        assert "not a CSMS-to-station action" in body["errors"][0]["message"]


async def test_bad_timeout_is_a_graphql_error(node: RunningNode) -> None:
    body = await node.graphql.execute(
        SEND_CALL,
        {"station": "CS-CMD", "action": "ClearCache", "payload": {}, "timeout": -1},
    )
    assert "timeoutSeconds" in body["errors"][0]["message"]
