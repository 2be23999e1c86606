"""B02/B03: before the CSMS accepts a station, only BootNotification (and, while Pending, what
the CSMS asked for) is allowed; anything else gets CALLERROR SecurityError (TC_B_30_CSMS)."""

from __future__ import annotations

import pytest

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

NOTIFY_EVENT = {
    "generatedAt": "2026-11-24T10:00:00Z",
    "seqNo": 0,
    "eventData": [
        {
            "eventId": 1,
            "timestamp": "2026-11-24T10:00:00Z",
            "trigger": "Delta",
            "actualValue": "Available",
            "eventNotificationType": "HardWiredNotification",
            "component": {"name": "Connector", "evse": {"id": 1, "connectorId": 1}},
            "variable": {"name": "AvailabilityState"},
        }
    ],
}


@pytest.fixture
async def pending_node(make_node: NodeFactory, sqlite_url: str) -> RunningNode:
    """A node that answers the first boot of every station Pending."""
    return await make_node(sqlite_url, default_registration_status="Pending")


async def test_station_that_never_booted_gets_security_error(node: RunningNode) -> None:
    station = await node.station("CS-NOBOOT")
    answer = await station.call("Heartbeat", {})
    assert answer[0] == 4 and answer[2] == "SecurityError"
    assert "not booted" in answer[3]
    assert (await station.boot())[2]["status"] == "Accepted"
    assert (await station.call("Heartbeat", {}))[0] == 3
    await station.close()


async def test_pending_station_gets_security_error_tc_b_30_csms(pending_node: RunningNode) -> None:
    station = await pending_node.booted_station("CS-PENDING", "Pending")
    status = await station.status(1, 1, "Available")
    assert status[0] == 4 and status[2] == "SecurityError"
    event = await station.call("NotifyEvent", NOTIFY_EVENT)
    assert event[0] == 4 and event[2] == "SecurityError"
    await station.close()


async def test_rejected_station_may_only_boot_again(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, default_registration_status="Rejected")
    station = await node.booted_station("CS-REJECTED", "Rejected")
    assert (await station.call("Heartbeat", {}))[2] == "SecurityError"
    assert (await station.boot())[0] == 3
    # B03.FR.03: the CSMS initiates nothing towards a station it rejected
    refused = await node.graphql.data(
        'mutation { sendCall(stationId: "CS-REJECTED", action: "ClearCache", payload: {}) '
        "{ outcome errorCode errorDescription } }"
    )
    assert refused["sendCall"]["outcome"] == "CALL_ERROR"
    assert refused["sendCall"]["errorCode"] == "SecurityError"
    assert "B03.FR.03" in refused["sendCall"]["errorDescription"]
    await station.close()


async def test_pending_station_may_send_what_a_trigger_message_asked_for_once(
    pending_node: RunningNode,
) -> None:
    station = await pending_node.booted_station("CS-TRIGGERED", "Pending")
    _, data = await pending_node.run_answered(
        station,
        'mutation { sendCall(stationId: "CS-TRIGGERED", action: "TriggerMessage", '
        'payload: {requestedMessage: "Heartbeat"}) { outcome } }',
        {},
        "TriggerMessage",
        {"status": "Accepted"},
    )
    assert data["sendCall"]["outcome"] == "RESULT"
    assert (await station.call("Heartbeat", {}))[0] == 3
    assert (await station.call("Heartbeat", {}))[2] == "SecurityError"
    await station.close()


async def test_accepted_station_reconnecting_without_boot_is_admitted(node: RunningNode) -> None:
    """Part 4 §5.3: a station need not boot again on reconnect; its status is remembered."""
    first = await node.booted_station("CS-BACK")
    await first.close()
    again = await node.station("CS-BACK")
    assert (await again.call("Heartbeat", {}))[0] == 3
    await again.close()
