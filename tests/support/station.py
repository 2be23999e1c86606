"""A scripted charging station speaking OCPP-J over a real websocket, for tests."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson

Frame = list[Any]
Responder = Callable[[dict[str, Any]], dict[str, Any]]
"""Answers one CSMS CALL's payload with a CALLRESULT payload."""


@dataclass(frozen=True)
class CallError:
    """A CALLERROR a station answers with."""

    code: str
    description: str
    details: dict[str, Any] = field(default_factory=dict)


class ScriptedStation:
    """Sends CALLs and awaits their answers; keeps CSMS CALLs that arrive meanwhile."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, station_id: str) -> None:
        self.ws = ws
        self.station_id = station_id
        self._ids = itertools.count(1)
        self._frames: asyncio.Queue[Frame] = asyncio.Queue()
        self.responders: dict[str, Responder] = {}
        """CSMS CALLs of these actions are answered at once by their responder (and not
        queued): a station that behaves on its own while the test looks elsewhere."""
        self._reader = asyncio.create_task(self._read())
        self.close_code: int | None = None

    @classmethod
    async def connect(
        cls,
        session: aiohttp.ClientSession,
        base_ws_url: str,
        station_id: str,
        protocols: tuple[str, ...] = ("ocpp2.0.1",),
        headers: dict[str, str] | None = None,
    ) -> ScriptedStation:
        """Open the websocket at `{base}/ocpp/{station_id}`."""
        ws = await session.ws_connect(
            f"{base_ws_url}/ocpp/{station_id}", protocols=protocols, headers=headers, autoping=True
        )
        return cls(ws, station_id)

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type is aiohttp.WSMsgType.TEXT:
                frame = orjson.loads(message.data)
                responder = self.responders.get(frame[2]) if frame[0] == 2 else None
                if responder is not None:
                    await self.reply(frame[1], responder(frame[3]))
                else:
                    await self._frames.put(frame)
        self.close_code = self.ws.close_code

    async def send_raw(self, text: str) -> None:
        """Send one text frame exactly as given."""
        await self.ws.send_str(text)

    async def send_frame(self, frame: Frame) -> None:
        """Send one frame as JSON."""
        await self.ws.send_str(orjson.dumps(frame).decode())

    async def next_frame(self, timeout: float = 10.0) -> Frame:
        """The next frame the CSMS sent."""
        return await asyncio.wait_for(self._frames.get(), timeout)

    async def call(
        self, action: str, payload: dict[str, Any], message_id: str | None = None
    ) -> Frame:
        """Send a CALL and return the CSMS's CALLRESULT or CALLERROR frame."""
        message_id = message_id or f"{self.station_id}-{next(self._ids)}"
        await self.send_frame([2, message_id, action, payload])
        return await self.answer_to(message_id)

    async def answer_to(self, message_id: str, timeout: float = 10.0) -> Frame:
        """Wait for the answer to `message_id`, leaving other frames queued."""
        skipped: list[Frame] = []
        try:
            while True:
                frame = await self.next_frame(timeout)
                if frame[0] in (3, 4) and frame[1] == message_id:
                    return frame
                skipped.append(frame)
        finally:
            for frame in skipped:
                self._frames.put_nowait(frame)

    async def expect_call(self, action: str, timeout: float = 10.0) -> Frame:
        """Wait for a CSMS CALL of `action`."""
        frame = await self.next_frame(timeout)
        assert frame[0] == 2 and frame[2] == action, f"expected CALL {action}, got {frame}"
        return frame

    async def reply(self, message_id: str, payload: dict[str, Any] | CallError) -> None:
        """Answer a CSMS CALL with a CALLRESULT, or a CALLERROR when given one."""
        if isinstance(payload, CallError):
            await self.send_frame(
                [4, message_id, payload.code, payload.description, payload.details]
            )
        else:
            await self.send_frame([3, message_id, payload])

    async def boot(self, vendor: str = "VendorX", model: str = "ModelY") -> Frame:
        """Send a PowerUp BootNotification."""
        return await self.call(
            "BootNotification",
            {"reason": "PowerUp", "chargingStation": {"vendorName": vendor, "model": model}},
        )

    async def status(
        self,
        evse: int,
        connector: int,
        status: str,
        timestamp: str = "2026-11-24T10:00:00Z",
    ) -> Frame:
        """Send a StatusNotification: `connector` of `evse` is now `status`."""
        return await self.call(
            "StatusNotification",
            {
                "timestamp": timestamp,
                "connectorStatus": status,
                "evseId": evse,
                "connectorId": connector,
            },
        )

    async def wait_closed(self, timeout: float = 10.0) -> int | None:
        """Wait until the CSMS closes the socket; returns the close code."""
        await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code

    async def close(self) -> None:
        """Close the socket."""
        await self.ws.close()
        await asyncio.gather(self._reader, return_exceptions=True)
