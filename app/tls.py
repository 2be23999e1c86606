"""The TLS listener (security profiles 2 and 3): its SSL context, and a site that negotiates
TLS itself so that failed handshakes are counted, logged with the source address and limited
per address, like failed logins.

The context allows TLS 1.2 and 1.3 only (A00.FR.313), the four cipher suites A00.FR.318 lists
(plus their ECDHE-RSA twins, for forward secrecy with an RSA certificate) and no compression
(A00.FR.321). With a client CA, a station may present a certificate; one that does not chain to
the CA fails the handshake (A00.FR.407), and one that does is matched to the station id by the
gateway (A00.FR.405).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from asyncio import sslproto
from collections.abc import Callable
from typing import Protocol, cast

from aiohttp import web

from app.settings import Settings

log = logging.getLogger(__name__)

TLS12_CIPHERS = ":".join(
    (
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384",
    )
)
"""TLS 1.2 suites, in OpenSSL's names: A00.FR.318's four, and ECDHE-RSA for an RSA key."""
HANDSHAKE_SECONDS = 10
"""How long a client may take to complete the TLS handshake."""


def server_context(
    certificates: list[tuple[str, str]], client_ca_file: str | None
) -> ssl.SSLContext:
    """The CSMS's server context: its (certificate, key) pairs (an RSA one and an ECDSA one
    serve every suite of A00.FR.318), and with `client_ca_file` the CA whose station
    certificates it asks for (optional: profile 2 stations send none)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_CIPHER_SERVER_PREFERENCE
    for cert_file, key_file in certificates:
        context.load_cert_chain(cert_file, key_file)
    if client_ca_file is not None:
        context.load_verify_locations(cafile=client_ca_file)
        context.verify_mode = ssl.CERT_OPTIONAL
    return context


class HandshakeGuard(Protocol):
    """Who counts and limits failed TLS handshakes (the gateway)."""

    def tls_refused(self, address: str | None) -> bool:
        """True when `address` failed too often: its connection is dropped unanswered."""
        ...

    def tls_failed(self, address: str | None, error: BaseException) -> None:
        """Count, log and limit one failed handshake from `address`."""
        ...


class _Negotiation(asyncio.Protocol):
    """One accepted TCP connection on the TLS port: hands it at once to a TLS layer around
    the application protocol (nothing the client sent is missed), and reports a handshake
    that fails to the guard."""

    def __init__(
        self,
        context: ssl.SSLContext,
        app_factory: Callable[[], asyncio.BaseProtocol],
        guard: Callable[[], HandshakeGuard | None],
    ) -> None:
        self._context = context
        self._app_factory = app_factory
        self._guard = guard

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Drop an address over its limit; else start the TLS handshake."""
        peer = transport.get_extra_info("peername")
        address = peer[0] if isinstance(peer, tuple) else None
        guard = self._guard()
        if guard is not None and guard.tls_refused(address):
            cast(asyncio.Transport, transport).abort()
            return
        loop = asyncio.get_running_loop()
        handshake: asyncio.Future[None] = loop.create_future()
        layer = sslproto.SSLProtocol(
            loop,
            self._app_factory(),
            self._context,
            handshake,
            server_side=True,
            ssl_handshake_timeout=HANDSHAKE_SECONDS,
        )
        transport.set_protocol(layer)
        layer.connection_made(transport)
        if guard is not None:
            handshake.add_done_callback(lambda done: _settled(done, address, guard))


def _settled(handshake: asyncio.Future[None], address: str | None, guard: HandshakeGuard) -> None:
    error = handshake.exception() if not handshake.cancelled() else None
    if error is not None:
        guard.tls_failed(address, error)


class TlsSite(web.BaseSite):
    """A TCP site whose connections negotiate TLS through `_Negotiation` (the standard library's
    TLS layer, on either event loop)."""

    __slots__ = ("_bound_port", "_guard", "_host", "_port")

    def __init__(
        self,
        runner: web.BaseRunner,
        host: str,
        port: int,
        context: ssl.SSLContext,
        guard: Callable[[], HandshakeGuard | None],
        backlog: int = 128,
    ) -> None:
        super().__init__(runner, ssl_context=context, backlog=backlog)
        self._host = host
        self._port = port
        self._bound_port = port
        self._guard = guard

    @property
    def port(self) -> int:
        """The port listened on (the bound one once started)."""
        return self._bound_port

    @property
    def name(self) -> str:
        """https://host:port."""
        return f"https://{self._host}:{self.port}"

    async def start(self) -> None:
        """Listen; each connection negotiates TLS before the application sees it."""
        await super().start()
        server = self._runner.server
        assert server is not None and self._ssl_context is not None
        context = self._ssl_context
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: _Negotiation(context, server, self._guard),
            self._host,
            self._port,
            backlog=self._backlog,
        )
        if self._server.sockets:
            self._bound_port = self._server.sockets[0].getsockname()[1]


async def open_listeners(
    runner: web.BaseRunner,
    settings: Settings,
    guard: Callable[[], HandshakeGuard | None],
    port: int | None = None,
    tls_port: int | None = None,
) -> list[web.BaseSite]:
    """Start the plain listener on CSMS_HOST:CSMS_PORT and, when TLS is configured, the TLS
    one on CSMS_TLS_PORT (`port`/`tls_port` override them, 0 for a free port)."""
    sites: list[web.BaseSite] = [
        web.TCPSite(
            runner,
            settings.host,
            settings.port if port is None else port,
            backlog=settings.listen_backlog,
        )
    ]
    if settings.tls_enabled:
        context = server_context(settings.tls_certificates, settings.tls_client_ca_file)
        sites.append(
            TlsSite(
                runner,
                settings.host,
                settings.tls_port if tls_port is None else tls_port,
                context,
                guard,
                backlog=settings.listen_backlog,
            )
        )
    for site in sites:
        await site.start()
    return sites
