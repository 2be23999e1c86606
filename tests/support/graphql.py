"""A GraphQL client for tests: HTTP queries and graphql-transport-ws subscriptions."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp


class GraphQLClient:
    """Talks to `/graphql` as an operator or a dashboard would."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str | None) -> None:
        self.session = session
        self.url = url
        self.token = token
        self._ids = itertools.count(1)

    def _headers(self, token: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"} if token else {}

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = "default"
    ) -> dict[str, Any]:
        """POST the operation; returns the whole response body."""
        use = self.token if token == "default" else token
        async with self.session.post(
            self.url,
            json={"query": query, "variables": variables or {}},
            headers=self._headers(use),
        ) as response:
            body: dict[str, Any] = await response.json()
            return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The response's data; fails the test on any GraphQL error."""
        body = await self.execute(query, variables)
        assert not body.get("errors"), body.get("errors")
        data: dict[str, Any] = body["data"]
        return data

    @asynccontextmanager
    async def subscribe(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = "default"
    ) -> AsyncIterator[Subscription]:
        """Open a graphql-transport-ws socket and start one subscription."""
        use = self.token if token == "default" else token
        ws = await self.session.ws_connect(self.url, protocols=("graphql-transport-ws",))
        try:
            init: dict[str, Any] = {"type": "connection_init", "payload": {}}
            if use:
                init["payload"] = {"Authorization": f"Bearer {use}"}
            await ws.send_json(init)
            subscription = Subscription(ws, str(next(self._ids)))
            await subscription.expect_ack()
            await ws.send_json(
                {
                    "id": subscription.id,
                    "type": "subscribe",
                    "payload": {"query": query, "variables": variables or {}},
                }
            )
            yield subscription
        finally:
            await ws.close()


class Subscription:
    """One running subscription's messages."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, subscription_id: str) -> None:
        self.ws = ws
        self.id = subscription_id

    async def _message(self, timeout: float) -> dict[str, Any]:
        while True:
            raw = await asyncio.wait_for(self.ws.receive(), timeout)
            if raw.type is not aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"socket closed: {raw.type} {self.ws.close_code}")
            message: dict[str, Any] = raw.json()
            if message["type"] == "ping":
                await self.ws.send_json({"type": "pong"})
                continue
            if message["type"] == "pong":
                continue
            return message

    async def expect_ack(self, timeout: float = 10.0) -> None:
        """Wait for connection_ack."""
        message = await self._message(timeout)
        assert message["type"] == "connection_ack", message

    async def next(self, timeout: float = 10.0) -> dict[str, Any]:
        """The next `next` payload's data; fails on an error message."""
        message = await self._message(timeout)
        assert message["type"] == "next", message
        assert not message["payload"].get("errors"), message["payload"]["errors"]
        data: dict[str, Any] = message["payload"]["data"]
        return data

    async def next_message(self, timeout: float = 10.0) -> dict[str, Any]:
        """The next protocol message, whatever its type."""
        return await self._message(timeout)


async def next_station_event(subscription: Subscription, event_type: str) -> dict[str, Any]:
    """The next `stationEvents` event of `event_type` (events of other types are skipped)."""
    while True:
        event: dict[str, Any] = (await subscription.next())["stationEvents"]
        if event["type"] == event_type:
            return event
