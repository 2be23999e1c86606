"""The gateway: accepts station websockets at `/ocpp/{stationId}` and runs their connections."""

from __future__ import annotations

import asyncio
import logging
import math
import uuid
from dataclasses import dataclass, field

from aiohttp import WSCloseCode, WSMsgType, web

from app.gateway.auth_throttle import LoginThrottle, ThrottleSettings
from app.gateway.client_identity import ClientIdentity, ProxyTrust, client_identity
from app.gateway.connection import ConnectionSettings, StationConnection, publish_result
from app.gateway.cycles import release_connection
from app.gateway.message_log import MessageLog
from app.gateway.password_checks import PasswordChecks
from app.gateway.registration_gate import REJECTED, RegistrationGate
from app.gateway.registry import ConnectionRegistry
from app.gateway.send_buffer import NO_DRAIN
from app.gateway.station_lookup import KnownStation, find_station, raise_security_profile
from app.metrics import GatewayCounters
from infra.cache.directory import StationDirectory
from modules.kernel import topics
from modules.kernel.connection_ids import is_newer
from modules.kernel.envelope import Envelope, Kind, Outcome
from modules.kernel.outages import Classifier, description, named_dependency
from modules.kernel.passwords import basic_auth_credentials
from modules.kernel.ports import Bus
from modules.kernel.station_id import station_id_problem

log = logging.getLogger(__name__)

SUBPROTOCOL = "ocpp2.0.1"
REPLACED = 4000  # application close code: a newer connection for the same station took over
RETRY_AFTER_SECONDS = 30
"""What a 503 handshake answer's Retry-After header asks a station to wait."""
_CLOSED = (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED)


@dataclass(frozen=True, slots=True)
class GatewaySettings:
    """What the gateway needs from the node settings."""

    node_id: str
    accept_unknown_stations: bool
    ws_heartbeat: float
    max_message_bytes: int
    call_queue_size: int
    login_throttle: ThrottleSettings = field(default_factory=ThrottleSettings)
    lookup_timeout: float = 5.0
    """Seconds the handshake's station lookup may take (then 503)."""
    send_buffer_bytes: int = 1024 * 1024
    send_stall_seconds: float = 30.0
    proxy: ProxyTrust = field(default_factory=ProxyTrust)
    """The TLS-terminating proxy whose client-certificate header is trusted (none by default)."""
    hash_workers: int = 1
    hash_queue: int = 32


class _Refused(Exception):
    """A handshake refused for its credentials: why (a metric label) and what to answer."""

    def __init__(self, reason: str, response: web.Response) -> None:
        super().__init__(reason)
        self.reason = reason
        self.response = response


def _unauthorized(reason: str, text: str) -> _Refused:
    return _Refused(
        reason,
        web.Response(
            status=401,
            text=text,
            headers={"WWW-Authenticate": 'Basic realm="OCPP", charset="UTF-8"'},
        ),
    )


def _offered_subprotocols(request: web.Request) -> list[str]:
    header = request.headers.get("Sec-WebSocket-Protocol", "")
    return [p.strip() for p in header.split(",") if p.strip()]


class Gateway:
    """Station websocket endpoint and the node-local side of the RPC flows."""

    def __init__(
        self,
        settings: GatewaySettings,
        bus: Bus,
        directory: StationDirectory,
        message_log: MessageLog | None,
        owned_actions: frozenset[str],
        unavailable: Classifier = named_dependency,
    ) -> None:
        self.settings = settings
        self._unavailable = unavailable
        self.registry = ConnectionRegistry()
        self.counters = GatewayCounters()
        self._bus = bus
        self._directory = directory
        self._message_log = message_log
        self._owned_actions = owned_actions
        self.login_throttle = LoginThrottle(settings.login_throttle)
        self.password_checks = PasswordChecks(settings.hash_workers, settings.hash_queue)
        self._handling = 0  # websocket handlers not finished (their close included)
        self._notices: set[asyncio.Task[None]] = set()  # replacement notices under way
        self._idle = asyncio.Event()
        self._idle.set()

    async def _refusal(
        self, request: web.Request, station_id: str
    ) -> tuple[web.Response | None, KnownStation | None]:
        """The HTTP answer that refuses this upgrade (or None) and the known station row."""
        problem = station_id_problem(station_id)
        if problem:
            return web.Response(status=400, text=problem), None
        if SUBPROTOCOL not in _offered_subprotocols(request):
            text = f"the websocket subprotocol {SUBPROTOCOL} is required"
            return web.Response(status=400, text=text), None
        try:
            station = await asyncio.wait_for(find_station(station_id), self.settings.lookup_timeout)
        except Exception as error:
            dependency = self._unavailable(error)
            if dependency is None:
                raise
            log.warning(
                "handshake refused with 503",
                exc_info=error,
                extra={"station_id": station_id},
            )
            return web.Response(
                status=503,
                text=description(dependency),
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            ), None
        if station is None:
            if not self.settings.accept_unknown_stations:
                return web.Response(status=404, text="unknown charging station"), None
            return None, None
        try:
            await self._authenticate(request, station_id, station)
        except _Refused as refused:
            self.counters.auth_refusals[refused.reason] += 1
            log.warning(
                "station handshake refused (%s) from %s",
                refused.reason,
                request.remote,
                extra={"station_id": station_id, "remote": request.remote},
            )
            return refused.response, station
        return None, station

    async def _authenticate(
        self, request: web.Request, station_id: str, station: KnownStation
    ) -> None:
        """Check the credentials against the station's security profile (A00): a verified
        client certificate naming the station (profile 3), or its Basic-auth password over
        TLS (2) or plain (1). Raises _Refused; a connection above the station's profile
        raises it to that profile from now on (A05.FR.07)."""
        wait = self.login_throttle.retry_after(station_id, request.remote)
        if wait is not None:
            raise _Refused(
                "throttled",
                web.Response(
                    status=429,
                    text="too many failed logins; try again later",
                    headers={"Retry-After": str(max(math.ceil(wait), 1))},
                ),
            )
        identity = client_identity(request, self.settings.proxy)
        try:
            offered = await self._offered_profile(request, station_id, station, identity)
        except _Refused as refused:
            if refused.response.status == 401:
                self.login_throttle.failed(station_id, request.remote)
            raise
        required = station.security_profile
        if offered is None:  # dev: a station without credentials, admitted as before
            return
        if offered < required:
            self.login_throttle.failed(station_id, request.remote)
            raise _unauthorized(
                "profile_too_low",
                f"this station must connect with security profile {required} "
                f"(this connection offers {offered})",
            )
        self.login_throttle.succeeded(station_id)
        if offered > required:
            await self._raise_profile(station_id, offered)

    async def _raise_profile(self, station_id: str, profile: int) -> None:
        """A05.FR.07: record the higher profile; with the database unavailable the station is
        still admitted (it proved the higher profile) and its next connection records it."""
        try:
            await raise_security_profile(station_id, profile)
        except Exception as error:
            if self._unavailable(error) is None:
                raise
            log.warning(
                "security profile %s not recorded",
                profile,
                exc_info=error,
                extra={"station_id": station_id},
            )
            return
        log.info("station security profile raised to %s", profile, extra={"station_id": station_id})

    async def _offered_profile(
        self,
        request: web.Request,
        station_id: str,
        station: KnownStation,
        identity: ClientIdentity,
    ) -> int | None:
        """The security profile these credentials prove; None for a station without any
        credentials that dev settings admit unauthenticated."""
        if identity.common_name is not None:
            if identity.common_name != station_id:
                raise _unauthorized(
                    "certificate_mismatch",
                    "the client certificate's CN does not name this station",
                )
            return 3
        credentials = basic_auth_credentials(request.headers.get("Authorization"))
        if credentials is None:
            if (
                station.password_hash is None
                and station.security_profile < 3
                and self.settings.accept_unknown_stations
            ):
                return None
            raise _unauthorized("missing_credentials", "station credentials required")
        if station.password_hash is None:
            raise _unauthorized("no_password", "no password is set for this station")
        verified = credentials[0] == station_id and await self.password_checks.verify(
            credentials[1], station.password_hash
        )
        if verified is None:
            raise _Refused(
                "busy",
                web.Response(
                    status=503,
                    text="too many logins being checked; try again later",
                    headers={"Retry-After": "1"},
                ),
            )
        if not verified:
            raise _unauthorized("bad_credentials", "bad or missing station credentials")
        return 2 if identity.tls else 1

    def tls_refused(self, address: str | None) -> bool:
        """True when `address` failed too often: its TLS connection is dropped."""
        if address is None or self.login_throttle.address_retry_after(address) is None:
            return False
        self.counters.auth_refusals["throttled"] += 1
        return True

    def tls_failed(self, address: str | None, error: BaseException) -> None:
        """A failed TLS handshake (say, a client certificate the CA did not issue): counted,
        logged with its source address, and limited per address like a failed login."""
        self.counters.auth_refusals["tls_handshake"] += 1
        if address is not None:
            self.login_throttle.failed_address(address)
        log.warning("TLS handshake failed from %s: %s", address, error, extra={"remote": address})

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """GET /ocpp/{stationId}: the OCPP-J websocket."""
        station_id = request.match_info["station_id"]
        refusal, station = await self._refusal(request, station_id)
        if refusal is not None:
            self.counters.refused[refusal.status] += 1
            return refusal
        ws = web.WebSocketResponse(
            protocols=(SUBPROTOCOL,),
            heartbeat=self.settings.ws_heartbeat or None,
            # aiohttp refuses a frame whose length reaches max_msg_size, so +1 lets a frame of
            # exactly max_message_bytes through; _read refuses the one byte more that a
            # compressed frame could still carry once inflated.
            max_msg_size=self.settings.max_message_bytes + 1,
            compress=True,
            # a station's answers never wait for its socket: SendBuffer bounds what it holds
            writer_limit=NO_DRAIN,
        )
        await ws.prepare(request)
        connection = StationConnection(
            station_id=station_id,
            connection_id=str(uuid.uuid4()),
            node_id=self.settings.node_id,
            ws=ws,
            bus=self._bus,
            message_log=self._message_log,
            owned_actions=self._owned_actions,
            settings=ConnectionSettings(
                queue_size=self.settings.call_queue_size,
                send_buffer_bytes=self.settings.send_buffer_bytes,
                send_stall_seconds=self.settings.send_stall_seconds,
            ),
            gate=RegistrationGate(station.registration_status if station else None),
            counters=self.counters,
            transport=request.transport,
        )
        self.counters.accepted += 1
        self._handling += 1
        self._idle.clear()
        try:
            if await self._opened(connection):
                await self._read(connection)
        finally:
            try:
                await self._close(connection)
                release_connection(request, ws)
            finally:
                self._handling -= 1
                if self._handling == 0:
                    self._idle.set()
        return ws

    async def wait_idle(self, timeout: float) -> bool:
        """Wait (at most `timeout` s) until every websocket handler has finished, its close
        (directory entry, disconnect envelope) included; True when they have."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def _opened(self, connection: StationConnection) -> bool:
        """Open the connection; when the cache or the bus is unavailable, close the socket
        with 1013 (try again later) naming it, and return False."""
        try:
            await self._open(connection)
        except Exception as error:
            dependency = self._unavailable(error)
            if dependency is None:
                raise
            log.warning(
                "connection closed with 1013 at open",
                exc_info=error,
                extra={"station_id": connection.station_id},
            )
            await connection.ws.close(
                code=WSCloseCode.TRY_AGAIN_LATER, message=description(dependency).encode()
            )
            return False
        return True

    async def _open(self, connection: StationConnection) -> None:
        """Fencing (issue 20 item 2): the connection gets the station's next generation; it
        replaces only older connections, here and on other nodes, and a newer one found
        anywhere closes it instead."""
        connection.connection_id = await self._directory.new_connection_id(connection.station_id)
        loser = self.registry.add(connection)
        if loser is not None:
            log.info("connection replaced", extra={"station_id": connection.station_id})
            await loser.ws.close(code=REPLACED, message=b"replaced by a newer connection")
            if loser is connection:
                return
        connection.start()
        claim = await self._directory.claim(
            connection.station_id, self.settings.node_id, connection.connection_id
        )
        if claim.evict:
            await self._notify_replaced(connection, claim.evict)
        if claim.stale:
            log.info("newer connection elsewhere", extra={"station_id": connection.station_id})
            await connection.ws.close(code=REPLACED, message=b"replaced by a newer connection")
            return
        await self._publish_lifecycle(connection, Kind.CONNECTED)

    async def _notify_replaced(
        self, connection: StationConnection, node_ids: frozenset[str]
    ) -> None:
        """Tell the nodes whose entry this connection's claim replaced to close their older
        sockets. The notices go out even if this handler is cancelled meanwhile (aiohttp can
        cancel the handler of a station that went away, say one this node just replaced): the
        directory no longer names those nodes, so no later claim would tell them."""
        notices = asyncio.create_task(self._evict_all(connection, node_ids))
        self._notices.add(notices)
        notices.add_done_callback(self._notices.discard)
        await asyncio.shield(notices)

    async def _evict_all(self, connection: StationConnection, node_ids: frozenset[str]) -> None:
        for node_id in node_ids:
            await self._evict_elsewhere(connection, node_id)

    async def _evict_elsewhere(self, connection: StationConnection, node_id: str) -> None:
        """Tell the node that held the station before to close its (older) socket."""
        envelope = Envelope(
            kind=Kind.REPLACED,
            station_id=connection.station_id,
            connection_id=connection.connection_id,
            node_id=self.settings.node_id,
        )
        try:
            await self._bus.publish(topics.node_topic(node_id), envelope.to_bytes())
        except Exception:
            log.exception(
                "could not evict an older connection", extra={"station_id": connection.station_id}
            )

    async def close_replaced(self, notice: Envelope) -> None:
        """Another node took the station over: close our connection to it, if it is older
        than the one that replaced it (a notice that arrives late never closes a newer one)."""
        connection = self.registry.get(notice.station_id)
        if connection is not None and is_newer(notice.connection_id, connection.connection_id):
            await connection.ws.close(code=REPLACED, message=b"replaced by a newer connection")

    async def _read(self, connection: StationConnection) -> None:
        limit = self.settings.max_message_bytes
        ws = connection.ws
        while True:
            if connection.held():  # back-pressure: its answers unread, or too many CALLs
                await connection.readable()
            message = await ws.receive()
            if message.type in _CLOSED:
                break
            if message.type is WSMsgType.TEXT:
                # A character takes 1 to 4 bytes in UTF-8: only long texts need encoding.
                if len(message.data) * 4 > limit and len(message.data.encode()) > limit:
                    await connection.ws.close(
                        code=WSCloseCode.MESSAGE_TOO_BIG,
                        message=f"message exceeds {limit} bytes".encode(),
                    )
                    break
                await connection.receive(message.data)
            elif message.type is WSMsgType.BINARY:
                await connection.receive_binary()
            elif message.type is WSMsgType.ERROR:
                log.warning(
                    "websocket error %s",
                    connection.ws.exception(),
                    extra={"station_id": connection.station_id},
                )

    async def _close(self, connection: StationConnection) -> None:
        current = self.registry.remove(connection)
        await connection.stop()
        if current:
            try:
                await self._directory.unregister(
                    connection.station_id, self.settings.node_id, connection.connection_id
                )
            except Exception as error:
                if self._unavailable(error) is None:
                    raise
                # the entry names this node, which no longer holds the station: a CSMS call
                # routed there is answered OFFLINE, and the next connection overwrites it
                log.warning(
                    "station left in the directory",
                    exc_info=error,
                    extra={"station_id": connection.station_id},
                )
        await self._publish_lifecycle(connection, Kind.DISCONNECTED)

    async def _publish_lifecycle(self, connection: StationConnection, kind: Kind) -> None:
        envelope = Envelope(
            kind=kind,
            station_id=connection.station_id,
            node_id=self.settings.node_id,
            connection_id=connection.connection_id,
            reply_to=self.settings.node_id,
        )
        try:
            await self._bus.publish(
                topics.STATION_CALLS, envelope.to_bytes(), ordering_key=connection.station_id
            )
        except Exception:
            log.exception("could not publish %s", kind, extra={"station_id": connection.station_id})

    async def deliver_reply(self, reply: Envelope) -> None:
        """A worker answered a station CALL: send it if that connection is still here."""
        connection = self.registry.get(reply.station_id)
        if connection is None or connection.connection_id != reply.connection_id:
            log.info(
                "reply for a closed connection dropped",
                extra={"station_id": reply.station_id, "message_id": reply.message_id},
            )
            return
        await connection.deliver_reply(reply)

    async def accept_call(self, call: Envelope) -> None:
        """An operator's CALL for a station on this node: queue it, or answer why not."""
        deadline = asyncio.get_running_loop().time() + call.timeout
        connection = self.registry.get(call.station_id)
        if connection is None:
            await publish_result(self._bus, call, self.settings.node_id, outcome=Outcome.OFFLINE)
            return
        if connection.gate.status == REJECTED:
            await self._refuse(
                call,
                "SecurityError",
                "the CSMS rejected this station's boot: it sends it nothing "
                "until the station boots again (B03.FR.03)",
            )
            return
        if not connection.enqueue(call, deadline):
            await self._refuse(call, "GenericError", "too many calls queued for this station")

    async def _refuse(self, call: Envelope, error_code: str, description: str) -> None:
        await publish_result(
            self._bus,
            call,
            self.settings.node_id,
            outcome=Outcome.CALL_ERROR,
            error_code=error_code,
            error_description=description,
        )

    async def close_all(self, grace: float) -> None:
        """Shutdown: close every station socket with 1001 (going away), all at once; a station
        that has not answered the close within `grace` seconds is cut off."""
        closing = [
            asyncio.create_task(
                connection.ws.close(code=WSCloseCode.GOING_AWAY, message=b"CSMS shutting down")
            )
            for connection in self.registry.all()
        ]
        if not closing:
            return
        _, late = await asyncio.wait(closing, timeout=grace)
        for task in late:
            task.cancel()  # aiohttp then closes the transport
        await asyncio.gather(*closing, return_exceptions=True)
