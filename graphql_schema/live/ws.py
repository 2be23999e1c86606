"""graphql-transport-ws with shared live feeds: identical live subscriptions on this node are
executed once per event and their encoded messages handed to every subscriber
(graphql_schema/live/feeds.py); everything else is strawberry's own handling."""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from aiohttp import ClientConnectionResetError
from strawberry.aiohttp.views import AiohttpWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)

from graphql_schema.context import Context
from graphql_schema.live.feeds import FeedEnd, LiveFeeds
from graphql_schema.live.plan import share_plan


class TextWebSocketAdapter(AiohttpWebSocketAdapter):
    """Strawberry's aiohttp socket adapter, which can also send a message already encoded."""

    async def send_texts(self, texts: list[str]) -> None:
        """Send encoded messages, one frame each, in as few TCP segments as the kernel can:
        the socket is corked while they are written, so each write only queues its frame."""
        sock = None
        transport = self.request.transport
        if len(texts) > 1 and transport is not None and _CORK is not None:
            sock = transport.get_extra_info("socket")
        try:
            if sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, _CORK, 1)
            for text in texts:
                await self.ws.send_str(text)
        except (RuntimeError, ClientConnectionResetError) as exc:
            raise WebSocketDisconnected from exc
        finally:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, _CORK, 0)


_CORK: int | None = getattr(socket, "TCP_CORK", None)
"""Linux's TCP_CORK (None elsewhere: each frame is then its own write)."""


class SharingTransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """Runs live subscriptions through the node's shared feeds when they qualify."""

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        """A shared feed's messages for a live subscription; else strawberry's own run."""
        plan = share_plan(operation.query, operation.operation_name, operation.variables)
        feeds = getattr(self.view, "live_feeds", None)
        socket = self.websocket
        if (
            plan is None
            or not isinstance(feeds, LiveFeeds)
            or not isinstance(socket, TextWebSocketAdapter)
            or not self.context.authenticated
        ):
            await super().run_operation(operation)
            return
        try:
            end = await feeds.serve(plan, operation.id, socket.send_texts, self._opener(operation))
        except WebSocketDisconnected:
            return
        if end is FeedEnd.FALL_BACK:
            await super().run_operation(operation)
            return
        await operation.send_operation_message({"id": operation.id, "type": "complete"})

    def _opener(self, operation: Operation[Context, None]) -> Any:
        async def open_stream() -> Any:
            return await self.schema.stream(
                operation.query,
                variable_values=operation.variables,
                context_value=self.context,
                root_value=self.root_value,
                operation_name=operation.operation_name,
            )

        return open_stream
