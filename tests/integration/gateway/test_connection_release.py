"""A finished station connection is freed by reference counting alone, with the cyclic garbage
collector off: it leaves no reference cycle behind, however it ended (app/gateway/cycles.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Coroutine
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from aiohttp.web_runner import AppRunner

from app.bootstrap import build_app
from tests.support.nodes import RunningNode, node_settings
from tests.support.sockets import RawStation, call_frame


class RunAppServer(TestServer):
    """A test server whose handlers are not cancelled when their connection is lost, as under
    `web.run_app` (`csms run`); aiohttp's test server cancels them."""

    async def _make_runner(self, **kwargs: Any) -> AppRunner:
        return AppRunner(self.app, **{**kwargs, "handler_cancellation": False})


Ending = Callable[[], Coroutine[Any, Any, None]]


async def _closed_normally(node: RunningNode, station_id: str) -> Ending:
    station = await node.booted_station(station_id)

    async def end() -> None:
        await station.ws.close()

    return end


async def _dropped_mid_frame(node: RunningNode, station_id: str) -> Ending:
    assert node.server.port is not None
    station = await RawStation.connect(node.server.port, station_id)
    assert (await station.boot())[0] == 3

    async def end() -> None:
        frame = call_frame("h", "Heartbeat", {"customData": {"vendorId": "x" * 2000}})
        await station.send(frame[: len(frame) // 2])
        station.abort()

    return end


async def _closed_for_not_reading(node: RunningNode, station_id: str) -> Ending:
    assert node.server.port is not None
    station = await RawStation.connect(node.server.port, station_id, receive_buffer=4096)
    assert (await station.boot())[0] == 3
    node.shrink_kernel_send_buffer(station_id)

    async def end() -> None:
        await station.flood()
        station.abort()

    return end


ENDINGS: dict[str, Callable[[RunningNode, str], Coroutine[Any, Any, Ending]]] = {
    "closed normally": _closed_normally,
    "dropped in the middle of a frame": _dropped_mid_frame,
    "closed for leaving its answers unread": _closed_for_not_reading,
}


@pytest.mark.parametrize("ending", list(ENDINGS))
async def test_a_finished_connection_leaves_no_reference_cycle(
    http_session: aiohttp.ClientSession, sqlite_url: str, ending: str
) -> None:
    """With the websocket heartbeat on, as `csms run` has it (a cycle through aiohttp's
    data-received callback), for a station lost mid-frame (its close error's traceback), and
    for one the node closed because it did not read."""
    settings = node_settings(
        sqlite_url, ws_heartbeat=30, ws_send_buffer_bytes=64 * 1024, ws_send_stall_seconds=0.5
    )
    server = RunAppServer(build_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    node = RunningNode(server, http_session, settings)
    gateway = node.node.gateway
    assert gateway is not None
    station_id = "RELEASED"
    gc.collect()
    gc.disable()
    try:
        end = await ENDINGS[ending](node, station_id)
        connection = gateway.registry.get(station_id)
        assert connection is not None
        response, request = weakref.ref(connection.ws), weakref.ref(connection.ws._req)
        del connection
        await end()
        await node.wait_for(lambda: gateway.registry.get(station_id) is None)
        await node.wait_for(lambda: response() is None and request() is None, timeout=5.0)
    finally:
        gc.enable()
        await server.close()
