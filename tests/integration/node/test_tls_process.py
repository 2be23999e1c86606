"""`csms run` (uvloop, as deployed) with the TLS settings: it announces the wss:// URL and
serves profile 3 stations and GraphQL over TLS next to the plain listener."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from pathlib import Path

import aiohttp

from tests.support.node_process import node_process
from tests.support.tls import TestPki

TOKEN = "process-admin-token-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _listening(port: int) -> None:
    for _ in range(600):
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


async def test_csms_run_serves_wss_and_https_with_client_certificates(
    sqlite_url: str, tmp_path: Path
) -> None:
    pki = TestPki(tmp_path)
    tls_port = _free_port()
    async with node_process(
        sqlite_url, tmp_path, tls_port=str(tls_port), admin_token=TOKEN, **pki.settings()
    ) as node:
        await _listening(tls_port)
        assert f"wss://127.0.0.1:{tls_port}/ocpp/<stationId>" in node.log_tail()
        base = f"127.0.0.1:{tls_port}"
        async with aiohttp.ClientSession() as session:
            async with session.post(
                f"https://{base}/graphql",
                json={
                    "query": 'mutation { upsertStation(input: {id: "CS-TLS", securityProfile: 3})'
                    " { securityProfile } }"
                },
                headers={"Authorization": f"Bearer {TOKEN}"},
                ssl=pki.client_context(),
            ) as response:
                body = await response.json()
            assert body["data"]["upsertStation"] == {"securityProfile": 3}
            async with session.ws_connect(
                f"wss://{base}/ocpp/CS-TLS",
                protocols=("ocpp2.0.1",),
                ssl=pki.client_context("CS-TLS"),
            ) as ws:
                boot = {"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}}
                await ws.send_json([2, "b1", "BootNotification", boot])
                answer = await ws.receive_json()
                assert answer[0] == 3 and answer[2]["status"] == "Accepted"
            try:
                await session.ws_connect(
                    f"ws://127.0.0.1:{node.port}/ocpp/CS-TLS", protocols=("ocpp2.0.1",)
                )
            except aiohttp.WSServerHandshakeError as refused:
                assert refused.status == 401
            else:
                raise AssertionError("profile 3 must be refused on the plain listener")
