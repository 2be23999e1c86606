"""Identical live subscriptions share one feed (graphql_schema/live/feeds.py), over real
graphql-transport-ws sockets: each subscriber gets every event under its own operation id, one
that leaves stops the others from nothing, a slow one is told what it missed, and a query that
does not validate gets the ordinary error."""

from __future__ import annotations

import aiohttp
import orjson

from tests.support.graphql import Subscription
from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.sockets import small_receive_buffer
from tests.support.transactions import booted, ocpp_time, sampled_value, send_meter_values

FLEET = "subscription { stationEvents { type stationId } }"
METER = "subscription { meterValues { type stationId lost: missed samples { value } } }"
DASHBOARDS = 4


def feeds_of(node: RunningNode) -> int:
    view = node.node.graphql_view
    assert view is not None
    return view.live_feeds.count


async def types_of(subscription: Subscription, count: int) -> list[str]:
    return [(await subscription.next())["stationEvents"]["type"] for _ in range(count)]


async def test_identical_dashboards_get_every_event_from_one_feed(node: RunningNode) -> None:
    async with (
        node.graphql.subscribe(FLEET) as first,
        node.graphql.subscribe(FLEET) as second,
        node.graphql.subscribe(FLEET) as third,
        node.graphql.subscribe(FLEET) as fourth,
    ):
        await node.wait_subscribers(DASHBOARDS)
        assert feeds_of(node) == 1
        station = await node.station("CS-FEED")
        await station.boot(vendor="Acme", model="Fast")
        for dashboard in (first, second, third, fourth):
            message = await dashboard.next_message()
            assert (message["type"], message["id"]) == ("next", dashboard.id)
            assert message["payload"] == {
                "data": {"stationEvents": {"type": "CONNECTED", "stationId": "CS-FEED"}}
            }
            assert await types_of(dashboard, 1) == ["BOOT"]
        await station.close()
    await node.wait_for(lambda: feeds_of(node) == 0)
    await node.wait_subscribers(0)
    assert node.node.events is not None and node.node.events.subscriber_count == 0


async def test_dashboards_built_from_fragments_share_a_feed_too(node: RunningNode) -> None:
    """Client libraries assemble selections from fragments and lay documents out their own
    way: the same document, however laid out, is one feed."""
    fragments = "subscription { stationEvents { ...Row } } fragment Row on StationEvent { type }"
    spaced = (
        "subscription {\n  stationEvents { ...Row }\n}\nfragment Row on StationEvent {\n  type\n}"
    )
    async with node.graphql.subscribe(fragments) as first, node.graphql.subscribe(spaced) as second:
        await node.wait_subscribers(2)
        assert feeds_of(node) == 1
        station = await node.station("CS-FRAGMENTS")
        await station.boot(vendor="Acme", model="Fast")
        assert await types_of(first, 2) == ["CONNECTED", "BOOT"]
        assert await types_of(second, 2) == ["CONNECTED", "BOOT"]
        await station.close()


async def test_a_dashboard_that_completes_leaves_the_others_their_feed(
    node: RunningNode,
) -> None:
    async with (
        node.graphql.subscribe(FLEET) as leaving,
        node.graphql.subscribe(FLEET) as staying,
    ):
        await node.wait_subscribers(2)
        await leaving.ws.send_json({"id": leaving.id, "type": "complete"})
        hub = node.node.events
        assert hub is not None
        await node.wait_for(lambda: hub.subscriber_count == 1)
        station = await node.station("CS-LEFT")
        await station.boot(vendor="Acme", model="Fast")
        assert await types_of(staying, 2) == ["CONNECTED", "BOOT"]
        # the one that left got nothing more on its socket: only the pong to this ping
        await leaving.ws.send_json({"type": "ping"})
        raw = await leaving.ws.receive(timeout=10)
        assert orjson.loads(raw.data) == {"type": "pong"}
        assert feeds_of(node) == 1
        await station.close()


async def test_a_query_that_does_not_validate_gets_the_ordinary_error(node: RunningNode) -> None:
    bad = "subscription { stationEvents { type noSuchField } }"
    async with node.graphql.subscribe(bad) as first, node.graphql.subscribe(bad) as second:
        for dashboard in (first, second):
            message = await dashboard.next_message()
            assert (message["type"], message["id"]) == ("error", dashboard.id)
            assert "noSuchField" in message["payload"][0]["message"]
    await node.wait_for(lambda: feeds_of(node) == 0)


SAMPLES = 1000
"""Sampled values per MeterValues request: about 100 kB per event to the dashboards."""
MAX_MESSAGES = 500
"""Only a guard against looping forever."""


async def test_a_slow_dashboard_sharing_a_feed_is_told_what_it_missed(node: RunningNode) -> None:
    """The member queue is as bounded as an event-hub subscriber's: the slow member loses its
    oldest events and its next message's `missed` (here aliased `lost`) says how many; the fast
    member of the same feed gets everything with nothing missed."""
    hub = node.node.events
    assert hub is not None
    hub.queue_size = 4
    connector = aiohttp.TCPConnector(socket_factory=small_receive_buffer)
    async with (
        aiohttp.ClientSession(connector=connector) as idle_session,
        node.graphql.subscribe(METER) as live,
    ):
        idle = await idle_session.ws_connect(
            f"{node.http_url}/graphql", protocols=("graphql-transport-ws",)
        )
        await idle.send_json(
            {"type": "connection_init", "payload": {"Authorization": f"Bearer {ADMIN_TOKEN}"}}
        )
        assert (await idle.receive_json())["type"] == "connection_ack"
        await idle.send_json({"id": "slow", "type": "subscribe", "payload": {"query": METER}})
        await node.wait_subscribers(2)
        assert feeds_of(node) == 1
        station = await booted(node, "CS-SLOW")
        samples = [sampled_value(float(i), measurand="Voltage") for i in range(SAMPLES)]
        messages = 0
        while hub.dropped_total == 0:
            assert messages < MAX_MESSAGES, "the idle dashboard never fell behind"
            samples[0] = sampled_value(float(messages), measurand="Voltage")
            answer = await send_meter_values(
                station, 1, [{"timestamp": ocpp_time(), "sampledValue": samples}]
            )
            assert answer[0] == 3, answer
            got = (await live.next())["meterValues"]
            assert (got["samples"][0]["value"], got["lost"]) == (messages, 0)
            messages += 1

        received: list[float] = []
        missed = 0
        while not received or received[-1] != messages - 1:
            message = orjson.loads((await idle.receive(timeout=10)).data)
            if message["type"] == "ping":
                continue
            assert (message["type"], message["id"]) == ("next", "slow"), message
            event = message["payload"]["data"]["meterValues"]
            received.append(event["samples"][0]["value"])
            missed += event["lost"]
        assert missed > 0
        assert len(received) + missed == messages
        assert received == sorted(received)
        await station.close()
        await idle.close()
