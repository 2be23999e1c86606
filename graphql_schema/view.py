"""The aiohttp view serving /graphql: HTTP queries and mutations, graphql-transport-ws, GraphiQL.

Every HTTP request is authenticated before its body is read: without a valid bearer token it
is answered 401 at once, nothing parsed; an address with too many wrong tokens in the window
is answered 429 before its token is even looked up. The body is then read up to the limit
(413 beyond). Browsers may call only from the node's own origin or an allowed one.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Sequence
from typing import Any

from aiohttp import WSCloseCode, web
from strawberry.aiohttp.views import GraphQLView
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http.websocket_origin import is_same_origin, normalize_origin
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from graphql_schema.auth import MESSAGE, UNAUTHENTICATED, token_from_header
from graphql_schema.context import ApiServices, Context
from graphql_schema.live.feeds import LiveFeeds
from graphql_schema.live.ws import SharingTransportWSHandler, TextWebSocketAdapter
from graphql_schema.schema import schema
from modules.operators import Caller

CALLER = web.RequestKey("caller", Caller)
"""The authenticated caller of an HTTP request."""

REVOKED = 4403
"""The close code of a subscription socket whose token was revoked."""


def _refusal(status: int, message: str, code: str, **headers: str) -> web.Response:
    """A GraphQL-shaped error response with an HTTP status."""
    return web.json_response(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
        status=status,
        headers=headers,
    )


class CsmsGraphQLView(GraphQLView[Context, None]):
    """GraphQL over HTTP and graphql-transport-ws, with bearer-token authentication; identical
    live subscriptions share one feed (graphql_schema/live/feeds.py)."""

    websocket_adapter_class = TextWebSocketAdapter
    graphql_transport_ws_handler_class = SharingTransportWSHandler

    def __init__(
        self,
        services: ApiServices,
        live_feeds: LiveFeeds,
        graphiql: bool = True,
        allowed_origins: Sequence[str] = (),
    ) -> None:
        super().__init__(
            schema=schema,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            graphql_ide="graphiql" if graphiql else None,
            allowed_origins=allowed_origins,
        )
        self._services = services
        self.live_feeds = live_feeds
        self._sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()
        self._by_token: dict[int, weakref.WeakSet[web.WebSocketResponse]] = {}
        self._sweeper: asyncio.Task[None] | None = None
        services.tokens.on_revoke(self._close_revoked)

    def _origin_allowed(self, request: web.Request) -> bool:
        """No Origin (not a browser), the node's own origin, or one of the allowed."""
        origin = request.headers.get("Origin")
        if origin is None or is_same_origin(origin, request.headers.get("Host")):
            return True
        if "*" in self.allowed_origins:
            return True
        try:
            return normalize_origin(origin) in self.allowed_origins
        except ValueError:
            return False

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        """Origin, throttle, token and size checked before strawberry sees the request."""
        if not self._origin_allowed(request):
            return web.Response(status=403, text="origin not allowed")
        if self.is_websocket_request(request):
            return await super().__call__(request)
        if self.should_render_graphql_ide(self.request_adapter_class(request)):
            return await super().__call__(request)
        throttle = self._services.throttle
        address = request.remote
        wait = throttle.retry_after(address) if throttle is not None else None
        if wait is not None:
            return _refusal(
                429,
                "Too many failed authentications from this address",
                "TOO_MANY_REQUESTS",
                **{"Retry-After": str(max(int(wait) + 1, 1))},
            )
        secret = token_from_header(request.headers.get("Authorization"))
        caller = await self._services.tokens.caller(secret) if secret is not None else None
        if caller is None:
            if secret is not None and throttle is not None:
                throttle.failed(address)
            return _refusal(401, MESSAGE, UNAUTHENTICATED, **{"WWW-Authenticate": "Bearer"})
        limit = self._services.limits.max_body_bytes
        if request.content_length is not None and request.content_length > limit:
            return _refusal(413, f"The request body is larger than {limit} bytes", "TOO_LARGE")
        bounded = request.clone(client_max_size=limit)
        bounded[CALLER] = caller
        try:
            return await super().__call__(bounded)
        except web.HTTPRequestEntityTooLarge:
            return _refusal(413, f"The request body is larger than {limit} bytes", "TOO_LARGE")

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
        """The context of a request, with the caller the view authenticated (HTTP)."""
        return Context(
            request=request,
            response=response,
            services=self._services,
            caller=request.get(CALLER),
        )

    async def on_ws_connect(self, context: Context) -> Any:
        """Authenticate a subscription socket from `connection_init`'s Authorization entry;
        the socket is closed when its token is revoked."""
        params = context.connection_params or {}
        secret = (
            token_from_header(params.get("Authorization")) if isinstance(params, dict) else None
        )
        throttle = self._services.throttle
        address = context.request.remote
        if throttle is not None and throttle.retry_after(address) is not None:
            raise ConnectionRejectionError({"reason": "too many failed authentications"})
        caller = await self._services.tokens.caller(secret) if secret is not None else None
        if caller is None:
            if secret is not None and throttle is not None:
                throttle.failed(address)
            raise ConnectionRejectionError({"reason": "invalid or missing Authorization"})
        context.caller = caller
        if caller.token_id is not None and isinstance(context.response, web.WebSocketResponse):
            self._by_token.setdefault(caller.token_id, weakref.WeakSet()).add(context.response)
        return None

    def _close_revoked(self, token_id: int) -> None:
        """Close the subscription sockets of a revoked token (4403)."""
        sockets = self._by_token.pop(token_id, None)
        for ws in list(sockets or ()):
            if not ws.closed:
                asyncio.get_running_loop().create_task(
                    ws.close(code=REVOKED, message=b"token revoked")
                )

    def start(self, interval: float) -> None:
        """Check every `interval` seconds that the tokens of open subscription sockets are
        still valid, so a revocation on another node closes them here too."""
        if interval > 0 and self._sweeper is None:
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep(interval))

    async def stop(self) -> None:
        """Stop the check of subscription tokens."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None

    async def _sweep(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            for token_id, sockets in list(self._by_token.items()):
                if not any(not ws.closed for ws in sockets):
                    self._by_token.pop(token_id, None)
            if not self._by_token:
                continue
            try:
                active = await self._services.tokens.active(set(self._by_token))
            except Exception:
                continue
            for token_id in set(self._by_token) - active:
                self._close_revoked(token_id)
