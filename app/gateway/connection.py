"""One station's websocket: inbound frame pipeline and the outbound one-call-at-a-time slot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from aiohttp import web

from app.gateway.in_flight import CallIds, StoredAnswer
from app.gateway.message_log import IN, OUT, MessageLog
from app.gateway.registration_gate import RegistrationGate
from app.gateway.send_buffer import SendBuffer
from app.metrics import GatewayCounters
from modules.kernel import framing, schemas, topics
from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.envelope import Envelope, Kind, Outcome
from modules.kernel.errors import (
    FrameError,
    InternalError,
    NotImplementedAction,
    NotSupported,
    OcppError,
    RpcFrameworkError,
    SecurityError,
)
from modules.kernel.ports import Bus
from modules.kernel.secret_values import mask_frame

log = logging.getLogger(__name__)

POLICY_VIOLATION = 1008
"""The close code for a station that does not read what it is sent (RFC 6455 §7.4.1: the
station breaks the node's policy; 1011 would blame the server)."""

ROOM_POLL_SECONDS = 1.0
"""While a station has the most CALLs in flight it may (in_flight.MAX_IN_FLIGHT), how often
the reader looks again without an answer having come (a lost answer expires after the TTL)."""


@dataclass(slots=True)
class QueuedCall:
    """A CSMS CALL waiting for this station's outstanding-call slot."""

    envelope: Envelope
    deadline: float


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """Per-connection limits."""

    queue_size: int = 100
    send_buffer_bytes: int = 1024 * 1024
    send_stall_seconds: float = 30.0


@dataclass
class StationConnection:
    """The RPC state machine of one connected station."""

    station_id: str
    connection_id: str
    node_id: str
    ws: web.WebSocketResponse
    bus: Bus
    message_log: MessageLog | None
    owned_actions: frozenset[str]
    settings: ConnectionSettings = field(default_factory=ConnectionSettings)
    gate: RegistrationGate = field(default_factory=lambda: RegistrationGate(None))
    counters: GatewayCounters = field(default_factory=GatewayCounters)
    transport: asyncio.Transport | None = None
    _queue: asyncio.Queue[QueuedCall] = field(init=False)
    _awaiting_id: str | None = field(default=None, init=False)
    _awaiting: asyncio.Future[framing.CallResult | framing.CallError] | None = field(
        default=None, init=False
    )
    _current: QueuedCall | None = field(default=None, init=False)
    _sender: asyncio.Task[None] | None = field(default=None, init=False)
    _closed: bool = field(default=False, init=False)
    _call_ids: CallIds = field(default_factory=CallIds, init=False)
    sends: SendBuffer = field(init=False)
    _room: asyncio.Event | None = field(default=None, init=False)  # while the reader waits

    def __post_init__(self) -> None:
        self._queue = asyncio.Queue(maxsize=self.settings.queue_size)
        settings = self.settings
        self.sends = SendBuffer(
            self.transport, settings.send_buffer_bytes, settings.send_stall_seconds
        )

    def start(self) -> None:
        """Start the outbound call loop."""
        self._sender = asyncio.create_task(self._send_calls())

    async def stop(self) -> None:
        """Stop sending; every call still waiting is answered OFFLINE to whoever asked."""
        self._closed = True
        await self.sends.stop()
        unanswered = [self._current] if self._current else []
        if self._sender is not None:
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender
        while not self._queue.empty():
            unanswered.append(self._queue.get_nowait())
        for queued in unanswered:
            await self._publish_result(queued.envelope, outcome=Outcome.OFFLINE)

    # ---- station -> CSMS -------------------------------------------------------------

    def held(self) -> bool:
        """True when the next frame must wait (see `readable`); cheap, checked per frame."""
        return self.sends.watching or self._call_ids.full()

    async def readable(self) -> None:
        """Wait until the next frame may be read: not while the station leaves more than the
        send buffer's limit unread, nor while in_flight.MAX_IN_FLIGHT of its CALLs are being
        handled."""
        await self.sends.writable()
        while self._call_ids.full():
            self._room = room = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(room.wait(), ROOM_POLL_SECONDS)
        self._room = None

    def _answered(self, message_id: str, answer: StoredAnswer | None) -> None:
        """A CALL of the station's was answered: room for the reader, if it waits for some."""
        self._call_ids.finish(message_id, answer)
        if self._room is not None:
            self._room.set()

    async def send_text(
        self, text: str, message_type: int, message_id: str, action: str | None = None
    ) -> None:
        """Send one frame to the station and log it."""
        self.counters.count_frame(OUT, message_type, action)
        if self.message_log is not None:
            self.message_log.record(
                self.station_id, OUT, mask_frame(text), message_type, message_id, action
            )
        if self.ws.closed:
            return
        try:
            await self.ws.send_str(text)
        except ConnectionError:
            return  # the station is gone; its reader sees the close
        self.sends.written(self._close_stuck)

    async def _close_stuck(self) -> None:
        """The station left more than the send buffer's limit unread for the stall deadline:
        close it as a policy violation. A close frame would wait behind everything it has not
        read, so the TCP connection is reset at once."""
        self.counters.send_stalls += 1
        log.warning(
            "station does not read what it is sent: connection reset (1008 policy violation)",
            extra={"station_id": self.station_id, "unsent_bytes": self.sends.pending()},
        )
        if self.transport is not None:
            self.transport.abort()
        # marks the websocket closed: nothing more is sent or read (the frame itself is lost)
        await self.ws.close(code=POLICY_VIOLATION, message=b"send buffer full", drain=False)

    async def send_error(
        self, message_id: str, error: OcppError, action: str | None = None
    ) -> None:
        """Answer with a CALLERROR."""
        self.counters.call_errors[error.code] += 1
        await self.send_text(
            framing.call_error(message_id, error), framing.CALL_ERROR, message_id, action
        )

    async def receive(self, text: str) -> None:
        """Run one inbound frame through the pipeline: parse, check, validate, publish."""
        try:
            frame = framing.parse(text)
        except FrameError as bad:
            self._log_in(text, None, None, None)
            await self.send_error(bad.message_id, bad.error)
            return
        if isinstance(frame, framing.Call):
            self._log_in(text, framing.CALL, frame.message_id, frame.action)
            await self._on_call(frame)
        else:
            kind = (
                framing.CALL_RESULT if isinstance(frame, framing.CallResult) else framing.CALL_ERROR
            )
            action = (
                self._current.envelope.action
                if self._awaiting_id == frame.message_id and self._current
                else None
            )
            self._log_in(text, kind, frame.message_id, action)
            self._on_response(frame)

    async def receive_binary(self) -> None:
        """OCPP-J is text only: a binary frame cannot be read as an RPC message."""
        self._log_in("<binary frame>", None, None, None)
        await self.send_error(
            framing.UNREADABLE_ID, RpcFrameworkError("binary frames are not OCPP-J")
        )

    def _log_in(
        self, text: str, kind: int | None, message_id: str | None, action: str | None
    ) -> None:
        self.counters.count_frame(IN, kind, action)
        if self.message_log is not None:
            self.message_log.record(self.station_id, IN, mask_frame(text), kind, message_id, action)

    async def _on_call(self, frame: framing.Call) -> None:
        if await self._answered_as_repeat(frame.message_id):
            return
        if frame.action not in ALL_ACTIONS:
            await self.send_error(
                frame.message_id, NotImplementedAction(f"Unknown action {frame.action}")
            )
            return
        if not self.gate.admits(frame.action):
            error = SecurityError(
                f"{frame.action} is not allowed before the CSMS accepted the station "
                f"(registration status: {self.gate.status or 'not booted'})"
            )
            await self.send_error(frame.message_id, error, frame.action)
            return
        if frame.action not in self.owned_actions:
            await self.send_error(
                frame.message_id, NotSupported(f"{frame.action} is not supported by this CSMS")
            )
            return
        try:
            schemas.validate(frame.action, "Request", frame.payload)
        except OcppError as error:
            await self.send_error(frame.message_id, error, frame.action)
            return
        envelope = Envelope(
            kind=Kind.STATION_CALL,
            station_id=self.station_id,
            message_id=frame.message_id,
            action=frame.action,
            payload=frame.payload,
            reply_to=self.node_id,
            connection_id=self.connection_id,
        )
        self._call_ids.start(frame.message_id)
        try:
            await self.bus.publish(
                topics.STATION_CALLS, envelope.to_bytes(), ordering_key=self.station_id
            )
        except Exception:
            self._call_ids.forget(frame.message_id)
            if self._room is not None:
                self._room.set()
            self.counters.publish_failures += 1
            log.exception(
                "publish failed",
                extra={"station_id": self.station_id, "message_id": frame.message_id},
            )
            await self.send_error(frame.message_id, InternalError("CSMS bus unavailable"))

    async def _answered_as_repeat(self, message_id: str) -> bool:
        """Part 4 §4.2.3: a CALL whose id is being handled already gets a CALLERROR; one whose
        answer was sent gets that answer again. True when the CALL was answered so."""
        ids = self._call_ids
        if ids.in_flight(message_id):
            await self.send_error(
                message_id,
                RpcFrameworkError(
                    f"a call with the same unique identifier ({message_id}) "
                    "is being handled already"
                ),
            )
            return True
        stored = ids.answered(message_id)
        if stored is None:
            return False
        await self.send_text(stored.text, stored.message_type, message_id, stored.action)
        return True

    async def deliver_reply(self, reply: Envelope) -> None:
        """Send a worker's answer to a station CALL."""
        if reply.error_code:
            self.counters.call_errors[reply.error_code] += 1
            text = framing.call_error_fields(
                reply.message_id, reply.error_code, reply.error_description, reply.error_details
            )
            # an InternalError is transient: a repeat of the CALL is run again, not replayed
            transient = reply.error_code == InternalError.code
            self._answered(
                reply.message_id,
                None if transient else StoredAnswer(reply.action, framing.CALL_ERROR, text),
            )
            await self.send_text(text, framing.CALL_ERROR, reply.message_id, reply.action)
            return
        if reply.action == "BootNotification" and reply.payload:
            self.gate.booted(str(reply.payload.get("status")))
        text = framing.call_result(reply.message_id, reply.payload or {})
        self._answered(reply.message_id, StoredAnswer(reply.action, framing.CALL_RESULT, text))
        await self.send_text(text, framing.CALL_RESULT, reply.message_id, reply.action)

    # ---- CSMS -> station -------------------------------------------------------------

    def enqueue(self, envelope: Envelope, deadline: float) -> bool:
        """Queue a CSMS CALL; False when the queue is full or the connection is closing."""
        if self._closed:
            return False
        try:
            self._queue.put_nowait(QueuedCall(envelope, deadline))
        except asyncio.QueueFull:
            return False
        return True

    def _on_response(self, frame: framing.CallResult | framing.CallError) -> None:
        if self._awaiting is None or frame.message_id != self._awaiting_id:
            log.warning(
                "response to unknown message id dropped",
                extra={"station_id": self.station_id, "message_id": frame.message_id},
            )
            return
        if not self._awaiting.done():
            self._awaiting.set_result(frame)

    async def _send_calls(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            queued = await self._queue.get()
            self._current = queued
            try:
                await self._send_one(queued, loop)
            finally:
                self._current = None

    async def _send_one(self, queued: QueuedCall, loop: asyncio.AbstractEventLoop) -> None:
        envelope = queued.envelope
        remaining = queued.deadline - loop.time()
        if remaining <= 0:
            await self._publish_result(envelope, outcome=Outcome.TIMEOUT)
            return
        self._awaiting_id = envelope.message_id
        self._awaiting = loop.create_future()
        try:
            await self.send_text(
                framing.call(envelope.message_id, envelope.action, envelope.payload or {}),
                framing.CALL,
                envelope.message_id,
                envelope.action,
            )
            answer = await asyncio.wait_for(self._awaiting, remaining)
        except TimeoutError:
            await self._publish_result(envelope, outcome=Outcome.TIMEOUT)
            return
        finally:
            self._awaiting_id = None
            self._awaiting = None
        await self._publish_answer(envelope, answer)

    async def _publish_answer(
        self, envelope: Envelope, answer: framing.CallResult | framing.CallError
    ) -> None:
        if isinstance(answer, framing.CallError):
            await self._publish_result(
                envelope,
                outcome=Outcome.CALL_ERROR,
                error_code=answer.error_code,
                error_description=answer.error_description,
                error_details=answer.error_details,
            )
            return
        try:
            schemas.validate(envelope.action, "Response", answer.payload)
        except OcppError as error:
            await self._publish_result(
                envelope,
                outcome=Outcome.CALL_ERROR,
                payload=answer.payload,
                error_code=error.code,
                error_description=f"station answered with an invalid payload: {error.description}",
            )
            return
        if envelope.action == "TriggerMessage" and answer.payload.get("status") == "Accepted":
            self.gate.trigger_accepted(str((envelope.payload or {}).get("requestedMessage")))
        await self._publish_result(envelope, outcome=Outcome.RESULT, payload=answer.payload)

    async def _publish_result(self, envelope: Envelope, **fields: object) -> None:
        await publish_result(self.bus, envelope, self.node_id, **fields)


async def publish_result(bus: Bus, call: Envelope, node_id: str, **fields: object) -> None:
    """Send the outcome of a CSMS CALL back to the node that asked for it."""
    result = Envelope(
        kind=Kind.CSMS_RESULT,
        station_id=call.station_id,
        message_id=call.message_id,
        action=call.action,
        request=call.payload,
        reply_to=call.reply_to,
        node_id=node_id,
    )
    for name, value in fields.items():
        setattr(result, name, value)
    try:
        await bus.publish(topics.node_topic(call.reply_to), result.to_bytes())
    except Exception:
        log.exception(
            "could not publish a CSMS call result",
            extra={"station_id": call.station_id, "message_id": call.message_id},
        )
