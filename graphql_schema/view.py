"""The aiohttp view serving /graphql: HTTP queries and mutations, graphql-transport-ws, GraphiQL."""

from __future__ import annotations

from typing import Any

from aiohttp import web
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
