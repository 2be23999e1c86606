"""A node that dies without a word (SIGKILL), in separate OS processes on PostgreSQL, Redis
and the Pub/Sub emulator (issue 20 items 1, 4 and 7): a command for a station it held answers
OFFLINE instead of waiting out its timeout, the station is marked offline with a
DISCONNECTED event, a killed worker's stations are answered again by the next worker within
seconds, and a single embedded node that restarts finds the stations it held before
offline."""

from __future__ import annotations

import asyncio
import signal
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import NodeFactory
from tests.support.databases import postgres_database, sqlite_database
from tests.support.graphql import GraphQLClient
from tests.support.node_process import NodeProcess, node_process
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = "node-failure-admin-token"
BOUND = 60.0
"""A correctness bound for what must happen eventually, not a speed target."""
COMMAND = (
    'mutation { sendCall(stationId: "%s", action: "ClearCache", payload: {}, '
    "timeoutSeconds: 40) { outcome } }"
)


async def _stations_online(client: GraphQLClient, ids: list[str]) -> dict[str, bool]:
    data = await client.data("{ stations(first: 100) { id online } }")
    return {row["id"]: row["online"] for row in data["stations"] if row["id"] in ids}


async def _until_offline(client: GraphQLClient, ids: list[str]) -> None:
    async def poll() -> None:
        while any((await _stations_online(client, ids)).values()):  # noqa: ASYNC110 - polling the API is the point
            await asyncio.sleep(0.2)

    await asyncio.wait_for(poll(), BOUND)


def _kill(node: NodeProcess) -> None:
    node.process.send_signal(signal.SIGKILL)


@pytest.fixture
async def shared(
    pubsub_emulator_host: str, started_nodes: list[RunningNode]
) -> AsyncIterator[dict[str, Any]]:
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


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.pubsub
async def test_a_killed_nodes_station_answers_offline_and_is_marked_offline(
    make_node: NodeFactory,
    shared: dict[str, Any],
    tmp_path: Path,
    http_session: aiohttp.ClientSession,
) -> None:
    survivor = await make_node(**shared)
    settings = {k: str(v) for k, v in shared.items() if k != "database_url"}
    async with node_process(shared["database_url"], tmp_path, **settings) as doomed:
        station = await ScriptedStation.connect(
            http_session, f"ws://127.0.0.1:{doomed.port}", "CS-DOOMED"
        )
        assert (await station.boot())[2]["status"] == "Accepted"
        async with survivor.graphql.subscribe(
            'subscription { stationEvents(stationId: "CS-DOOMED") { type } }'
        ) as events:
            await survivor.wait_subscribers(1)
            _kill(doomed)
            await doomed.process.wait()
            # at once: the entry still names the dead node, whose key has not expired yet
            data = await survivor.graphql.data(COMMAND % "CS-DOOMED")
            assert data["sendCall"]["outcome"] == "OFFLINE"

            async def disconnected() -> None:
                while (await events.next(BOUND))["stationEvents"]["type"] != "DISCONNECTED":
                    pass  # its BOOT may still be on its way

            await asyncio.wait_for(disconnected(), BOUND)
            await _until_offline(survivor.graphql, ["CS-DOOMED"])
            back = await survivor.station("CS-DOOMED")
            # one DISCONNECTED: whatever else the sweeps handed the station came before this
            assert (await events.next(BOUND))["stationEvents"]["type"] == "CONNECTED"
            await back.close()
        await station.ws.close()


async def test_a_restarted_embedded_node_finds_the_stations_it_held_offline(
    tmp_path: Path, http_session: aiohttp.ClientSession
) -> None:
    ids = ["CS-R1", "CS-R2", "CS-R3"]
    async with sqlite_database(tmp_path) as url:
        async with node_process(url, tmp_path, admin_token=TOKEN) as before:
            stations = [
                await ScriptedStation.connect(http_session, f"ws://127.0.0.1:{before.port}", i)
                for i in ids
            ]
            for station in stations:
                assert (await station.boot())[2]["status"] == "Accepted"
            client = GraphQLClient(http_session, f"http://127.0.0.1:{before.port}/graphql", TOKEN)
            assert await _stations_online(client, ids) == dict.fromkeys(ids, True)
            _kill(before)
            await before.process.wait()
        for station in stations:
            await station.ws.close()
        async with node_process(url, tmp_path, admin_token=TOKEN) as after:
            client = GraphQLClient(http_session, f"http://127.0.0.1:{after.port}/graphql", TOKEN)
            await _until_offline(client, ids)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.pubsub
async def test_stations_are_answered_again_soon_after_their_worker_is_killed(
    make_node: NodeFactory, shared: dict[str, Any], tmp_path: Path
) -> None:
    """Issue 20 item 4: the only worker is SIGKILLed while a station's CALLs are on their way;
    a new worker takes over what the dead one held (its ack deadline, 10 s, not the 60 s of
    before) and the station is answered, in order, well within its own 30 s timeout."""
    gateway = await make_node(roles="gateway,api", **shared)
    settings = {k: str(v) for k, v in shared.items() if k != "database_url"}
    async with node_process(shared["database_url"], tmp_path, roles="worker", **settings) as first:
        station = await gateway.station("CS-WORKER")
        assert (await station.boot())[2]["status"] == "Accepted"
        for n in range(3):
            await station.send_frame([2, f"hb-{n}", "Heartbeat", {}])
        _kill(first)
        await first.process.wait()
        async with node_process(
            shared["database_url"], tmp_path, roles="worker", **settings
        ) as second:
            assert second.process.returncode is None
            for n in range(3):
                answer = await station.answer_to(f"hb-{n}", timeout=BOUND / 2)
                assert answer[0] == 3 and "currentTime" in answer[2]
            after = await station.call("Heartbeat", {})
            assert after[0] == 3
        await station.close()
