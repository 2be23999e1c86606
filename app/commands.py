"""Operator -> station -> operator: send a CSMS CALL to wherever the station is connected."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from app.metrics import CommandCounters
from app.node_liveness import NodeLiveness
from infra.cache.directory import StationDirectory
from modules.kernel import codec, schemas, topics
from modules.kernel.actions import CSMS_TO_STATION
from modules.kernel.commands import CallOutcome, UnknownCommand
from modules.kernel.envelope import Envelope, Kind, Outcome
from modules.kernel.events import Event
from modules.kernel.ports import Bus, UnitOfWork
from modules.kernel.routing import CommandRoute, HandlerContext, ResultHandler

log = logging.getLogger(__name__)

RECONNECT_WAIT_SECONDS = 2.0
"""How long a command for a station whose node is gone waits for the station to register
again elsewhere (it may be reconnecting right now) before it is answered OFFLINE."""
RECONNECT_POLL_SECONDS = 0.1


class CallSender:
    """Sends CSMS CALLs through the bus and awaits their results on this node."""

    def __init__(
        self,
        bus: Bus,
        directory: StationDirectory,
        node_id: str,
        routes: Mapping[str, CommandRoute],
        now: Callable[[], datetime],
        default_timeout: float,
        unit_of_work: UnitOfWork,
        liveness: NodeLiveness | None = None,
    ) -> None:
        self._bus = bus
        self._liveness = liveness
        self._directory = directory
        self._node_id = node_id
        self._routes = routes
        self._unit_of_work = unit_of_work
        self._now = now
        self.default_timeout = default_timeout
        self._pending: dict[str, asyncio.Future[Envelope]] = {}
        self.counters = CommandCounters()

    async def send(
        self,
        station_id: str,
        action: str,
        payload: dict[str, Any],
        timeout: float | None = None,
    ) -> CallOutcome:
        """Validate, route and send one CALL; return the station's answer or why there is none.

        Raises UnknownCommand for an action the CSMS does not send, and the schema's
        OcppError for a payload that does not conform.
        """
        started = time.perf_counter()
        outcome = await self._send(station_id, action, payload, timeout)
        self.counters.outcomes[action, outcome.outcome.value] += 1
        self.counters.latency.observe(action, time.perf_counter() - started)
        return outcome

    async def _send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None
    ) -> CallOutcome:
        if action not in CSMS_TO_STATION:
            raise UnknownCommand(f"{action} is not a CSMS-to-station action")
        schemas.validate(action, "Request", payload)
        wait = self.default_timeout if timeout is None else timeout
        node = await self._live_node_of(station_id)
        if node is None:
            return CallOutcome(Outcome.OFFLINE)
        message_id = str(uuid.uuid4())
        future: asyncio.Future[Envelope] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        envelope = Envelope(
            kind=Kind.CSMS_CALL,
            station_id=station_id,
            message_id=message_id,
            action=action,
            payload=payload,
            reply_to=self._node_id,
            timeout=wait,
        )
        try:
            await self._bus.publish(topics.node_topic(node), envelope.to_bytes())
            result = await self._result_from(node, future, wait)
        except TimeoutError:
            return CallOutcome(Outcome.TIMEOUT)
        finally:
            self._pending.pop(message_id, None)
        if result is None:
            return CallOutcome(Outcome.OFFLINE)
        return CallOutcome(
            outcome=result.outcome or Outcome.CALL_ERROR,
            response=result.payload,
            error_code=result.error_code or None,
            error_description=result.error_description or None,
            error_details=result.error_details,
        )

    async def _result_from(
        self, node: str, future: asyncio.Future[Envelope], wait: float
    ) -> Envelope | None:
        """The answer, or None when the station's node dies while it is awaited (its socket
        went with it); raises TimeoutError after `wait` seconds."""
        if self._liveness is None or node == self._node_id:
            return await asyncio.wait_for(future, wait)
        deadline = time.monotonic() + wait
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            try:
                return await asyncio.wait_for(asyncio.shield(future), min(remaining, 1.0))
            except TimeoutError:
                if not await self._liveness.alive(node):
                    return None

    async def _live_node_of(self, station_id: str) -> str | None:
        """The live node holding the station; when its entry names a dead node, wait up to
        `RECONNECT_WAIT_SECONDS` for the station to register on a live one."""
        node = await self._directory.lookup(station_id)
        if node is None or self._liveness is None or await self._liveness.alive(node):
            return node
        deadline = time.monotonic() + RECONNECT_WAIT_SECONDS
        while time.monotonic() < deadline:
            await asyncio.sleep(RECONNECT_POLL_SECONDS)
            node = await self._directory.lookup(station_id)
            if node is None:
                return None
            if await self._liveness.alive(node):
                return node
        return None

    async def on_result(self, result: Envelope) -> list[Event]:
        """A station answered: let the owning module persist what it means, then wake the
        caller. Returns the events the module emitted."""
        events: list[Event] = []
        route = self._routes.get(result.action)
        if route is not None and route.on_result is not None and result.outcome is Outcome.RESULT:
            events = await self._apply(route, route.on_result, result)
        future = self._pending.get(result.message_id)
        if future is not None and not future.done():
            future.set_result(result)
        return events

    async def _apply(
        self, route: CommandRoute, handler: ResultHandler, result: Envelope
    ) -> list[Event]:
        ctx = HandlerContext(
            station_id=result.station_id, message_id=result.message_id, now=self._now()
        )
        try:
            request: Any = codec.decode(route.request_type, result.request or {})
            response: Any = codec.decode(route.response_type, result.payload or {})
            async with self._unit_of_work():
                await handler(ctx, request, response)
        except Exception:
            log.exception(
                "result handler failed",
                extra={"station_id": result.station_id, "message_id": result.message_id},
            )
            return []
        return ctx.events
