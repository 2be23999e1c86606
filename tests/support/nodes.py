"""Running CSMS nodes for integration tests: the real app on a real port."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

from app.bootstrap import NODE, Node, build_app
from app.clock import utc_now
from app.settings import Settings
from modules.data_transfer import VendorHandler
from tests.support.graphql import GraphQLClient
from tests.support.station import CallError, Frame, ScriptedStation

ADMIN_TOKEN = "test-admin-token-0123456789"


@dataclass
class RunningNode:
    """A node serving on localhost, with clients bound to it."""

    server: TestServer
    session: aiohttp.ClientSession
    settings: Settings

    @property
    def node(self) -> Node:
        """The node's wiring (gateway, sender, event hub, ...)."""
        return self.server.app[NODE]

    @property
    def http_url(self) -> str:
        """http://127.0.0.1:port."""
        return str(self.server.make_url("")).rstrip("/")

    @property
    def ws_url(self) -> str:
        """ws://127.0.0.1:port."""
        return self.http_url.replace("http://", "ws://", 1)

    @property
    def graphql(self) -> GraphQLClient:
        """An authenticated operator client."""
        return GraphQLClient(self.session, f"{self.http_url}/graphql", ADMIN_TOKEN)

    async def station(self, station_id: str, **kwargs: Any) -> ScriptedStation:
        """Connect a scripted station."""
        return await ScriptedStation.connect(self.session, self.ws_url, station_id, **kwargs)

    async def booted_station(self, station_id: str, status: str = "Accepted") -> ScriptedStation:
        """Connect a scripted station and boot it (the boot must be answered `status`)."""
        station = await self.station(station_id)
        answer = await station.boot()
        assert answer[0] == 3 and answer[2]["status"] == status, answer
        return station

    async def run_answered(
        self,
        station: ScriptedStation,
        query: str,
        variables: dict[str, Any],
        action: str,
        answer: dict[str, Any] | CallError | None,
    ) -> tuple[Frame, dict[str, Any]]:
        """Run a GraphQL operation that sends `station` a CALL of `action`, which the station
        answers with `answer` (a CALLRESULT's payload or a CallError; None: it stays silent);
        returns the CALL and the operation's data."""
        pending = asyncio.create_task(self.graphql.data(query, variables))
        call = await station.expect_call(action)
        if answer is not None:
            await station.reply(call[1], answer)
        return call, await pending

    async def run_timed_out(
        self, station: ScriptedStation, query: str, variables: dict[str, Any], action: str
    ) -> dict[str, Any]:
        """Run an operation with a 0.3 s timeout; `station` gets its CALL of `action` and stays
        silent. Asserts the TIMEOUT outcome and returns the operation's one result."""
        silent = {**variables, "timeout": 0.3}
        _, data = await self.run_answered(station, query, silent, action, None)
        (result,) = data.values()
        assert result["outcome"] == "TIMEOUT", result
        return dict(result)

    async def run_refused(
        self, station: ScriptedStation, query: str, variables: dict[str, Any], action: str
    ) -> dict[str, Any]:
        """Run an operation whose CALL of `action` `station` refuses with a NotSupported
        CallError. Asserts the CALL_ERROR outcome and returns the operation's one result."""
        refusal = CallError("NotSupported", "not supported by this station")
        _, data = await self.run_answered(station, query, variables, action, refusal)
        (result,) = data.values()
        assert (result["outcome"], result["errorCode"]) == ("CALL_ERROR", "NotSupported"), result
        return dict(result)

    def shrink_kernel_send_buffer(self, station_id: str) -> None:
        """Keep the kernel from taking megabytes for `station_id` before the node's own send
        buffer fills (loopback autotunes a socket's send buffer up to 4 MB), as a closed TCP
        window on a real network would."""
        gateway = self.node.gateway
        assert gateway is not None
        connection = gateway.registry.get(station_id)
        assert connection is not None and connection.transport is not None
        sock = connection.transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Poll until `condition()` holds (never a timing assertion: just a bounded wait)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            if loop.time() > deadline:
                raise AssertionError("condition not reached in time")
            await asyncio.sleep(0.01)

    async def wait_subscribers(self, count: int) -> None:
        """Wait until `count` GraphQL subscriptions are live on this node."""
        hub = self.node.events
        assert hub is not None
        await self.wait_for(lambda: hub.subscriber_count >= count)

    async def flush_presence(self) -> None:
        """Write buffered Heartbeat last-seen times now."""
        if self.node.presence is not None:
            await self.node.presence.flush()

    async def flush_message_log(self) -> None:
        """Write queued message-log frames now."""
        if self.node.message_log is not None:
            await self.node.message_log.flush()


def node_settings(database_url: str, **overrides: Any) -> Settings:
    """Settings for a test node (dev environment, known admin token)."""
    values: dict[str, Any] = {
        "environment": "dev",
        "admin_token": ADMIN_TOKEN,
        "database_url": database_url,
        "accept_unknown_stations": True,
        "ws_heartbeat": 0,
    }
    values.update(overrides)
    return Settings(**values)


async def start_node(
    settings: Settings,
    session: aiohttp.ClientSession,
    now: Callable[[], datetime] = utc_now,
    vendors: Sequence[VendorHandler] = (),
) -> RunningNode:
    """Build the app from `settings` (with DataTransfer `vendors`) and serve it on a free
    port."""
    server = TestServer(build_app(settings, now=now, vendors=vendors), host="127.0.0.1", port=0)
    await server.start_server()
    return RunningNode(server, session, settings)
