"""A PostgreSQL outage seen from outside (issue 24 item 11): a node on PostgreSQL through a TCP
proxy that is switched to a database that hangs (connections accepted, never answered), then
to one that refuses connections, then restored.

During the outage every answer comes within the node's deadlines and says what is unavailable
without internals: `/readyz` 503 naming the database, a new station's handshake HTTP 503 with
Retry-After (it retries, Part 4 §5.3), a station CALL `InternalError "database unavailable"`
(Part 4 §4.3), a GraphQL error `database unavailable` with `extensions.code` UNAVAILABLE.
Afterwards everything works again and nothing stored before is lost or doubled.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from app.health import READINESS_DEADLINE
from tests.conftest import NodeFactory
from tests.support.databases import postgres_database
from tests.support.nodes import RunningNode
from tests.support.proxy import TcpProxy
from tests.support.station import ScriptedStation

pytestmark = pytest.mark.postgres

DB_TIMEOUT = 0.5
"""The node's database deadline in these tests (CSMS_DB_TIMEOUT_SECONDS)."""
PROMPT = 4 * DB_TIMEOUT + READINESS_DEADLINE + 2.0
"""A generous bound for an answer during the outage: a few database deadlines, never the
10 s and more of a node without them. A correctness deadline, not a speed target."""
POOL_SIZE = 3
"""Pooled connections: a hanging database holds them all, and requests beyond them wait for
one only as long as the deadline."""
INTERNALS = ("Errno", "Traceback", "Connect call failed", "asyncpg", "File ")

STATIONS = "{ stations { id evses { id connectors { id status } } } }"
WEBSOCKET_HEADERS = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Protocol": "ocpp2.0.1",
}


@pytest.fixture
async def proxy() -> AsyncIterator[TcpProxy]:
    """A proxy in front of the PostgreSQL server, forwarding."""
    proxy = TcpProxy("127.0.0.1", 5432)
    await proxy.start()
    yield proxy
    await proxy.stop()


@pytest.fixture
async def outage_node(
    proxy: TcpProxy, make_node: NodeFactory, started_nodes: list[RunningNode]
) -> AsyncIterator[RunningNode]:
    """A node on a fresh PostgreSQL database reached through `proxy`, with short deadlines."""
    async with postgres_database() as url:
        proxied = url.replace("@127.0.0.1:5432/", f"@127.0.0.1:{proxy.port}/")
        assert proxied != url
        yield await make_node(proxied, db_timeout_seconds=DB_TIMEOUT, database_pool_size=POOL_SIZE)
        await proxy.restore()  # the node's teardown writes (disconnects, the message log)
        while started_nodes:
            await started_nodes.pop().server.close()


async def timed(call: Awaitable[Any]) -> tuple[Any, float]:
    """`call`'s result and how many seconds it took."""
    started = time.monotonic()
    result = await call
    return result, time.monotonic() - started


async def readyz(node: RunningNode) -> tuple[int, dict[str, Any]]:
    """`/readyz`'s status and body."""
    async with node.session.get(f"{node.http_url}/readyz") as response:
        return response.status, await response.json()


async def handshake(node: RunningNode, station_id: str) -> tuple[int, str | None, str]:
    """A new station's websocket upgrade request: the status, Retry-After and the body."""
    async with node.session.get(
        f"{node.http_url}/ocpp/{station_id}", headers=WEBSOCKET_HEADERS
    ) as response:
        return response.status, response.headers.get("Retry-After"), await response.text()


async def graphql_text(node: RunningNode, query: str) -> tuple[dict[str, Any], str]:
    """The response body of a GraphQL query, parsed and as text."""
    async with node.session.post(
        f"{node.http_url}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {node.settings.admin_token}"},
    ) as response:
        text = await response.text()
        return await response.json(), text


async def assert_outage_answers(
    node: RunningNode, station: ScriptedStation, new_station_id: str
) -> None:
    """Every way in answers promptly, naming the database and showing no internals."""
    (status, body), took = await timed(readyz(node))
    assert (status, body["database"], body["unavailable"]) == (503, False, ["database"]), body
    assert took < PROMPT, took

    (status, retry_after, text), took = await timed(handshake(node, new_station_id))
    assert (status, text) == (503, "database unavailable")
    assert retry_after is not None and int(retry_after) > 0
    assert took < PROMPT, took

    (body, text), took = await timed(graphql_text(node, STATIONS))
    assert body["data"] is None
    (error,) = body["errors"]
    assert (error["message"], error["extensions"]["code"]) == (
        "database unavailable",
        "UNAVAILABLE",
    ), error
    assert not any(word in text for word in INTERNALS), text
    assert took < PROMPT, took

    many = [graphql_text(node, STATIONS) for _ in range(16 * POOL_SIZE)]
    answers, took = await timed(asyncio.gather(*many))
    assert {body["errors"][0]["extensions"]["code"] for body, _ in answers} == {"UNAVAILABLE"}
    assert took < PROMPT, took  # not one deadline per pooled connection after another

    answer, took = await timed(station.status(1, 1, "Occupied"))
    assert answer[0] == 4 and answer[2:4] == ["InternalError", "database unavailable"], answer
    assert took < PROMPT * 2, took  # a group-commit window, then the database's deadlines


async def assert_recovered(node: RunningNode, station: ScriptedStation, new_id: str) -> None:
    """Ready again; new and old stations are served; what was stored before is there once."""
    await wait_until(lambda: readyz(node), lambda answer: answer[0] == 200)
    newcomer = await node.booted_station(new_id)
    answer = await station.status(1, 1, "Occupied")
    assert answer[0] == 3, answer
    data = await node.graphql.data(STATIONS)
    ids = [row["id"] for row in data["stations"]]
    assert sorted(ids) == sorted(["cs-before", new_id]), ids
    before = next(row for row in data["stations"] if row["id"] == "cs-before")
    assert before["evses"] == [{"id": 1, "connectors": [{"id": 1, "status": "Occupied"}]}]
    await newcomer.ws.close()


async def wait_until(probe: Callable[[], Awaitable[Any]], done: Callable[[Any], bool]) -> None:
    """Probe until `done(answer)` (a bounded wait, never a timing assertion)."""
    answers: list[Any] = []

    async def ok() -> bool:
        answers.append(await probe())
        return done(answers[-1])

    loop_deadline = time.monotonic() + 30.0
    while not await ok():
        assert time.monotonic() < loop_deadline, answers[-3:]


async def booted_before(node: RunningNode) -> ScriptedStation:
    """A station accepted, with one connector status stored, before the outage."""
    station = await node.booted_station("cs-before")
    assert (await station.status(1, 1, "Available"))[0] == 3
    return station


async def test_a_hanging_database_gets_prompt_answers_that_name_it(
    outage_node: RunningNode, proxy: TcpProxy
) -> None:
    station = await booted_before(outage_node)
    await proxy.hang()
    await assert_outage_answers(outage_node, station, "cs-during-hang")
    await proxy.restore()
    await assert_recovered(outage_node, station, "cs-after-hang")


async def test_a_refusing_database_gets_answers_that_name_it(
    outage_node: RunningNode, proxy: TcpProxy
) -> None:
    station = await booted_before(outage_node)
    await proxy.refuse()
    await assert_outage_answers(outage_node, station, "cs-during-refusal")
    await proxy.restore()
    await assert_recovered(outage_node, station, "cs-after-refusal")


async def test_hang_then_refusal_then_recovery_loses_and_doubles_nothing(
    outage_node: RunningNode, proxy: TcpProxy
) -> None:
    station = await booted_before(outage_node)
    await proxy.hang()
    await assert_outage_answers(outage_node, station, "cs-new-1")
    await proxy.refuse()
    await assert_outage_answers(outage_node, station, "cs-new-2")
    await proxy.restore()
    await assert_recovered(outage_node, station, "cs-new-3")
