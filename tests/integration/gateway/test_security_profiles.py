"""Security profiles over real TLS handshakes (Part 2 A00, A05; Part 4 §3): Basic auth on the
plain listener (1) and over TLS (2), client certificates whose CN names the station (3), TLS
1.2+ only, a downgrade refused once the station connected higher (A05.FR.07, TC_A_19_CSMS),
and failed handshakes counted and limited per address."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

import aiohttp
import pytest

from tests.conftest import NodeFactory
from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.tls import TestPki, open_tls_listener, tls_station

PASSWORD = "profile-password-0123"
TLS12 = ssl.TLSVersion.TLSv1_2

Upgrade = Callable[..., Awaitable[int]]


def _basic(station_id: str, password: str = PASSWORD) -> dict[str, str]:
    return {"Authorization": aiohttp.encode_basic_auth(station_id, password)}


@pytest.fixture
def pki(tmp_path: Path) -> TestPki:
    """A CA, the CSMS's certificate and station certificates, as files."""
    return TestPki(tmp_path)


@pytest.fixture
async def secure(make_node: NodeFactory, sqlite_url: str, pki: TestPki) -> RunningNode:
    """A node outside dev mode's conveniences (no unauthenticated stations) with both
    listeners; `secure.wss` is the TLS one."""
    node = await make_node(sqlite_url, accept_unknown_stations=False, **pki.settings())
    node.wss = await open_tls_listener(node)  # type: ignore[attr-defined]
    return node


async def _register(node: RunningNode, station_id: str, profile: int, password: bool) -> None:
    await node.graphql.data(
        "mutation($id: ID!, $p: Int!, $pw: String) { upsertStation(input: "
        "{id: $id, securityProfile: $p, password: $pw}) { id securityProfile } }",
        {"id": station_id, "p": profile, "pw": PASSWORD if password else None},
    )


async def _profile(node: RunningNode, station_id: str) -> int:
    data = await node.graphql.data(
        "query($id: ID!) { station(id: $id) { securityProfile } }", {"id": station_id}
    )
    return int(data["station"]["securityProfile"])


async def _plain(node: RunningNode, station_id: str, headers: dict[str, str] | None = None) -> int:
    try:
        ws = await node.session.ws_connect(
            f"{node.ws_url}/ocpp/{station_id}", protocols=("ocpp2.0.1",), headers=headers
        )
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    await ws.close()
    return 101


async def _tls(
    node: RunningNode,
    station_id: str,
    context: ssl.SSLContext,
    headers: dict[str, str] | None = None,
) -> int | str:
    """101, the HTTP status of a refused upgrade, or "handshake" when TLS itself failed."""
    try:
        station = await tls_station(
            node.session,
            node.wss,  # type: ignore[attr-defined]
            station_id,
            context,
            headers,
        )
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    except (aiohttp.ClientConnectionError, ssl.SSLError):
        return "handshake"
    await station.close()
    return 101


async def _metric(node: RunningNode, reason: str) -> float:
    async with node.session.get(f"{node.http_url}/metrics") as response:
        text = await response.text()
    line = f'csms_station_auth_refusals_total{{reason="{reason}"}} '
    for row in text.splitlines():
        if row.startswith(line):
            return float(row[len(line) :])
    return 0.0


async def test_profile_1_basic_auth_on_the_plain_listener(secure: RunningNode) -> None:
    """A00.FR.202-207: the username is the station id, the password checked."""
    await _register(secure, "P1", 1, password=True)
    assert await _plain(secure, "P1", _basic("P1")) == 101
    assert await _plain(secure, "P1", _basic("P1", "wrong-password-01234")) == 401
    assert await _plain(secure, "P1", _basic("OTHER")) == 401
    assert await _plain(secure, "P1") == 401
    assert await _metric(secure, "bad_credentials") == 2
    assert await _metric(secure, "missing_credentials") == 1


async def test_profile_2_needs_tls_a00_fr_312(secure: RunningNode, pki: TestPki) -> None:
    await _register(secure, "P2", 2, password=True)
    assert await _tls(secure, "P2", pki.client_context(), _basic("P2")) == 101
    assert await _plain(secure, "P2", _basic("P2")) == 401
    assert await _tls(secure, "P2", pki.client_context()) == 401
    assert await _tls(secure, "P2", pki.client_context(), _basic("P2", "x" * 20)) == 401
    assert await _metric(secure, "profile_too_low") == 1
    assert await _profile(secure, "P2") == 2


async def test_profile_3_client_certificate_naming_the_station_a00_fr_405(
    secure: RunningNode, pki: TestPki
) -> None:
    await _register(secure, "P3", 3, password=False)
    assert await _tls(secure, "P3", pki.client_context("P3")) == 101
    station = await tls_station(
        secure.session,
        secure.wss,  # type: ignore[attr-defined]
        "P3",
        pki.client_context("P3"),
    )
    assert (await station.boot())[2]["status"] == "Accepted"
    await station.close()


async def test_profile_3_refuses_a_cn_mismatch_a_missing_certificate_and_a_password(
    secure: RunningNode, pki: TestPki
) -> None:
    await _register(secure, "P3-A", 3, password=True)
    assert await _tls(secure, "P3-A", pki.client_context("P3-B")) == 401
    assert await _tls(secure, "P3-A", pki.client_context()) == 401
    assert await _tls(secure, "P3-A", pki.client_context(), _basic("P3-A")) == 401
    assert await _plain(secure, "P3-A", _basic("P3-A")) == 401
    assert await _metric(secure, "certificate_mismatch") == 1
    assert await _metric(secure, "profile_too_low") == 2


async def test_a_certificate_from_another_ca_fails_the_tls_handshake_a00_fr_407(
    secure: RunningNode, pki: TestPki
) -> None:
    await _register(secure, "P3-F", 3, password=False)
    assert (
        await _tls(secure, "P3-F", pki.client_context("P3-F", foreign=True, maximum=TLS12))
        == "handshake"
    )
    assert await _metric(secure, "tls_handshake") == 1


async def test_tls_below_1_2_is_refused_a00_fr_313(secure: RunningNode, pki: TestPki) -> None:
    await _register(secure, "OLD-TLS", 2, password=True)
    old = pki.client_context(maximum=ssl.TLSVersion.TLSv1_1)
    old.set_ciphers("ALL:@SECLEVEL=0")
    assert await _tls(secure, "OLD-TLS", old, _basic("OLD-TLS")) == "handshake"


@pytest.mark.parametrize(
    "suite",
    [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384",
    ],
)
async def test_the_four_cipher_suites_of_a00_fr_318_are_served(
    secure: RunningNode, pki: TestPki, suite: str
) -> None:
    """With an ECDSA and an RSA certificate, a TLS 1.2 client offering one suite gets it."""
    context = pki.client_context(maximum=TLS12)
    context.set_ciphers(suite)
    port = int(secure.wss.rsplit(":", 1)[1])  # type: ignore[attr-defined]
    _, writer = await asyncio.open_connection("127.0.0.1", port, ssl=context)
    assert writer.get_extra_info("cipher")[0] == suite
    assert writer.get_extra_info("ssl_object").version() == "TLSv1.2"
    writer.close()
    await writer.wait_closed()


async def test_graphql_is_served_over_https_too(secure: RunningNode, pki: TestPki) -> None:
    url = secure.wss.replace("wss://", "https://") + "/graphql"  # type: ignore[attr-defined]
    async with secure.session.post(
        url,
        json={"query": "{ stations(first: 1) { id } }"},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        ssl=pki.client_context(),
    ) as response:
        assert response.status == 200
        assert (await response.json())["data"] == {"stations": []}


async def test_a_station_upgraded_to_profile_2_cannot_come_back_at_1_a05_fr_07(
    secure: RunningNode, pki: TestPki
) -> None:
    """TC_A_19_CSMS step 11: once connected at the higher profile, the lower is refused."""
    await _register(secure, "UP", 1, password=True)
    assert await _plain(secure, "UP", _basic("UP")) == 101
    assert await _tls(secure, "UP", pki.client_context(), _basic("UP")) == 101
    assert await _profile(secure, "UP") == 2
    assert await _plain(secure, "UP", _basic("UP")) == 401


async def test_a05_upgrade_to_profile_3_driven_by_graphql(
    secure: RunningNode, pki: TestPki
) -> None:
    """A05: at profile 2, the operator sets a profile-3 connection profile, then resets the
    station; it connects with its certificate, and profile 2 is refused from then on."""
    await _register(secure, "UP3", 2, password=True)
    station = await tls_station(
        secure.session,
        secure.wss,  # type: ignore[attr-defined]
        "UP3",
        pki.client_context(),
        _basic("UP3"),
    )
    await station.boot()
    profile = {
        "ocppVersion": "OCPP20",
        "ocppTransport": "JSON",
        "ocppCsmsUrl": secure.wss,  # type: ignore[attr-defined]
        "messageTimeout": 30,
        "securityProfile": 3,
        "ocppInterface": "Wired0",
    }
    _, data = await secure.run_answered(
        station,
        'mutation($p: NetworkConnectionProfileInput!) { setNetworkProfile(stationId: "UP3", '
        "configurationSlot: 2, connectionData: $p) { outcome status } }",
        {"p": profile},
        "SetNetworkProfile",
        {"status": "Accepted"},
    )
    assert data["setNetworkProfile"] == {"outcome": "RESULT", "status": "Accepted"}
    _, data = await secure.run_answered(
        station,
        'mutation { reset(stationId: "UP3", type: Immediate) { outcome status } }',
        {},
        "Reset",
        {"status": "Accepted"},
    )
    assert data["reset"]["status"] == "Accepted"
    await station.close()
    assert await _tls(secure, "UP3", pki.client_context("UP3")) == 101
    assert await _profile(secure, "UP3") == 3
    assert await _tls(secure, "UP3", pki.client_context(), _basic("UP3")) == 401


async def test_failed_tls_handshakes_are_limited_per_address(
    make_node: NodeFactory, sqlite_url: str, pki: TestPki
) -> None:
    node = await make_node(
        sqlite_url, accept_unknown_stations=False, auth_failures_per_address=2, **pki.settings()
    )
    node.wss = await open_tls_listener(node)  # type: ignore[attr-defined]
    await _register(node, "LIMITED", 3, password=False)
    foreign = pki.client_context("LIMITED", foreign=True, maximum=TLS12)
    assert await _tls(node, "LIMITED", foreign) == "handshake"
    assert await _tls(node, "LIMITED", foreign) == "handshake"
    # the address is now over its limit: even a good certificate is dropped unanswered
    assert await _tls(node, "LIMITED", pki.client_context("LIMITED")) == "handshake"
    assert await _metric(node, "tls_handshake") == 2
    assert await _metric(node, "throttled") == 1


@pytest.mark.parametrize("trusted", [True, False], ids=["trusted proxy", "untrusted address"])
async def test_a_client_certificate_forwarded_by_a_tls_terminating_proxy(
    make_node: NodeFactory, sqlite_url: str, pki: TestPki, trusted: bool
) -> None:
    node = await make_node(
        sqlite_url,
        accept_unknown_stations=False,
        tls_proxy_cert_header="X-Client-Cert",
        tls_proxy_addresses="127.0.0.0/8" if trusted else "10.0.0.0/8",
    )
    await _register(node, "BEHIND", 3, password=False)
    own = {"X-Client-Cert": quote(pki.client_pem("BEHIND"))}
    other = {"X-Client-Cert": quote(pki.client_pem("SOMEONE"))}
    assert await _plain(node, "BEHIND", own) == (101 if trusted else 401)
    assert await _plain(node, "BEHIND", other) == 401
