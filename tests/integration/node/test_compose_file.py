"""deploy/docker-compose.yml run as it is written, without docker: its CSMS services start
from the image's files (Dockerfile COPY, `pip install .`) with their own commands (`csms
migrate && csms run`, all at once on an empty database) and environments, the compose
addresses pointed at the local PostgreSQL, Redis and Pub/Sub emulator. The deployment must
then work as the compose file's header promises: stations on either node, operators on
either node with the compose file's admin token."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import aiohttp
import pytest

from tests.support.compose_file import Service, read_compose, read_dockerfile
from tests.support.compose_run import (
    Backends,
    Image,
    ServiceProcess,
    build_image,
    run_healthcheck,
    run_local_healthcheck,
    run_services,
    wait_ready,
)
from tests.support.databases import empty_database
from tests.support.graphql import GraphQLClient
from tests.support.station import ScriptedStation

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.pubsub]

STATION = "CS-COMPOSE"
PASSWORD = "compose-station-password-01"
"""16 to 40 characters (A00.FR.205)."""
REGISTER = """
mutation($id: ID!, $password: String!) {
  upsertStation(input: {id: $id, password: $password}) { id securityProfile }
}
"""
RESET = """
mutation($id: ID!) { reset(stationId: $id, type: Immediate, timeoutSeconds: 20) { outcome status } }
"""
ONLINE = "query($id: ID!) { station(id: $id) { online } }"


def _graphql(session: aiohttp.ClientSession, node: ServiceProcess) -> GraphQLClient:
    """An operator on `node` with the compose file's admin token."""
    return GraphQLClient(session, f"{node.http_url}/graphql", node.env["CSMS_ADMIN_TOKEN"])


def _nodes(running: dict[str, ServiceProcess]) -> tuple[ServiceProcess, ServiceProcess]:
    """The first two services that publish a port and hold stations and operators."""
    nodes = [
        process
        for process in running.values()
        if process.service.ports
        and {"gateway", "api"}
        <= set(process.env.get("CSMS_ROLES", "gateway,worker,api").split(","))
    ]
    assert len(nodes) >= 2, f"the compose file should run two gateway+api nodes: {list(running)}"
    return nodes[0], nodes[1]


def _assert_each_listens_on_its_published_port(running: dict[str, ServiceProcess]) -> None:
    """The container port each service publishes is its CSMS_PORT, which the process took
    (here: the free port standing for it) and announced."""
    for process in running.values():
        published = {container for _, container in process.service.ports}
        assert published <= {int(process.service.environment["CSMS_PORT"])}, (
            process.service.name,
            process.service.ports,
        )
        if published:
            assert f"ws://127.0.0.1:{process.port}/ocpp/" in process.log.read_text()


async def _assert_healthchecks_pass(
    services: dict[str, Service], running: dict[str, ServiceProcess], image: Image, folder: Path
) -> None:
    for process in running.values():
        code, output = await run_healthcheck(process, image)
        assert code == 0, f"{process.service.name}'s healthcheck failed:\n{output}"
    for service in services.values():
        if service.build_context is None and service.healthcheck is not None:
            code, output = await run_local_healthcheck(service, folder)
            assert code == 0, f"{service.name}'s healthcheck failed:\n{output}"


async def _assert_dashboards_served(
    session: aiohttp.ClientSession, nodes: tuple[ServiceProcess, ...]
) -> None:
    """The compose header's promise: the dashboard answers on both ports (its files come
    from the image's WORKDIR, not from beside the installed package)."""
    for node in nodes:
        async with session.get(f"{node.http_url}/dashboard") as response:
            assert response.status == 200, node.service.name
            assert "<html" in (await response.text()).lower()


async def _boot_and_command(
    session: aiohttp.ClientSession, first: ServiceProcess, second: ServiceProcess
) -> None:
    """A station registered through node 2 boots on node 1; node 2's operator resets it."""
    operator = _graphql(session, second)
    registered = await operator.data(REGISTER, {"id": STATION, "password": PASSWORD})
    # no TLS listener in the compose file: the default profile must be one a station can
    # reach over ws://
    assert registered["upsertStation"] == {"id": STATION, "securityProfile": 1}

    # security profile 1: HTTP Basic auth over ws:// (A00.FR.201)
    station = await ScriptedStation.connect(
        session,
        first.http_url.replace("http://", "ws://", 1),
        STATION,
        headers={"Authorization": aiohttp.encode_basic_auth(STATION, PASSWORD)},
    )
    try:
        # node 1 -> Pub/Sub -> worker -> Pub/Sub -> node 1 (B01)
        boot = await station.boot(vendor="Compose", model="Two-Node")
        assert boot[0] == 3 and boot[2]["status"] == "Accepted", boot

        # node 2's operator -> Redis directory -> node 1 -> the station and back (B11)
        pending = asyncio.create_task(operator.data(RESET, {"id": STATION}))
        call = await station.expect_call("Reset", timeout=30)
        assert call[3] == {"type": "Immediate"}
        await station.reply(call[1], {"status": "Accepted"})
        answered = await pending
        assert answered["reset"] == {"outcome": "RESULT", "status": "Accepted"}

        for node in (first, second):
            shown = await _graphql(session, node).data(ONLINE, {"id": STATION})
            assert shown["station"] == {"online": True}, node.service.name
    finally:
        await station.close()


async def test_the_compose_deployment_boots_a_station_and_answers_operators_on_both_nodes(
    pubsub_emulator_host: str, tmp_path: Path
) -> None:
    services = read_compose()
    built = [service for service in services.values() if service.build_context is not None]
    assert built, "no service is built from the project's Dockerfile"
    context = built[0].build_context
    assert context is not None
    image = build_image(read_dockerfile(context / "Dockerfile"), context, tmp_path / "image")

    async with (
        empty_database("postgres", tmp_path) as database_url,
        aiohttp.ClientSession() as session,
    ):
        backends = Backends(database_url, pubsub_emulator_host, uuid.uuid4().hex[:8])
        # every service runs `csms migrate && csms run` at once, on the empty database
        async with run_services(services, image, backends, tmp_path) as running:
            assert set(running) == {service.name for service in built}
            await asyncio.gather(*(wait_ready(process, session) for process in running.values()))
            _assert_each_listens_on_its_published_port(running)
            await _assert_healthchecks_pass(services, running, image, tmp_path)
            nodes = _nodes(running)
            await _assert_dashboards_served(session, nodes)
            await _boot_and_command(session, *nodes)
