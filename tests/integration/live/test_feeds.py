"""Identical live subscriptions share one feed (graphql_schema/live/feeds.py), over real
graphql-transport-ws sockets: each subscriber gets every event under its own operation id, one
that leaves stops the others from nothing, a slow one is told what it missed, and a query that
does not validate gets the ordinary error."""

from __future__ import annotations

import orjson

from tests.support.dashboards import (
    assert_told_what_it_missed,
    flood_until_dropped,
    idle_dashboard,
)
from tests.support.graphql import Subscription
from tests.support.nodes import RunningNode
from tests.support.transactions import booted

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


async def test_a_slow_dashboard_sharing_a_feed_is_told_what_it_missed(node: RunningNode) -> None:
    """The member queue is as bounded as an event-hub subscriber's: the slow member loses its
    oldest events and its next message's `missed` (here aliased `lost`) says how many; the fast
    member of the same feed gets everything with nothing missed."""
    assert node.node.events is not None
    node.node.events.queue_size = 4
    async with (
        idle_dashboard(node, METER, "slow") as idle,
        node.graphql.subscribe(METER) as live,
    ):
        await node.wait_subscribers(2)
        assert feeds_of(node) == 1
        station = await booted(node, "CS-SLOW")
        messages = await flood_until_dropped(node, station, live, "lost")
        await assert_told_what_it_missed(idle, "slow", messages, "lost")
        await station.close()
