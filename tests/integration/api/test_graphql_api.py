"""The GraphQL contract (DESIGN §7): bearer-token auth on HTTP and graphql-transport-ws,
live station events, the message log, health endpoints."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from tests.support.graphql import GraphQLClient
from tests.support.nodes import RunningNode

EVENTS = """
subscription($id: ID) { stationEvents(stationId: $id) { type stationId occurredAt payload } }
"""


@pytest.mark.parametrize("token", [None, "wrong-token"], ids=["anonymous", "wrong token"])
async def test_queries_and_mutations_need_the_bearer_token(
    node: RunningNode, token: str | None
) -> None:
    client = GraphQLClient(node.session, f"{node.http_url}/graphql", token)
    read = await client.execute("{ stations { id } }")
    assert read["data"] is None
    assert "Authentication required" in read["errors"][0]["message"]
    write = await client.execute('mutation { upsertStation(input: {id: "X"}) { id } }')
    assert "Authentication required" in write["errors"][0]["message"]
    check = await node.graphql.data('{ station(id: "X") { id } }')
    assert check["station"] is None


async def test_station_events_stream_connect_boot_status_disconnect(node: RunningNode) -> None:
    async with node.graphql.subscribe(EVENTS, {"id": "CS-EV"}) as events:
        await node.wait_subscribers(1)
        station = await node.station("CS-EV")
        connected = (await events.next())["stationEvents"]
        assert connected["type"] == "CONNECTED"
        assert connected["stationId"] == "CS-EV"
        await station.boot(vendor="Acme", model="Fast")
        boot = (await events.next())["stationEvents"]
        assert boot["type"] == "BOOT"
        assert boot["payload"]["vendorName"] == "Acme"
        assert boot["payload"]["registrationStatus"] == "Accepted"
        status = {
            "timestamp": "2026-11-24T10:00:00Z",
            "connectorStatus": "Occupied",
            "evseId": 1,
            "connectorId": 1,
        }
        await station.call("StatusNotification", status)
        changed = (await events.next())["stationEvents"]
        assert changed["type"] == "STATUS_CHANGED"
        assert changed["payload"]["status"] == "Occupied"
        assert changed["payload"]["previousStatus"] is None
        # the same status again is not a change
        await station.call("StatusNotification", status)
        await station.close()
        gone = (await events.next())["stationEvents"]
        assert gone["type"] == "DISCONNECTED"


async def test_station_filter_and_fleet_subscriptions(node: RunningNode) -> None:
    async with (
        node.graphql.subscribe(EVENTS, {"id": "CS-A"}) as only_a,
        node.graphql.subscribe(EVENTS, {}) as fleet,
    ):
        await node.wait_subscribers(2)
        station_b = await node.station("CS-B")
        station_a = await node.station("CS-A")
        seen_by_fleet = {(await fleet.next())["stationEvents"]["stationId"] for _ in range(2)}
        assert seen_by_fleet == {"CS-A", "CS-B"}
        first_for_a = (await only_a.next())["stationEvents"]
        assert (first_for_a["stationId"], first_for_a["type"]) == ("CS-A", "CONNECTED")
        await station_a.close()
        assert (await only_a.next())["stationEvents"]["type"] == "DISCONNECTED"
        await station_b.close()


async def test_message_log_keeps_every_frame_in_and_out(db_node: RunningNode) -> None:
    station = await db_node.station("CS-LOG")
    await station.boot()
    await station.call("Heartbeat", {}, message_id="hb-1")
    await station.send_raw("garbage")
    await station.next_frame()
    pending = asyncio.create_task(
        db_node.graphql.data(
            'mutation { sendCall(stationId: "CS-LOG", action: "ClearCache", payload: {}) '
            "{ outcome } }"
        )
    )
    call = await station.expect_call("ClearCache")
    await station.reply(call[1], {"status": "Accepted"})
    await pending
    await db_node.flush_message_log()
    data = await db_node.graphql.data(
        '{ ocppMessages(stationId: "CS-LOG", last: 6) '
        "{ direction messageType messageId action payload frame } }"
    )
    log = data["ocppMessages"]
    summary = [(m["direction"], m["messageType"], m["action"]) for m in log]
    assert summary == [
        ("IN", 2, "Heartbeat"),
        ("OUT", 3, "Heartbeat"),
        ("IN", None, None),
        ("OUT", 4, None),
        ("OUT", 2, "ClearCache"),
        ("IN", 3, "ClearCache"),
    ]
    assert log[2]["frame"] == "garbage"
    assert log[3]["payload"]["errorCode"] == "RpcFrameworkError"
    assert log[5]["payload"] == {"status": "Accepted"}
    assert orjson.loads(log[0]["frame"]) == [2, "hb-1", "Heartbeat", {}]
    last_two = await db_node.graphql.data(
        '{ ocppMessages(stationId: "CS-LOG", last: 2) { action } }'
    )
    assert [m["action"] for m in last_two["ocppMessages"]] == ["ClearCache", "ClearCache"]
    await station.close()


async def test_message_log_retention_prunes_old_frames(node: RunningNode) -> None:
    from datetime import timedelta

    from infra.db.models import OcppMessage

    station = await node.station("CS-OLD")
    await station.boot()
    await node.flush_message_log()
    old = await OcppMessage.filter(station_id="CS-OLD").first()
    assert old is not None
    old.created_at = old.created_at - timedelta(days=node.settings.message_log_retention_days + 1)
    await old.save()
    message_log = node.node.message_log
    assert message_log is not None
    assert await message_log.prune_once() == 1
    assert await OcppMessage.filter(station_id="CS-OLD").count() == 1  # the newer frame stays
    await station.close()


async def test_health_and_readiness(node: RunningNode) -> None:
    async with node.session.get(f"{node.http_url}/healthz") as response:
        assert response.status == 200
    async with node.session.get(f"{node.http_url}/readyz") as response:
        assert response.status == 200
        assert await response.json() == {
            "ready": True,
            "database": True,
            "cache": True,
            "bus": True,
        }


async def test_graphiql_is_served_to_a_browser(node: RunningNode) -> None:
    async with node.session.get(
        f"{node.http_url}/graphql", headers={"Accept": "text/html"}
    ) as response:
        assert response.status == 200
        assert "graphiql" in (await response.text()).lower()


async def test_bad_upsert_station_input_is_explained(node: RunningNode) -> None:
    body = await node.graphql.execute('mutation { upsertStation(input: {id: "A:B"}) { id } }')
    assert "id:" in body["errors"][0]["message"] and "':'" in body["errors"][0]["message"]
    body = await node.graphql.execute(
        'mutation { upsertStation(input: {id: "OK", password: "short"}) { id } }'
    )
    assert "password" in body["errors"][0]["message"]
    body = await node.graphql.execute(
        'mutation { upsertStation(input: {id: "OK", securityProfile: 7}) { id } }'
    )
    assert "securityProfile" in body["errors"][0]["message"]
    body = await node.graphql.execute("{ stations(first: 0) { id } }")
    assert "first must be between" in body["errors"][0]["message"]


async def test_a_repeated_document_is_answered_as_the_first_time(node: RunningNode) -> None:
    """Parsed and validated documents are cached by query text: an invalid document keeps its
    validation error, a syntax error keeps its message, and a valid one with other variables
    answers for those variables."""
    for _ in range(2):
        body = await node.graphql.execute("{ stations(first: 5) { noSuchField } }")
        assert "Cannot query field 'noSuchField'" in body["errors"][0]["message"]
        body = await node.graphql.execute("{ stations(first: 5) { id ")
        assert "Syntax Error" in body["errors"][0]["message"]
    query = "mutation($id: ID!) { upsertStation(input: {id: $id}) { id } }"
    for station_id in ("CS-CACHE-1", "CS-CACHE-2"):
        data = await node.graphql.data(query, {"id": station_id})
        assert data["upsertStation"]["id"] == station_id
