"""One simulated charging station: a single asyncio task running its OCPP-J state machine.

The task owns the websocket. It sends its own CALLs one at a time from a queue, answers CSMS
CALLs as they arrive (also while its own CALL is outstanding), and keeps its timers
(heartbeat, meter values, session start/end, boot retry, CALL deadline) as plain deadlines:
each turn of the loop fires what is due, sends the next queued CALL when none is
outstanding, and waits for the next frame under `asyncio.timeout_at(earliest deadline)`.
`kick()` reschedules that timeout to now, which is how the fleet wakes a station (stop,
flood start, drop) without a second task or a per-message task.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import socket
import traceback
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import aiohttp
import orjson
from aiohttp import WSMsgType

from bench.sim import messages, responder
from bench.sim.charging import Transaction
from bench.sim.device_model import DeviceModel, Key
from bench.sim.messages import CALL, CALLERROR, CALLRESULT, SUBPROTOCOL, Payload, StrictViolation
from bench.sim.stats import ActionStats

if TYPE_CHECKING:
    from bench.sim.fleet import Fleet

INF = math.inf
REBOOT_DELAY = 1.0
DEFAULT_INTERVAL = 300.0
HEARTBEAT_KEY: Key = ("ocppcommctrlr", 0, 0, "heartbeatinterval", "")
TX_UPDATED_KEY: Key = ("sampleddatactrlr", 0, 0, "txupdatedinterval", "")

STOPPED, LOST, RESET, DROPPED = "stopped", "lost", "reset", "dropped"


def next_tick(deadline: float, now: float, interval: float) -> float:
    """The first `deadline + k * interval` (k >= 1) after `now`. A late tick keeps its phase, so
    stations held up together (a pause in this process, a slow CSMS) do not fall into step
    and then send together for the rest of the run, which independent clocks would not do."""
    missed = math.floor((now - deadline) / interval) + 1
    return deadline + max(1, missed) * interval


class ConnectionLost(Exception):
    """The websocket failed while sending."""


@dataclass(slots=True, eq=False)
class Outstanding:
    """The station's one CALL in flight."""

    message_id: str
    action: str
    sent_at: float
    deadline: float
    stats: ActionStats


class Station:
    """A charging station with EVSEs and connectors, driven by one task (`run`)."""

    __slots__ = (
        "_timer",
        "accepted",
        "boot_at",
        "boot_reason",
        "charges",
        "drop_seen",
        "fleet",
        "heartbeat_at",
        "heartbeat_interval",
        "id",
        "index",
        "loop",
        "meter_at",
        "meter_interval",
        "model",
        "next_id",
        "outstanding",
        "pending_session",
        "queue",
        "registers",
        "reset_on_idle",
        "reset_pending",
        "session_at",
        "statuses",
        "token",
        "transactions",
        "url",
        "ws",
    )

    def __init__(self, fleet: Fleet, index: int) -> None:
        config = fleet.config
        self.fleet = fleet
        self.loop = asyncio.get_running_loop()
        self.index = index
        self.id = config.station_id(index)
        self.url = f"{config.url.rstrip('/')}/{quote(self.id, safe='')}"
        self.charges = fleet.own_sessions and config.charges(index)
        self.token = messages.id_token(f"{0x5A000000 + index:08X}")
        self.model = DeviceModel(fleet.template)
        self.statuses: dict[tuple[int, int], str] = {
            (e, c): "Available"
            for e in range(1, config.evses + 1)
            for c in range(1, config.connectors_per_evse + 1)
        }
        self.registers = [0.0] * (config.evses + 1)
        self.transactions: dict[int, Transaction] = {}
        self.queue: deque[tuple[str, Payload]] = deque()
        self.outstanding: Outstanding | None = None
        self.pending_session: Transaction | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.next_id = 0
        self.accepted = False
        self.boot_reason = "PowerUp"
        self.heartbeat_interval = DEFAULT_INTERVAL
        self.meter_interval = config.meter_interval
        self.boot_at = self.heartbeat_at = self.meter_at = self.session_at = INF
        self.reset_pending = self.reset_on_idle = False
        self.drop_seen = fleet.drop_generation
        self._timer: asyncio.Timeout | None = None

    # ---- the task -------------------------------------------------------------------------

    async def run(self) -> None:
        """Connect, boot and behave until the fleet stops; problems are recorded, not raised."""
        stats = self.fleet.stats
        try:
            await self._lifecycle()
        except StrictViolation as exc:
            stats.schema_violations.add(f"{self.id}: {exc}")
        except Exception:
            stats.crashes.add(f"{self.id}: {traceback.format_exc(limit=6)}")
        finally:
            ws, self.ws = self.ws, None
            if ws is not None and not ws.closed:
                await ws.close()

    async def _lifecycle(self) -> None:
        fleet = self.fleet
        await self._sleep(fleet.start_delay(self.index))
        failures = 0
        while not fleet.stopping:
            ws = await self._connect()
            if ws is None:
                failures += 1
                await self._sleep(fleet.backoff(failures))
                continue
            failures = 0
            self.ws = ws
            outcome = LOST
            try:
                outcome = await self._serve(ws)
            finally:
                self._disconnected(outcome)
            if not ws.closed:
                await ws.close()
            self.ws = None
            if fleet.stopping:
                return
            gate = fleet.reconnect_gate
            if outcome == RESET:
                self.boot_reason = "RemoteReset"
                await self._sleep(REBOOT_DELAY)
            elif gate is not None and not gate.is_set():
                self.boot_reason = "PowerUp"
                await gate.wait()
            else:
                self.boot_reason = "PowerUp"
                await self._sleep(fleet.backoff(1))

    async def _sleep(self, delay: float) -> None:
        """Sleep `delay` seconds unless the fleet stops or kicks this station first."""
        if delay <= 0 or self.fleet.stopping:
            return
        try:
            async with asyncio.timeout(delay) as self._timer:
                await self.loop.create_future()
        except TimeoutError:
            pass
        finally:
            self._timer = None

    def kick(self) -> None:
        """Wake the station now so that it re-reads the fleet's state."""
        timer = self._timer
        if timer is not None:
            with contextlib.suppress(RuntimeError):  # already expiring: it wakes anyway
                timer.reschedule(self.loop.time())

    async def _connect(self) -> aiohttp.ClientWebSocketResponse | None:
        fleet = self.fleet
        connections = fleet.stats.connections
        connections.attempts += 1
        try:
            async with asyncio.timeout(fleet.config.connect_timeout):
                ws = await fleet.session.ws_connect(
                    self.url,
                    protocols=(SUBPROTOCOL,),
                    auth=fleet.auth(self.id),
                    autoping=True,
                    heartbeat=None,
                    timeout=fleet.ws_timeout,
                )
        except aiohttp.WSServerHandshakeError as exc:
            connections.fail(f"HTTP {exc.status}")
            return None
        except TimeoutError:
            connections.fail("timeout")
            return None
        except (aiohttp.ClientError, OSError) as exc:
            connections.fail(type(exc).__name__)
            return None
        connections.opened += 1
        if ws.protocol != SUBPROTOCOL:
            connections.subprotocol_mismatch += 1
        fleet.on_connected()
        return ws

    def _disconnected(self, outcome: str) -> None:
        fleet = self.fleet
        out = self.outstanding
        if out is not None:
            if outcome == DROPPED:
                fleet.stats.connections.in_flight_at_drop += 1
            else:
                out.stats.aborted += 1
            self.outstanding = None
        fleet.on_disconnected(self.accepted)
        self.accepted = False
        self.queue.clear()
        self.pending_session = None
        for tx in self.transactions.values():
            self.registers[tx.evse_id] = tx.advance(self.loop.time())
        self.transactions.clear()
        for key, status in self.statuses.items():
            if status == "Occupied":
                self.statuses[key] = "Available"
        self.boot_at = self.heartbeat_at = self.meter_at = self.session_at = INF
        self.reset_pending = self.reset_on_idle = False

    async def _serve(self, ws: aiohttp.ClientWebSocketResponse) -> str:
        """Run one connection; returns why it ended."""
        fleet = self.fleet
        loop = self.loop
        self._enqueue_boot()
        while True:
            if fleet.stopping and self.outstanding is None:
                await ws.close()
                return STOPPED
            if self.drop_seen != fleet.drop_generation:
                self.drop_seen = fleet.drop_generation
                await self._drop(ws)
                return DROPPED
            if self.reset_pending and self.outstanding is None and not self.queue:
                await ws.close()
                return RESET
            now = loop.time()
            self._tick(now)
            if self.outstanding is None and self.queue and not fleet.stopping:
                try:
                    await self._send_next(ws, now)
                except ConnectionLost:
                    fleet.stats.connections.lost += 1
                    return LOST
                continue
            try:
                async with asyncio.timeout_at(self._wake_at()) as self._timer:
                    message = await ws.receive()
            except TimeoutError:
                continue
            finally:
                self._timer = None
            kind = message.type
            if kind is WSMsgType.TEXT:
                try:
                    await self._on_text(ws, message.data)
                except ConnectionLost:
                    fleet.stats.connections.lost += 1
                    return LOST
            elif kind is WSMsgType.BINARY:
                fleet.stats.unexpected_frames += 1
            else:  # CLOSE, CLOSING, CLOSED, ERROR
                if fleet.stopping:
                    return STOPPED
                fleet.stats.connections.lost += 1
                return LOST

    async def _drop(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Cut the connection abruptly (no close handshake), as a network failure would."""
        sock = ws.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.fleet.stats.connections.dropped += 1
        await ws.close()

    @property
    def idle(self) -> bool:
        """Connected with nothing queued and nothing outstanding."""
        return self.ws is not None and not self.queue and self.outstanding is None

    # ---- timers ---------------------------------------------------------------------------

    def _wake_at(self) -> float | None:
        when = self.boot_at
        out = self.outstanding
        if out is not None and out.deadline < when:
            when = out.deadline
        if self.accepted and not self.fleet.stopping and not self.reset_pending:
            when = min(when, self.heartbeat_at, self.meter_at, self.session_at)
            for tx in self.transactions.values():
                when = min(when, tx.ends_at)
        return None if when == INF else when

    def _tick(self, now: float) -> None:
        out = self.outstanding
        if out is not None and now >= out.deadline:
            self.outstanding = None
            out.stats.timeouts += 1
            self._no_answer(out.action, now)
        if now >= self.boot_at:
            self.boot_at = INF
            self._enqueue_boot()
        if not self.accepted or self.fleet.stopping or self.reset_pending:
            return
        if now >= self.heartbeat_at:
            self.heartbeat_at = next_tick(self.heartbeat_at, now, self.heartbeat_interval)
            self.enqueue("Heartbeat", {})
        if now >= self.session_at:
            self.session_at = INF
            self._begin_own_session(now)
        for tx in [tx for tx in self.transactions.values() if now >= tx.ends_at]:
            if tx.own:
                self.end_transaction(tx, "StopAuthorized", "Local")
            else:
                self.end_transaction(tx, "EVDeparted", "EVDisconnected")
        if now >= self.meter_at:
            self.meter_at = (
                next_tick(self.meter_at, now, self.meter_interval) if self.transactions else INF
            )
            stamp = messages.ocpp_now()
            for tx in self.transactions.values():
                self.enqueue("TransactionEvent", tx.updated(stamp, now))
        if self.fleet.flooding and not self.queue and self.outstanding is None:
            self.enqueue("Heartbeat", {})

    # ---- own CALLs ------------------------------------------------------------------------

    def enqueue(self, action: str, payload: Payload) -> None:
        """Queue a CALL; it is sent once every earlier one has been answered."""
        self.queue.append((action, payload))

    def _enqueue_boot(self) -> None:
        config = self.fleet.config
        self.enqueue(
            "BootNotification",
            messages.boot_notification(
                self.boot_reason, config.vendor, config.model, self.id, config.firmware
            ),
        )

    async def _send_next(self, ws: aiohttp.ClientWebSocketResponse, now: float) -> None:
        action, payload = self.queue.popleft()
        fleet = self.fleet
        if fleet.config.strict:
            messages.check(action, "Request", payload)
        self.next_id += 1
        message_id = str(self.next_id)
        stats = fleet.stats.action(action)
        self.outstanding = Outstanding(
            message_id, action, now, now + fleet.config.call_timeout, stats
        )
        stats.sent += 1
        await self._send(ws, messages.call_frame(message_id, action, payload))

    async def _send(self, ws: aiohttp.ClientWebSocketResponse, data: bytes) -> None:
        try:
            await ws.send_frame(data, WSMsgType.TEXT)
        except (ConnectionError, aiohttp.ClientError) as exc:
            raise ConnectionLost(str(exc)) from exc

    async def _on_text(self, ws: aiohttp.ClientWebSocketResponse, data: str) -> None:
        fleet = self.fleet
        try:
            frame = orjson.loads(data)
        except orjson.JSONDecodeError:
            fleet.stats.unexpected_frames += 1
            return
        if not isinstance(frame, list) or len(frame) < 3:
            fleet.stats.unexpected_frames += 1
            return
        kind = frame[0]
        if kind == CALL:
            await self._on_csms_call(ws, frame)
            return
        out = self.outstanding
        if kind not in (CALLRESULT, CALLERROR) or out is None or frame[1] != out.message_id:
            fleet.stats.unexpected_frames += 1
            return
        now = self.loop.time()
        self.outstanding = None
        stats = out.stats
        stats.latency.add(now - out.sent_at)
        if stats.steady_latency is not None and out.sent_at >= fleet.steady_from:
            stats.steady_latency.add(now - out.sent_at)
        fleet.stats.answered_total += 1
        if kind == CALLRESULT:
            stats.results += 1
            payload = frame[2] if isinstance(frame[2], dict) else {}
            if fleet.config.strict:
                try:
                    messages.check(out.action, "Response", payload)
                except StrictViolation:
                    stats.invalid_responses += 1
            self._on_result(out.action, payload, now)
        else:
            code = frame[2] if isinstance(frame[2], str) else "?"
            stats.call_error(code)
            self._no_answer(out.action, now)

    def _on_result(self, action: str, payload: dict[str, Any], now: float) -> None:
        if action == "BootNotification":
            self._on_boot(payload, now)
        elif action == "Authorize":
            info = payload.get("idTokenInfo")
            status = info.get("status") if isinstance(info, dict) else None
            # Only an explicit refusal stops the session; a malformed answer is tolerated.
            self._continue_session(now, authorized=status in (None, "Accepted"))

    def _no_answer(self, action: str, now: float) -> None:
        """A CALLERROR or a timeout: retry a boot, carry on with a session regardless."""
        if action == "BootNotification":
            self.boot_at = now + self.fleet.config.reconnect_delay
        elif action == "Authorize":
            self._continue_session(now, authorized=True)

    def _on_boot(self, payload: dict[str, Any], now: float) -> None:
        fleet = self.fleet
        status = str(payload.get("status"))
        fleet.stats.boot_status(status)
        interval = payload.get("interval")
        interval = float(interval) if isinstance(interval, int | float) and interval > 0 else 0.0
        if status != "Accepted":
            self.boot_at = now + (interval or fleet.config.reconnect_delay)
            return
        if self.accepted:
            return
        self.accepted = True
        fleet.on_accepted(now)
        self.heartbeat_interval = fleet.config.heartbeat_interval or interval or DEFAULT_INTERVAL
        self.model.set(HEARTBEAT_KEY, str(max(1, round(self.heartbeat_interval))))
        if not fleet.flood_mode:
            self.heartbeat_at = now + self.heartbeat_interval
            stamp = messages.ocpp_now()
            for (evse, connector), connector_status in self.statuses.items():
                self.enqueue(
                    "StatusNotification",
                    messages.status_notification(stamp, connector_status, evse, connector),
                )
        if self.charges:
            self.session_at = now + self.fleet.first_session_delay()

    # ---- charging sessions ----------------------------------------------------------------

    def free_evse(self, evse_id: int | None) -> int | None:
        """`evse_id` (or the first EVSE) if it exists, has no transaction and is available."""
        candidates = [evse_id] if evse_id is not None else range(1, len(self.registers))
        for evse in candidates:
            if (
                0 < evse < len(self.registers)
                and evse not in self.transactions
                and (self.pending_session is None or self.pending_session.evse_id != evse)
                and self.statuses.get((evse, 1)) == "Available"
            ):
                return evse
        return None

    def _begin_own_session(self, now: float) -> None:
        evse = self.free_evse(None)
        if evse is None or self.pending_session is not None:
            self.session_at = now + self.fleet.config.idle_seconds
            return
        self.pending_session = self._new_transaction(evse, self.token, now, None)
        self.enqueue("Authorize", messages.authorize(self.token))

    def _new_transaction(
        self, evse: int, token: Payload, now: float, remote_start_id: int | None
    ) -> Transaction:
        config = self.fleet.config
        return Transaction(
            evse_id=evse,
            connector_id=1,
            token=token,
            started_at=now,
            energy_wh=self.registers[evse],
            power_w=config.power_w,
            remote_start_id=remote_start_id,
            own=remote_start_id is None,
        )

    def _continue_session(self, now: float, authorized: bool) -> None:
        tx, self.pending_session = self.pending_session, None
        if tx is None:
            return
        if not authorized or tx.evse_id in self.transactions:
            self.session_at = now + self.fleet.config.idle_seconds
            return
        self.start_transaction(tx, now)

    def start_transaction(self, tx: Transaction, now: float) -> None:
        """Plug in (Occupied), then TransactionEvent Started; meter values follow."""
        tx.started_at = tx.last_sample_at = now
        session_seconds = self.fleet.config.session_seconds
        if session_seconds > 0:
            tx.ends_at = now + session_seconds
        self.transactions[tx.evse_id] = tx
        stamp = messages.ocpp_now()
        self.set_status(tx.evse_id, tx.connector_id, "Occupied", stamp)
        self.enqueue("TransactionEvent", tx.started(stamp))
        if self.meter_at == INF:
            self.meter_at = now + self.meter_interval

    def start_remote(self, evse: int, token: Payload, remote_start_id: int) -> None:
        """Start a session asked for by RequestStartTransaction (no Authorize first)."""
        now = self.loop.time()
        self.start_transaction(self._new_transaction(evse, token, now, remote_start_id), now)

    def end_transaction(self, tx: Transaction, trigger: str, reason: str) -> None:
        """TransactionEvent Ended, then the connector is Available again."""
        now = self.loop.time()
        self.transactions.pop(tx.evse_id, None)
        stamp = messages.ocpp_now()
        self.enqueue("TransactionEvent", tx.ended(stamp, now, trigger, reason))
        self.registers[tx.evse_id] = tx.energy_wh
        if self.statuses.get((tx.evse_id, tx.connector_id)) == "Occupied":
            self.set_status(tx.evse_id, tx.connector_id, "Available", stamp)
        if tx.own and self.charges:
            self.session_at = now + self.fleet.config.idle_seconds
        if not self.transactions:
            self.meter_at = INF
            if self.reset_on_idle:
                self.reset_pending = True

    def set_status(self, evse: int, connector: int, status: str, stamp: str | None = None) -> None:
        """Change a connector's status and send the StatusNotification."""
        self.statuses[(evse, connector)] = status
        self.model.set(("connector", evse, connector, "availabilitystate", ""), status)
        self.send_status(evse, connector, stamp)

    def send_status(self, evse: int, connector: int, stamp: str | None = None) -> None:
        """Queue a StatusNotification with the connector's current status."""
        status = self.statuses[(evse, connector)]
        self.enqueue(
            "StatusNotification",
            messages.status_notification(stamp or messages.ocpp_now(), status, evse, connector),
        )

    def reload_intervals(self) -> None:
        """Pick up HeartbeatInterval / TxUpdatedInterval after the CSMS set them."""
        now = self.loop.time()
        heartbeat = _seconds(self.model.value(HEARTBEAT_KEY))
        if heartbeat and heartbeat != self.heartbeat_interval:
            self.heartbeat_interval = heartbeat
            if self.heartbeat_at != INF:
                self.heartbeat_at = now + heartbeat
        meter = _seconds(self.model.value(TX_UPDATED_KEY))
        if meter and meter != self.meter_interval:
            self.meter_interval = meter
            if self.meter_at != INF:
                self.meter_at = now + meter

    # ---- CSMS CALLs -----------------------------------------------------------------------

    async def _on_csms_call(self, ws: aiohttp.ClientWebSocketResponse, frame: list[Any]) -> None:
        fleet = self.fleet
        if len(frame) != 4 or not isinstance(frame[1], str) or not isinstance(frame[2], str):
            message_id = frame[1] if isinstance(frame[1], str) else "-1"
            fleet.stats.unexpected_frames += 1
            await self._send(ws, messages.error_frame(message_id, "ProtocolError", "bad CALL"))
            return
        _, message_id, action, payload = frame
        calls = fleet.stats.csms_call(action)
        calls.received += 1
        reply = responder.answer(self, action, payload)
        if reply.error is not None:
            calls.call_errors[reply.error] = calls.call_errors.get(reply.error, 0) + 1
            await self._send(ws, messages.error_frame(message_id, reply.error, reply.description))
            return
        assert reply.payload is not None
        if fleet.config.strict:
            messages.check(action, "Response", reply.payload)
        calls.results += 1
        await self._send(ws, messages.result_frame(message_id, reply.payload))
        if reply.then is not None:
            reply.then()


def _seconds(text: str | None) -> float:
    """A positive number of seconds from a device-model value, else 0."""
    try:
        value = float(text or "")
    except ValueError:
        return 0.0
    return value if value > 0 and math.isfinite(value) else 0.0
