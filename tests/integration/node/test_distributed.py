"""The CSMS past one machine: PostgreSQL + Redis + the real Pub/Sub emulator, with the roles
split over two nodes. Station CALLs cross the bus gateway -> worker -> gateway; an operator on
the api node reaches a station held by the gateway node through the Redis directory."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.conftest import NodeFactory
from tests.support.databases import postgres_database
from tests.support.nodes import RunningNode
from tests.support.proxy import TcpProxy
from tests.support.station import ScriptedStation

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.pubsub]

REDIS_URL = "redis://127.0.0.1:6379/0"
SETTLE = 30.0
"""A correctness bound for what must settle eventually, not a speed target."""


@pytest.fixture
async def shared_backends(
    pubsub_emulator_host: str, started_nodes: list[RunningNode]
) -> AsyncIterator[dict[str, Any]]:
    """Settings every node of one deployment shares (unique per test); the nodes are stopped
    before the database is dropped."""
    unique = uuid.uuid4().hex[:8]
    async with postgres_database() as url:
        yield {
            "database_url": url,
            "redis_url": REDIS_URL,
            "cache_namespace": f"csms-test-{unique}",
            "bus": "pubsub",
            "pubsub_emulator_host": pubsub_emulator_host,
            "pubsub_project": "csms-test",
            "pubsub_topic_prefix": f"t{unique}",
        }
        while started_nodes:
            await started_nodes.pop().server.close()


async def test_one_node_on_postgres_redis_and_pubsub(
    make_node: NodeFactory, shared_backends: dict[str, Any]
) -> None:
    node = await make_node(**shared_backends)
    station = await node.station("CS-PUBSUB")
    answer = await station.boot(vendor="Wallbox", model="Pulsar")
    assert answer[0] == 3 and answer[2]["status"] == "Accepted"
    assert (await station.call("Heartbeat", {}))[0] == 3
    data = await node.graphql.data('{ station(id: "CS-PUBSUB") { vendorName online } }')
    assert data["station"] == {"vendorName": "Wallbox", "online": True}
    async with node.session.get(f"{node.http_url}/readyz") as response:
        assert (await response.json())["bus"] is True
    await station.close()


async def test_roles_split_over_two_nodes(
    make_node: NodeFactory, shared_backends: dict[str, Any]
) -> None:
    gateway = await make_node(roles="gateway", **shared_backends)
    api = await make_node(roles="api,worker", **shared_backends)
    assert gateway.node.sender is None and api.node.gateway is None

    async with api.graphql.subscribe(
        'subscription { stationEvents(stationId: "CS-SPLIT") { type } }'
    ) as events:
        await api.wait_subscribers(1)
        station = await gateway.station("CS-SPLIT")
        assert (await events.next())["stationEvents"]["type"] == "CONNECTED"
        # gateway node -> Pub/Sub -> worker on the api node -> Pub/Sub -> gateway node
        answer = await station.boot()
        assert answer[0] == 3 and answer[2]["status"] == "Accepted"
        assert (await events.next())["stationEvents"]["type"] == "BOOT"

        # operator on the api node -> Redis directory -> gateway node -> station -> back
        _, data = await api.run_answered(
            station,
            'mutation { sendCall(stationId: "CS-SPLIT", action: "Reset", '
            'payload: {type: "Immediate"}, timeoutSeconds: 20) { outcome response } }',
            {},
            "Reset",
            {"status": "Accepted"},
        )
        result = data["sendCall"]
        assert result == {"outcome": "RESULT", "response": {"status": "Accepted"}}

        await station.close()
        assert (await events.next())["stationEvents"]["type"] == "DISCONNECTED"

    offline = await api.graphql.data(
        'mutation { sendCall(stationId: "CS-SPLIT", action: "ClearCache", payload: {}) '
        "{ outcome } }"
    )
    assert offline["sendCall"]["outcome"] == "OFFLINE"


async def test_second_node_takes_over_a_reconnecting_station(
    make_node: NodeFactory, shared_backends: dict[str, Any]
) -> None:
    first = await make_node(**shared_backends)
    second = await make_node(**shared_backends)
    station = await first.booted_station("CS-MOVER")
    moved = await second.station("CS-MOVER")
    # the older socket, on the other node, is closed as replaced
    assert await station.wait_closed() == 4000
    await moved.boot()
    # the directory now points at the second node: the first node's call reaches it there
    _, data = await first.run_answered(
        moved,
        'mutation { sendCall(stationId: "CS-MOVER", action: "ClearCache", payload: {}, '
        "timeoutSeconds: 20) { outcome response } }",
        {},
        "ClearCache",
        {"status": "Accepted"},
    )
    assert data["sendCall"]["outcome"] == "RESULT"
    # the old connection's close did not mark the station offline: the new one holds it
    data = await second.graphql.data('{ station(id: "CS-MOVER") { online } }')
    assert data["station"]["online"] is True
    await moved.close()


async def test_a_command_for_a_station_on_the_asking_node_does_not_cross_pubsub(
    make_node: NodeFactory, shared_backends: dict[str, Any], started_nodes: list[RunningNode]
) -> None:
    """Issue 20 item 5: with Pub/Sub hanging, a command from the node that holds the station
    still reaches it and its answer still comes back (the local shortcut); a command from
    another node takes the bus as before."""
    host, port = shared_backends["pubsub_emulator_host"].rsplit(":", 1)
    proxy = TcpProxy(host, int(port))
    await proxy.start()
    try:
        node = await make_node(
            **{**shared_backends, "pubsub_emulator_host": f"127.0.0.1:{proxy.port}"}
        )
        other = await make_node(**shared_backends)
        station = await node.booted_station("CS-LOCAL")
        _, data = await other.run_answered(
            station,
            'mutation { sendCall(stationId: "CS-LOCAL", action: "ClearCache", payload: {}, '
            "timeoutSeconds: 20) { outcome } }",
            {},
            "ClearCache",
            {"status": "Accepted"},
        )
        assert data["sendCall"]["outcome"] == "RESULT"

        await proxy.hang()
        _, data = await node.run_answered(
            station,
            'mutation { sendCall(stationId: "CS-LOCAL", action: "ClearCache", payload: {}, '
            "timeoutSeconds: 20) { outcome response } }",
            {},
            "ClearCache",
            {"status": "Accepted"},
        )
        assert data["sendCall"] == {"outcome": "RESULT", "response": {"status": "Accepted"}}
        await station.close()
    finally:
        await proxy.restore()
        while started_nodes:  # while the proxy still forwards
            await started_nodes.pop().server.close()
        await proxy.stop()


async def test_an_event_reaches_the_subscribers_of_both_nodes_once(
    make_node: NodeFactory, shared_backends: dict[str, Any]
) -> None:
    """A station on node A (which runs the workers too) produces events: A's subscriber gets
    each once, handed over in process (its copy back from Pub/Sub is skipped); B's subscriber
    gets each once, through Pub/Sub."""
    a = await make_node(roles="gateway,api,worker", **shared_backends)
    b = await make_node(roles="api", **shared_backends)
    hub = a.node.events
    assert hub is not None
    query = 'subscription { stationEvents(stationId: "CS-EVENTS") { type } }'
    async with a.graphql.subscribe(query) as on_a, b.graphql.subscribe(query) as on_b:
        await a.wait_subscribers(1)
        await b.wait_subscribers(1)
        before = hub.delivered_in_process

        station = await a.booted_station("CS-EVENTS")
        for subscription in (on_a, on_b):
            assert (await subscription.next())["stationEvents"]["type"] == "CONNECTED"
            assert (await subscription.next())["stationEvents"]["type"] == "BOOT"
        assert hub.delivered_in_process >= before + 2
        # every copy of A's own events came back through A's events subscription and was
        # skipped: a second delivery would now be queued ahead of the next event
        await a.wait_for(lambda: hub.own_copies_skipped >= hub.delivered_in_process, SETTLE)

        await station.close()
        assert (await on_a.next())["stationEvents"]["type"] == "DISCONNECTED"
        assert (await on_b.next())["stationEvents"]["type"] == "DISCONNECTED"
    assert await delivered_in_process(a) >= 3
    assert await delivered_in_process(b) == 0


async def delivered_in_process(node: RunningNode) -> float:
    """The node's `csms_events_delivered_in_process_total`, read from `/metrics`."""
    async with node.session.get(f"{node.http_url}/metrics") as response:
        text = await response.text()
    name = "csms_events_delivered_in_process_total "
    (line,) = [line for line in text.splitlines() if line.startswith(name)]
    return float(line.removeprefix(name))


async def _one_live_socket(
    stations: list[ScriptedStation], asker: RunningNode, station_id: str
) -> ScriptedStation:
    """Wait until every socket but one is closed as replaced (4000); that one must stay open,
    be reachable from `asker` and show online."""
    closing = {asyncio.ensure_future(s.wait_closed(timeout=SETTLE)): s for s in stations}
    done, pending = await asyncio.wait(closing, timeout=SETTLE)
    assert len(pending) == 1, f"{len(pending)} sockets still open"
    assert all(task.result() == 4000 for task in done)
    (live_task,) = pending
    live = closing[live_task]
    live_task.cancel()
    _, data = await asker.run_answered(
        live,
        f'mutation {{ sendCall(stationId: "{station_id}", action: "ClearCache", payload: {{}}, '
        "timeoutSeconds: 20) { outcome } }",
        {},
        "ClearCache",
        {"status": "Accepted"},
    )
    assert data["sendCall"]["outcome"] == "RESULT"

    async def online() -> None:
        query = f'{{ station(id: "{station_id}") {{ online }} }}'
        while not (await asker.graphql.data(query))["station"]["online"]:  # noqa: ASYNC110 - polling the API is the point
            await asyncio.sleep(0.1)

    await asyncio.wait_for(online(), SETTLE)
    return live


async def test_ten_rapid_moves_end_with_the_newest_socket_live(
    make_node: NodeFactory, shared_backends: dict[str, Any]
) -> None:
    """Issue 20 item 2 (fencing): a station that moves between two nodes ten times in a row,
    each socket opened before the last one was closed, ends with exactly its newest socket
    open, reachable and online; a late replacement notice never closes a newer socket."""
    nodes = [await make_node(**shared_backends), await make_node(**shared_backends)]
    stations = [await nodes[i % 2].station("CS-RAPID") for i in range(10)]

    live = await _one_live_socket(stations, nodes[0], "CS-RAPID")

    assert live is stations[-1]
    await live.close()


async def test_a_b_a_at_the_same_moment_ends_with_one_live_socket(
    make_node: NodeFactory, shared_backends: dict[str, Any]
) -> None:
    """Issue 20 item 2: three sockets of one station opened at once on A, B and A."""
    a, b = await make_node(**shared_backends), await make_node(**shared_backends)
    stations = list(
        await asyncio.gather(a.station("CS-ABA"), b.station("CS-ABA"), a.station("CS-ABA"))
    )

    live = await _one_live_socket(stations, b, "CS-ABA")

    await live.close()
