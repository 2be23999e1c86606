"""A tiny fake CSMS for the simulator tests: an aiohttp server that records every frame.

It answers BootNotification (interval 1; Accepted, or the next of `boot_statuses`),
Heartbeat, StatusNotification and NotifyReport, and NotSupported for everything else
(Authorize, TransactionEvent, ...). Answers go out after `answer_delay` seconds, so a station
that sent a second CALL before the first was answered is caught (`violations`). To the
stations named in `probe`, after their first StatusNotification (while it is still
unanswered), it sends the CALLs of `script` one by one, each once the previous is answered
(by default one GetVariables, then one TriggerMessage(Heartbeat)).
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer

from tests.sim.polling import poll_until

GET_VARIABLES = {
    "getVariableData": [
        {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}},
        {"component": {"name": "NoSuchCtrlr"}, "variable": {"name": "Anything"}},
    ]
}
TRIGGER_HEARTBEAT = {"requestedMessage": "Heartbeat"}


@dataclass
class Conversation:
    """What one station and the fake CSMS said to each other, in order."""

    received: list[list[Any]] = field(default_factory=list)  # frames from the station
    received_at: list[float] = field(default_factory=list)  # loop time of each of them
    sent: list[list[Any]] = field(default_factory=list)  # frames to the station
    unanswered: str | None = None
    answers: dict[str, list[Any]] = field(default_factory=dict)  # our CALL id -> its answer
    answered_at: dict[str, int] = field(default_factory=dict)  # our action -> index in received
    probed: bool = False

    def calls(self, action: str | None = None) -> list[list[Any]]:
        """The station's CALLs (of one action)."""
        return [f for f in self.received if f[0] == 2 and (action is None or f[2] == action)]

    def first_call_at(self, action: str) -> float | None:
        """Loop time at which the station's first CALL of `action` arrived."""
        for frame, at in zip(self.received, self.received_at, strict=True):
            if frame[0] == 2 and frame[2] == action:
                return at
        return None


class FakeCsms:
    """The server and what it saw, per station id."""

    def __init__(self, answer_delay: float = 0.02, probe: tuple[str, ...] = ()) -> None:
        self.answer_delay = answer_delay
        self.probe = probe
        self.script: list[tuple[str, dict[str, Any]]] = [
            ("GetVariables", GET_VARIABLES),
            ("TriggerMessage", TRIGGER_HEARTBEAT),
        ]
        self.boot_statuses: list[str] = []  # answers to the next boots; then Accepted
        self.conversations: dict[str, Conversation] = {}
        self.violations: list[str] = []
        self.open_sockets = 0
        self.protocols: list[str | None] = []
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()
        self.server: TestServer | None = None

    @property
    def url(self) -> str:
        """ws://127.0.0.1:port/ocpp."""
        assert self.server is not None
        return str(self.server.make_url("/ocpp")).replace("http://", "ws://", 1)

    async def start(self) -> None:
        """Serve on a free port."""
        app = web.Application()
        app.router.add_get("/ocpp/{station_id}", self._socket)
        self.server = TestServer(app, host="127.0.0.1", port=0)
        await self.server.start_server()

    async def close(self) -> None:
        """Stop serving."""
        for task in self._tasks:
            task.cancel()
        if self.server is not None:
            await self.server.close()

    async def wait_closed(self, timeout: float = 10.0) -> None:
        """Bounded wait until every station socket has been closed and handled."""
        await poll_until(lambda: self.open_sockets == 0, timeout)

    def _answer(self, action: str, payload: dict[str, Any]) -> tuple[int, Any]:
        if action == "BootNotification":
            status = self.boot_statuses.pop(0) if self.boot_statuses else "Accepted"
            return 3, {"currentTime": "2026-11-24T10:00:00.000Z", "interval": 1, "status": status}
        if action == "Heartbeat":
            return 3, {"currentTime": "2026-11-24T10:00:00.000Z"}
        if action in ("StatusNotification", "NotifyReport"):
            return 3, {}
        return 4, "NotSupported"

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        station_id = request.match_info["station_id"]
        ws = web.WebSocketResponse(protocols=("ocpp2.0.1",))
        await ws.prepare(request)
        self.protocols.append(ws.ws_protocol)
        talk = self.conversations.setdefault(station_id, Conversation())
        self.open_sockets += 1
        try:
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._on_frame(ws, station_id, talk, orjson.loads(message.data))
        finally:
            self.open_sockets -= 1
        return ws

    async def _send(self, ws: web.WebSocketResponse, talk: Conversation, frame: list[Any]) -> None:
        talk.sent.append(frame)
        await ws.send_str(orjson.dumps(frame).decode())

    async def _on_frame(
        self, ws: web.WebSocketResponse, station_id: str, talk: Conversation, frame: list[Any]
    ) -> None:
        talk.received.append(frame)
        talk.received_at.append(asyncio.get_running_loop().time())
        if frame[0] == 2:
            _, message_id, action, payload = frame
            if talk.unanswered is not None:
                self.violations.append(
                    f"{station_id}: CALL {message_id} {action} while {talk.unanswered} unanswered"
                )
            talk.unanswered = message_id
            self._spawn(self._answer_later(ws, talk, message_id, action, payload))
            if action == "StatusNotification" and station_id in self.probe and not talk.probed:
                talk.probed = True
                await self._next_call(ws, talk)
        elif frame[0] in (3, 4):
            talk.answers[frame[1]] = frame
            call = next(f for f in talk.sent if f[0] == 2 and f[1] == frame[1])
            talk.answered_at[call[2]] = len(talk.received) - 1
            await self._next_call(ws, talk)

    async def _next_call(self, ws: web.WebSocketResponse, talk: Conversation) -> None:
        """Send the next CALL of the script (one at a time), if any is left."""
        done = sum(1 for f in talk.sent if f[0] == 2)
        if done < len(self.script):
            action, payload = self.script[done]
            await self._send(ws, talk, [2, f"csms-{next(self._ids)}", action, payload])

    async def _answer_later(
        self,
        ws: web.WebSocketResponse,
        talk: Conversation,
        message_id: str,
        action: str,
        payload: dict[str, Any],
    ) -> None:
        await asyncio.sleep(self.answer_delay)
        kind, body = self._answer(action, payload)
        talk.unanswered = None
        if ws.closed:
            return
        if kind == 3:
            await self._send(ws, talk, [3, message_id, body])
        else:
            await self._send(ws, talk, [4, message_id, body, "not in this fake", {}])

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
