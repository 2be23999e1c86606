"""The aiohttp view serving /graphql: HTTP queries and mutations, graphql-transport-ws, GraphiQL."""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from aiohttp import WSCloseCode, web
from strawberry.aiohttp.views import GraphQLView
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from graphql_schema.auth import token_from_header, token_is_valid
from graphql_schema.context import ApiServices, Context
from graphql_schema.live.feeds import LiveFeeds
from graphql_schema.live.ws import SharingTransportWSHandler, TextWebSocketAdapter
from graphql_schema.schema import schema


class CsmsGraphQLView(GraphQLView[Context, None]):
    """GraphQL over HTTP and graphql-transport-ws, with bearer-token authentication; identical
    live subscriptions share one feed (graphql_schema/live/feeds.py)."""

    websocket_adapter_class = TextWebSocketAdapter
    graphql_transport_ws_handler_class = SharingTransportWSHandler

    def __init__(self, services: ApiServices, live_feeds: LiveFeeds) -> None:
        super().__init__(schema=schema, subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self._services = services
        self.live_feeds = live_feeds
        self._sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

    async def create_websocket_response(
        self, request: web.Request, subprotocol: str | None
    ) -> web.WebSocketResponse:
        """Strawberry's subscription socket, remembered so that shutdown can close it."""
        ws = await super().create_websocket_response(request, subprotocol)
        self._sockets.add(ws)
        return ws

    async def close_sockets(self, grace: float) -> None:
        """Shutdown: close every subscription socket with 1001 (going away), all at once; a
        client that has not answered the close within `grace` seconds is cut off."""
        closing = [
            asyncio.create_task(ws.close(code=WSCloseCode.GOING_AWAY, message=b"shutting down"))
            for ws in list(self._sockets)
            if not ws.closed
        ]
        if not closing:
            return
        _, late = await asyncio.wait(closing, timeout=grace)
        for task in late:
            task.cancel()
        await asyncio.gather(*closing, return_exceptions=True)

    async def get_context(
        self, request: web.Request, response: web.Response | web.WebSocketResponse
    ) -> Context:
        """Authenticate HTTP requests from their Authorization header."""
        token = token_from_header(request.headers.get("Authorization"))
        return Context(
            request=request,
            response=response,
            services=self._services,
            authenticated=token_is_valid(token, self._services.admin_token),
        )

    async def on_ws_connect(self, context: Context) -> Any:
        """Authenticate a subscription socket from `connection_init`'s Authorization entry."""
        params = context.connection_params or {}
        token = token_from_header(params.get("Authorization")) if isinstance(params, dict) else None
        if not token_is_valid(token, self._services.admin_token):
            raise ConnectionRejectionError({"reason": "invalid or missing Authorization"})
        context.authenticated = True
        return None
