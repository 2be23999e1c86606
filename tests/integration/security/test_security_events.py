"""Security events (A04) over a real websocket and real GraphQL, on SQLite and PostgreSQL:
stored, confirmed (A04.FR.03), published as SECURITY_EVENT, read back newest first.

Part 6 has no CSMS test case for SecurityEventNotification alone (it appears in the
TLS/certificate test cases, whose validations are about the station), so none is named.
"""

from __future__ import annotations

from typing import Any

from tests.support.graphql import next_station_event
from tests.support.monitoring import TEMPERATURE
from tests.support.nodes import RunningNode

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type stationId payload } }"

SECURITY_EVENTS = """
query($station: ID, $type: String, $first: Int, $after: String) {
  securityEvents(stationId: $station, type: $type, first: $first, after: $after) {
    cursor stationId type timestamp techInfo receivedAt
  }
}
"""

ALERTS = "query($station: ID) { stationAlerts(stationId: $station) { cursor } }"


def security_event(kind: str, tech_info: str | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"type": kind, "timestamp": "2026-11-24T10:00:00Z"}
    if tech_info is not None:
        payload["techInfo"] = tech_info
    return payload


async def test_security_events_per_station_fleet_feed_and_subscription(
    db_node: RunningNode,
) -> None:
    first = await db_node.booted_station("CS-SEC-1")
    second = await db_node.booted_station("CS-SEC-2")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-SEC-1"}) as subscription:
        await db_node.wait_subscribers(1)
        answer = await first.call(
            "SecurityEventNotification", security_event("InvalidCsmsCertificate", "expired")
        )
        assert answer == [3, answer[1], {}]
        event = await next_station_event(subscription, "SECURITY_EVENT")
    assert event == {
        "type": "SECURITY_EVENT",
        "stationId": "CS-SEC-1",
        "payload": {
            "type": "InvalidCsmsCertificate",
            "timestamp": "2026-11-24T10:00:00Z",
            "techInfo": "expired",
        },
    }
    answer = await second.call("SecurityEventNotification", security_event("FirmwareUpdated"))
    assert answer == [3, answer[1], {}]

    own = (await db_node.graphql.data(SECURITY_EVENTS, {"station": "CS-SEC-1"}))["securityEvents"]
    assert [(row["stationId"], row["type"], row["techInfo"]) for row in own] == [
        ("CS-SEC-1", "InvalidCsmsCertificate", "expired")
    ]
    assert own[0]["timestamp"].startswith("2026-11-24T10:00:00")
    assert own[0]["receivedAt"] is not None
    fleet = (await db_node.graphql.data(SECURITY_EVENTS))["securityEvents"]
    assert [(row["stationId"], row["type"]) for row in fleet] == [
        ("CS-SEC-2", "FirmwareUpdated"),
        ("CS-SEC-1", "InvalidCsmsCertificate"),
    ]
    filtered = await db_node.graphql.data(SECURITY_EVENTS, {"type": "FirmwareUpdated"})
    assert [row["stationId"] for row in filtered["securityEvents"]] == ["CS-SEC-2"]
    await first.close()
    await second.close()


async def test_the_feed_pages_newest_first_with_cursors(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-PAGE")
    for number in range(5):
        await station.call("SecurityEventNotification", security_event("Tamper", str(number)))

    seen: list[str] = []
    after: str | None = None
    while True:
        variables = {"station": "CS-PAGE", "first": 2, "after": after}
        page = (await db_node.graphql.data(SECURITY_EVENTS, variables))["securityEvents"]
        if not page:
            break
        seen += [row["techInfo"] for row in page]
        after = page[-1]["cursor"]
    assert seen == ["4", "3", "2", "1", "0"]

    too_many = await db_node.graphql.execute(SECURITY_EVENTS, {"first": 1001})
    assert "first must be between" in too_many["errors"][0]["message"]
    await station.close()


async def test_a_cursor_of_another_feed_is_refused(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-CURSOR")
    await station.call(
        "NotifyEvent",
        {"generatedAt": "2026-11-24T10:00:03Z", "seqNo": 0, "eventData": [TEMPERATURE]},
    )
    (alert,) = (await db_node.graphql.data(ALERTS, {"station": "CS-CURSOR"}))["stationAlerts"]

    wrong = await db_node.graphql.execute(SECURITY_EVENTS, {"after": alert["cursor"]})

    assert "not a cursor" in wrong["errors"][0]["message"]
    await station.close()


async def test_a_notification_resent_on_a_new_connection_is_stored_and_published_once(
    db_node: RunningNode,
) -> None:
    """A04.FR.03: a station resends a SecurityEventNotification it saw no answer to, here on
    its next connection under a new message id. It is confirmed again, but stored once (type,
    timestamp and techInfo are its natural key) and SECURITY_EVENT goes out once: the next event the
    subscription sees is the one sent after the resend."""
    station = await db_node.booted_station("CS-SEC-RESEND")
    tamper = security_event("Tamper", "lid open")
    async with db_node.graphql.subscribe(EVENTS, {"id": "CS-SEC-RESEND"}) as subscription:
        await db_node.wait_subscribers(1)
        first = await station.call("SecurityEventNotification", tamper, "sec-1")
        await station.close()
        station = await db_node.station("CS-SEC-RESEND")
        again = await station.call("SecurityEventNotification", tamper, "sec-1-resent")
        after = await station.call("SecurityEventNotification", security_event("FirmwareUpdated"))
        published = [
            (await next_station_event(subscription, "SECURITY_EVENT"))["payload"]["type"]
            for _ in range(2)
        ]

    assert (first, again, after[2]) == ([3, "sec-1", {}], [3, "sec-1-resent", {}], {})
    assert published == ["Tamper", "FirmwareUpdated"]
    stored = (await db_node.graphql.data(SECURITY_EVENTS, {"station": "CS-SEC-RESEND"}))[
        "securityEvents"
    ]
    assert [(row["type"], row["techInfo"]) for row in stored] == [
        ("FirmwareUpdated", None),
        ("Tamper", "lid open"),
    ]
    await station.close()
