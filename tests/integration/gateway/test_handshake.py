"""Part 4 §3: the connection URL, subprotocol, credentials, replacement and shutdown."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": aiohttp.encode_basic_auth(user, password)}


async def _upgrade_status(
    node: RunningNode,
    path: str,
    protocols: tuple[str, ...] = ("ocpp2.0.1",),
    headers: dict[str, str] | None = None,
) -> int:
    try:
        ws = await node.session.ws_connect(
            f"{node.ws_url}{path}", protocols=protocols, headers=headers
        )
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    await ws.close()
    return 101


async def test_station_without_ocpp201_subprotocol_gets_400_before_upgrade(
    node: RunningNode,
) -> None:
    assert await _upgrade_status(node, "/ocpp/CS1", protocols=("ocpp1.6",)) == 400
    assert await _upgrade_status(node, "/ocpp/CS1", protocols=()) == 400


async def test_ocpp201_among_several_offers_is_accepted(node: RunningNode) -> None:
    ws = await node.session.ws_connect(
        f"{node.ws_url}/ocpp/CS1", protocols=("ocpp1.6", "ocpp2.0.1")
    )
    assert ws.protocol == "ocpp2.0.1"
    await ws.close()


@pytest.mark.parametrize(
    "path",
    ["/ocpp/" + "x" * 49, "/ocpp/CS%3A1", "/ocpp/CS:1"],
    ids=["49 characters", "percent-encoded colon", "colon"],
)
async def test_bad_station_identity_gets_400(node: RunningNode, path: str) -> None:
    assert await _upgrade_status(node, path) == 400


async def test_station_identity_is_percent_decoded(node: RunningNode) -> None:
    station = await node.station("NL%2ARDAM%7C123")
    assert (await station.boot())[0] == 3
    data = await node.graphql.data('{ station(id: "NL*RDAM|123") { id vendorName } }')
    assert data["station"] == {"id": "NL*RDAM|123", "vendorName": "VendorX"}
    await station.close()


_NOT_IDENTIFIER_STRINGS = {
    "trailing space": "AUTH-1%20",
    "inner space": "RDAM%20123",
    "U+2010 hyphen homoglyph": "AUTH%E2%80%901",
    "markup": "%3Cscript%3E%20x",
    "non-ASCII letter": "Gr%C3%BC%C3%9Fe",
    "quote": "CS%221",
}


@pytest.mark.parametrize(
    "path", list(_NOT_IDENTIFIER_STRINGS.values()), ids=list(_NOT_IDENTIFIER_STRINGS)
)
@pytest.mark.parametrize("accept_unknown", [True, False], ids=["dev mode", "production"])
async def test_identity_outside_identifierstring_gets_400_in_every_mode(
    make_node: NodeFactory, sqlite_url: str, path: str, accept_unknown: bool
) -> None:
    """Part 4 §3.1.1: the identity is an identifierString (Part 2: a-z A-Z 0-9 * - _ = : + | @ .,
    ':' excluded as the basic-auth separator); anything else is refused before the upgrade and
    no station is created."""
    running = await make_node(sqlite_url, accept_unknown_stations=accept_unknown)
    assert await _upgrade_status(running, "/ocpp/" + path) == 400
    data = await running.graphql.data("{ stations { id } }")
    assert data["stations"] == []


async def test_every_identifierstring_character_but_the_colon_is_accepted(
    node: RunningNode,
) -> None:
    """Part 4 §3.1.1 / Part 2 identifierString: letters, digits and * - _ = + | @ . pass."""
    assert await _upgrade_status(node, "/ocpp/aZ09%2A-_%3D%2B%7C%40.") == 101


async def test_48_character_identity_is_accepted(node: RunningNode) -> None:
    assert await _upgrade_status(node, "/ocpp/" + "y" * 48) == 101


async def test_unknown_station_is_refused_with_404_when_configured(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    strict = await make_node(sqlite_url, accept_unknown_stations=False)
    assert await _upgrade_status(strict, "/ocpp/STRANGER") == 404
    await strict.graphql.data(
        'mutation { upsertStation(input: {id: "FRIEND", password: "friend-password-0123"}) { id } }'
    )
    headers = _basic("FRIEND", "friend-password-0123")
    assert await _upgrade_status(strict, "/ocpp/FRIEND", headers=headers) == 101


async def test_a_registered_station_without_a_password_cannot_connect_outside_dev_mode(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """A00: profile 1 and 2 need Basic auth; only the dev setting admits a station with none."""
    strict = await make_node(sqlite_url, accept_unknown_stations=False)
    for profile in (1, 2):
        await strict.graphql.data(
            'mutation($p: Int!) { upsertStation(input: {id: "BARE", securityProfile: $p}) { id } }',
            {"p": profile},
        )
        assert await _upgrade_status(strict, "/ocpp/BARE") == 401


async def test_unknown_station_is_registered_when_accepted(node: RunningNode) -> None:
    station = await node.station("NEWCOMER")
    await node.wait_for(
        lambda: node.node.gateway is not None and len(node.node.gateway.registry) == 1
    )
    # the row is written by the worker's connected handler, after the socket is registered
    for _ in range(500):
        data = await node.graphql.data('{ station(id: "NEWCOMER") { id online } }')
        if data["station"] is not None:
            break
        await asyncio.sleep(0.01)
    assert data["station"] == {"id": "NEWCOMER", "online": True}
    await station.close()


async def test_station_with_password_needs_basic_auth(node: RunningNode) -> None:
    password = "s3cret-password-123"
    await node.graphql.data(
        'mutation($p: String!) { upsertStation(input: {id: "LOCKED", password: $p}) { id } }',
        {"p": password},
    )
    assert await _upgrade_status(node, "/ocpp/LOCKED") == 401
    wrong = _basic("LOCKED", "not-the-password!!")
    assert await _upgrade_status(node, "/ocpp/LOCKED", headers=wrong) == 401
    other_user = _basic("SOMEONE", password)
    assert await _upgrade_status(node, "/ocpp/LOCKED", headers=other_user) == 401
    station = await node.station("LOCKED", headers=_basic("LOCKED", password))
    assert (await station.boot())[0] == 3
    await station.close()


async def test_permessage_deflate_is_negotiated_when_offered(node: RunningNode) -> None:
    ws = await node.session.ws_connect(
        f"{node.ws_url}/ocpp/CS-DEFLATE", protocols=("ocpp2.0.1",), compress=15
    )
    assert ws.compress == 15
    boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
    await ws.send_json([2, "z1", "BootNotification", boot])
    answer = await ws.receive_json()
    assert answer[:2] == [3, "z1"]
    await ws.close()


async def test_second_connection_replaces_the_first(node: RunningNode) -> None:
    first = await node.booted_station("TWICE")
    second = await node.station("TWICE")
    assert await first.wait_closed() == 4000
    assert (await second.call("Heartbeat", {}))[0] == 3
    await node.wait_for(
        lambda: node.node.gateway is not None and len(node.node.gateway.registry) == 1
    )
    data = await node.graphql.data('{ station(id: "TWICE") { online } }')
    assert data["station"]["online"] is True
    await second.close()


async def test_shutdown_closes_station_sockets_with_1001(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    running = await make_node(sqlite_url)
    station = await running.booted_station("BYE")
    await running.server.close()
    assert await station.wait_closed() == 1001


async def test_station_that_stops_answering_pings_is_disconnected(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """Websocket keepalive (CSMS_WS_HEARTBEAT): no pong, the CSMS closes the socket."""
    running = await make_node(sqlite_url, ws_heartbeat=0.2)
    ws = await running.session.ws_connect(
        f"{running.ws_url}/ocpp/SILENT", protocols=("ocpp2.0.1",), autoping=False
    )
    while True:
        message = await asyncio.wait_for(ws.receive(), 10)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            break
        assert message.type is aiohttp.WSMsgType.PING
    await running.wait_for(
        lambda: running.node.gateway is not None and len(running.node.gateway.registry) == 0
    )
    await ws.close()


@pytest.mark.parametrize("station_id", ["AUTH-1 ", "AUTH\u20101", "<script> x", "CS:1"])
async def test_upsert_station_refuses_the_ids_the_handshake_refuses(
    node: RunningNode, station_id: str
) -> None:
    """Part 4 §3.1.1: one identifierString rule (modules.kernel.station_id) for the URL and the
    operator's registration, so no station can be registered that could never connect."""
    body = await node.graphql.execute(
        "mutation($id: ID!) { upsertStation(input: {id: $id}) { id } }", {"id": station_id}
    )
    assert body["errors"][0]["message"].startswith("id:")
    data = await node.graphql.data("{ stations { id } }")
    assert data["stations"] == []


async def test_too_many_failed_logins_get_429_before_any_password_is_checked(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    """Issue 24: password guessing is limited per station id; the right password waits too,
    and another station's login is unaffected."""
    node = await make_node(sqlite_url, auth_failures_per_station=3, auth_failure_window=60.0)
    for station_id in ("GUESSED", "NEIGHBOUR"):
        await node.graphql.data(
            "mutation($id: ID!, $p: String!) "
            "{ upsertStation(input: {id: $id, password: $p}) { id } }",
            {"id": station_id, "p": "right-password-123"},
        )
    wrong = _basic("GUESSED", "wrong-password-xyz")
    for _ in range(3):
        assert await _upgrade_status(node, "/ocpp/GUESSED", headers=wrong) == 401
    try:
        await node.session.ws_connect(
            f"{node.ws_url}/ocpp/GUESSED",
            protocols=("ocpp2.0.1",),
            headers=_basic("GUESSED", "right-password-123"),
        )
        raise AssertionError("the fourth attempt was let through")
    except aiohttp.WSServerHandshakeError as refused:
        assert refused.status == 429
        assert refused.headers is not None and int(refused.headers["Retry-After"]) >= 1
    neighbour = await node.station("NEIGHBOUR", headers=_basic("NEIGHBOUR", "right-password-123"))
    assert (await neighbour.boot())[0] == 3
    await neighbour.close()
